"""A coordinator cannot capture another municipality's enquiries or buddy requests.

Reproduced as Östersund's coordinator against Åre: a routing rule for Åre's area
with a high priority, or Åre added to Östersunds kommun's "municipalities covered".
Only the county desk routes outside an organisation's own municipalities, and
overlaps are refused, never decided by id order.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from ambassadors.services import responsible_organisation
from enquiries.models import RoutingRule
from portal.models import Organisation
from tests.enquiries.factories import RoutingRuleFactory, schools_fixture  # noqa: F401
from tests.portal.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def rule_form(topic, municipality, **extra) -> dict:
    return {
        "topic": topic.pk,
        "municipality": municipality.pk if municipality else "",
        "language": "",
        "priority": 100,
        "is_active": "on",
        "note": "",
        **extra,
    }


def test_a_coordinator_cannot_add_a_routing_rule_for_another_municipality(
    client, staff_of_ostersund, are, schools, region
):
    client.force_login(staff_of_ostersund)
    response = client.post(reverse("admin:enquiries_routingrule_add"), rule_form(schools, are))
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("municipality")
    assert not RoutingRule.objects.exists()


def test_a_coordinator_cannot_add_a_rule_for_every_municipality(
    client, staff_of_ostersund, schools, region
):
    client.force_login(staff_of_ostersund)
    client.post(reverse("admin:enquiries_routingrule_add"), rule_form(schools, None))
    assert not RoutingRule.objects.exists()


def test_a_coordinator_adds_a_rule_for_their_own_municipality(
    client, staff_of_ostersund, ostersund, ostersunds_kommun, schools, region
):
    client.force_login(staff_of_ostersund)
    response = client.post(
        reverse("admin:enquiries_routingrule_add"), rule_form(schools, ostersund)
    )
    assert response.status_code == 302
    assert RoutingRule.objects.get().organisation == ostersunds_kommun


def test_a_coordinator_cannot_take_over_another_organisations_rule_in_a_shared_municipality(
    client, staff_of_ostersund, ostersund, schools, region
):
    """Both cover Östersund; the NGO already routes school questions there."""
    ngo = OrganisationFactory(name="Newcomers' association", kind=Organisation.Kind.NGO)
    ngo.municipalities.add(ostersund)
    RoutingRuleFactory(topic=schools, municipality=ostersund, organisation=ngo, priority=0)
    client.force_login(staff_of_ostersund)
    client.post(reverse("admin:enquiries_routingrule_add"), rule_form(schools, ostersund))
    assert list(RoutingRule.objects.values_list("organisation", flat=True)) == [ngo.pk]


def test_the_county_desk_routes_anywhere_but_never_into_a_tie(
    client, staff_of_region, are, are_kommun, region, schools
):
    RoutingRuleFactory(topic=schools, municipality=are, organisation=are_kommun, priority=100)
    client.force_login(staff_of_region)
    response = client.post(reverse("admin:enquiries_routingrule_add"), rule_form(schools, are))
    assert response.context["adminform"].form.has_error("priority")
    response = client.post(
        reverse("admin:enquiries_routingrule_add"), rule_form(schools, are, priority=200)
    )
    assert response.status_code == 302
    assert RoutingRule.objects.filter(organisation=region, municipality=are).exists()


def test_a_coordinator_cannot_change_the_municipalities_their_organisation_covers(
    client, staff_of_ostersund, ostersunds_kommun, ostersund, are
):
    client.force_login(staff_of_ostersund)
    url = reverse("admin:portal_organisation_change", args=[ostersunds_kommun.pk])
    form = client.get(url).context["adminform"].form
    assert "municipalities" not in form.fields
    client.post(
        url,
        {
            "municipalities": [ostersund.pk, are.pk],
            "contact_email": ostersunds_kommun.contact_email,
            "response_time_hours": 16,
            "enquiry_assignment": "least_loaded",
            "enquiry_retention_days": 730,
        },
    )
    assert list(ostersunds_kommun.municipalities.all()) == [ostersund]


def test_a_second_municipal_organisation_for_a_municipality_is_refused(
    client, superuser, ostersunds_kommun, are_kommun, ostersund, are
):
    client.force_login(superuser)
    url = reverse("admin:portal_organisation_change", args=[ostersunds_kommun.pk])
    response = client.post(
        url,
        {
            "name": ostersunds_kommun.name,
            "slug": ostersunds_kommun.slug,
            "kind": "municipality",
            "municipalities": [ostersund.pk, are.pk],
            "contact_email": ostersunds_kommun.contact_email,
            "response_time_hours": 16,
            "enquiry_assignment": "least_loaded",
            "enquiry_retention_days": 730,
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("municipalities")
    assert list(ostersunds_kommun.municipalities.all()) == [ostersund]


def test_when_two_municipal_organisations_cover_a_municipality_the_county_desk_takes_it(
    are_kommun, are, region
):
    second = OrganisationFactory(name="Åre again", kind=Organisation.Kind.MUNICIPALITY)
    second.municipalities.add(are)
    assert responsible_organisation(are) == region


def test_a_municipalitys_own_organisation_takes_its_buddy_requests(are_kommun, are, region):
    assert responsible_organisation(are) == are_kommun
