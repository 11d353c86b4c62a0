"""Employers' enquiries ("help us recruit a nurse from abroad"): the same routing,
promise and triage as a newcomer's, tied to the employer, seen by its people only."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from employers import services
from enquiries.business_hours import add_business_hours
from enquiries.forms import RoutingRuleForm
from enquiries.models import Audience, Enquiry, RoutingDecision
from enquiries.services.routing import enquiry_route
from enquiries.services.submission import enquiry_submit
from enquiries.services.triage import enquiry_reply, enquiry_resolve
from portal import privacy
from portal.models import Organisation, StaffMembership
from tests.employers.factories import EmployerFactory, EmployerMembershipFactory
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    RoutingRuleFactory,
    TopicFactory,
    healthcare_fixture,
    routing_fixture,
    schools_fixture,
)
from tests.portal.factories import (
    OrganisationFactory,
    StaffMembershipFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)  # a Monday, 10:00 in Sweden
QUESTION = "We want to recruit a nurse from abroad. Where do we start?"


@pytest.fixture
def employment_service(are, ostersund):
    organisation = OrganisationFactory(
        name="Arbetsförmedlingen",
        slug="arbetsformedlingen",
        kind=Organisation.Kind.EMPLOYMENT_SERVICE,
        contact_email="jamtland@af.example.org",
        response_time_hours=24,
    )
    organisation.municipalities.add(are, ostersund)
    return organisation


@pytest.fixture
def permits(db):
    return TopicFactory(slug="work-permits", name="Work and permits")


@pytest.fixture
def employer_rules(routing, business_organisation, employment_service, permits):
    """Employers' enquiries: recruiting abroad to the employment service, the rest
    to the business organisation (newcomers keep the rules of ``routing``)."""
    return {
        "any": RoutingRuleFactory(audience=Audience.EMPLOYER, organisation=business_organisation),
        "permits": RoutingRuleFactory(
            audience=Audience.EMPLOYER, topic=permits, organisation=employment_service
        ),
        "newcomer_permits": RoutingRuleFactory(
            topic=permits, organisation=routing["healthcare"].organisation
        ),
    }


def ask(user, topic, municipality, *, email="hr@example.org") -> Enquiry:
    return services.employer_enquiry_submit(
        user=user,
        topic=topic,
        municipality=municipality,
        language="en",
        message=QUESTION,
        contact_email=email,
    )


def test_an_employers_enquiry_goes_to_the_employment_service_with_its_promise(
    employer_rules, employer_admin, employer_in_are, permits, are, employment_service
):
    with time_machine.travel(NOW, tick=False):
        enquiry = ask(employer_admin, permits, are)
        decision = enquiry_route(enquiry_id=enquiry.pk)
        enquiry.refresh_from_db()
        assert enquiry.audience == Audience.EMPLOYER
        assert enquiry.employer == employer_in_are
        assert enquiry.user == employer_admin
        assert decision.kind == RoutingDecision.Kind.RULE
        assert decision.rule == employer_rules["permits"]
        assert enquiry.organisation == employment_service
        assert enquiry.status == Enquiry.Status.OPEN
        assert enquiry.due_at == add_business_hours(NOW, employment_service.response_time_hours)


def test_a_rule_for_employers_beats_a_more_specific_rule_for_everyone(
    employer_rules, employer_admin, schools, are, business_organisation
):
    # Schools in Åre go to the municipality for newcomers; an employer's question
    # about schools (onboarding a family) goes to the business organisation.
    enquiry = ask(employer_admin, schools, are)
    enquiry_route(enquiry_id=enquiry.pk)
    enquiry.refresh_from_db()
    assert enquiry.organisation == business_organisation


def test_a_newcomers_enquiry_never_matches_a_rule_for_employers(
    employer_rules, permits, are, region
):
    enquiry = enquiry_submit(
        topic=permits,
        municipality=are,
        language="en",
        message="Which permit do I need to work here?",
        contact_email="newcomer@example.org",
    )
    enquiry_route(enquiry_id=enquiry.pk)
    enquiry.refresh_from_db()
    assert enquiry.audience == Audience.NEWCOMER
    assert enquiry.employer is None
    assert enquiry.organisation == region  # the rule for everyone, not the employers'


def test_a_signed_in_employer_user_gets_the_form_filled_and_the_enquiry_tied_to_the_employer(
    client, employer_rules, employer_admin, employer_in_are, permits, are
):
    client.force_login(employer_admin)
    url = reverse("employers:enquiry_new")
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    assert form["contact_email"].value() == employer_admin.email
    assert form["municipality"].value() == are.pk
    response = client.post(
        url,
        {
            "topic": permits.pk,
            "municipality": are.pk,
            "language": "en",
            "message": QUESTION,
            "contact_email": employer_admin.email,
            "consent": "on",
        },
    )
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert (enquiry.audience, enquiry.employer) == (Audience.EMPLOYER, employer_in_are)


def test_a_signed_out_employer_can_ask_too(client, employer_rules, permits, are):
    response = client.post(
        reverse("employers:enquiry_new"),
        {
            "topic": permits.pk,
            "municipality": are.pk,
            "language": "sv",
            "message": QUESTION,
            "contact_email": "hr@example.org",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert (enquiry.audience, enquiry.employer, enquiry.user) == (Audience.EMPLOYER, None, None)


def test_the_employers_page_links_to_the_employer_form(client, db):
    page = client.get(reverse("employers:index")).content.decode()
    assert reverse("employers:enquiry_new") in page


def test_colleagues_follow_the_status_and_nobody_else_does(
    client, employer_rules, employer_admin, employer_in_are, permits, are
):
    enquiry = ask(employer_admin, permits, are)
    enquiry_route(enquiry_id=enquiry.pk)
    colleague = EmployerMembershipFactory(employer=employer_in_are, role="member").user
    other_employer_user = EmployerMembershipFactory(employer=EmployerFactory()).user
    newcomers = enquiry_submit(
        topic=permits,
        municipality=are,
        language="en",
        message="NEWCOMER-SECRET which permit do I need?",
        contact_email=employer_admin.email,  # even from the same address
    )
    url = reverse("employers:account")

    client.force_login(colleague)
    page = client.get(url).content.decode()
    assert enquiry.display_reference in page
    assert newcomers.display_reference not in page
    assert QUESTION not in page  # the status, not the text

    client.force_login(other_employer_user)
    page = client.get(url).content.decode()
    assert enquiry.display_reference not in page
    assert "No questions yet" in page or "Inga frågor" in page


def test_staff_triage_an_employers_enquiry_as_a_newcomers_with_the_employer_marker(
    client, employer_rules, employer_admin, employer_in_are, permits, are, employment_service
):
    handler = StaffMembershipFactory(
        user=StaffUserFactory(email="handler@af.example.org"),
        organisation=employment_service,
        role=StaffMembership.Role.HANDLER,
    ).user
    with time_machine.travel(NOW, tick=False):
        enquiry = ask(employer_admin, permits, are)
        enquiry_route(enquiry_id=enquiry.pk)
        client.force_login(handler)
        queue = client.get(reverse("admin:enquiries_enquiry_changelist")).content.decode()
        assert enquiry.reference in queue
        assert employer_in_are.name in queue
        filtered = client.get(
            reverse("admin:enquiries_enquiry_changelist") + "?audience__exact=employer"
        )
        assert enquiry.reference in filtered.content.decode()
        change = client.get(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]))
        assert employer_in_are.name in change.content.decode()
        enquiry.refresh_from_db()
        enquiry_reply(enquiry=enquiry, body="Start with a job ad on Platsbanken.", actor=handler)
        enquiry.refresh_from_db()
        assert enquiry.first_response_at == NOW
        enquiry_resolve(enquiry=enquiry, actor=handler)
        enquiry.refresh_from_db()
        assert enquiry.status == Enquiry.Status.RESOLVED


def test_the_employer_name_is_shown_to_staff_only_where_the_enquiry_is_theirs(
    client, employer_rules, employer_admin, employer_in_are, permits, are, staff_of_ostersund
):
    enquiry = ask(employer_admin, permits, are)
    enquiry_route(enquiry_id=enquiry.pk)
    client.force_login(staff_of_ostersund)  # another organisation's staff
    queue = client.get(reverse("admin:enquiries_enquiry_changelist")).content.decode()
    assert enquiry.reference not in queue
    assert employer_in_are.name not in queue


def test_the_senders_data_is_exported_and_erased_and_colleagues_keep_only_the_status(
    client, employer_rules, employer_admin, employer_in_are, permits, are
):
    enquiry = ask(employer_admin, permits, are, email=employer_admin.email)
    enquiry_route(enquiry_id=enquiry.pk)
    colleague = EmployerMembershipFactory(employer=employer_in_are, role="member").user

    (item,) = privacy.account_export(user=employer_admin)["enquiries"]
    assert item["message"] == QUESTION
    assert (item["asked_by"], item["employer"]) == ("employer", employer_in_are.name)
    # A colleague's export holds none of it: the enquiry is its sender's.
    assert privacy.account_export(user=colleague)["enquiries"] == []

    privacy.account_delete(user=employer_admin)
    enquiry.refresh_from_db()
    assert (enquiry.message, enquiry.contact_email, enquiry.user) == ("", "", None)
    assert enquiry.anonymised_at is not None
    client.force_login(colleague)
    page = client.get(reverse("employers:account")).content.decode()
    assert enquiry.display_reference in page
    assert QUESTION not in page


def test_a_rule_for_employers_does_not_tie_with_a_rule_for_everyone(
    routing, business_organisation, healthcare
):
    base = {"topic": healthcare.pk, "language": "", "priority": 0, "is_active": "on"}
    for_employers = RoutingRuleForm(
        {**base, "audience": "employer", "organisation": business_organisation.pk}
    )
    assert for_employers.is_valid(), for_employers.errors
    for_everyone = RoutingRuleForm(
        {**base, "audience": "", "organisation": business_organisation.pk}
    )
    assert not for_everyone.is_valid()  # the region's rule has this priority already
    assert "priority" in for_everyone.errors
