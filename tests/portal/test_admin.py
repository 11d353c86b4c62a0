"""The staff admin for partner staff: roles, organisation fields, scoped choices."""

from __future__ import annotations

from django.forms.models import model_to_dict
from django.urls import reverse

from portal.models import Organisation, StaffMembership
from tests.portal.factories import (
    NewcomerProfileFactory,
    StaffMembershipFactory,
    StaffUserFactory,
)


def change_url(obj) -> str:
    return reverse(f"admin:portal_{obj._meta.model_name}_change", args=[obj.pk])


def organisation_form_data(organisation, **changes) -> dict:
    """What the change form posts for ``organisation``, with ``changes`` applied."""
    data = {}
    for name, value in (model_to_dict(organisation) | changes).items():
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            value = [getattr(item, "pk", item) for item in value]
        data[name] = "on" if value is True else value
    return data


# --- the organisation -------------------------------------------------------------------


def test_a_coordinator_can_open_their_organisations_change_form(
    client, staff_of_ostersund, ostersunds_kommun
):
    client.force_login(staff_of_ostersund)
    response = client.get(change_url(ostersunds_kommun))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is True


def test_a_coordinator_can_change_their_organisations_contact_details(
    client, staff_of_ostersund, ostersunds_kommun
):
    client.force_login(staff_of_ostersund)
    response = client.post(
        change_url(ostersunds_kommun),
        organisation_form_data(
            ostersunds_kommun, contact_email="new@ostersund.example.org", response_time_hours=8
        ),
    )
    assert response.status_code == 302
    ostersunds_kommun.refresh_from_db()
    assert ostersunds_kommun.contact_email == "new@ostersund.example.org"
    assert ostersunds_kommun.response_time_hours == 8


def test_a_coordinator_cannot_change_their_organisations_name_kind_or_county_desk_flag(
    client, staff_of_ostersund, ostersunds_kommun
):
    client.force_login(staff_of_ostersund)
    client.post(
        change_url(ostersunds_kommun),
        organisation_form_data(
            ostersunds_kommun,
            name="Renamed",
            slug="renamed",
            kind=Organisation.Kind.NGO,
            is_county_desk=True,
        ),
    )
    ostersunds_kommun.refresh_from_db()
    assert ostersunds_kommun.name == "Östersunds kommun"
    assert ostersunds_kommun.slug == "ostersunds-kommun"
    assert ostersunds_kommun.kind == Organisation.Kind.MUNICIPALITY
    assert ostersunds_kommun.is_county_desk is False


def test_a_handler_sees_their_organisation_read_only(
    client, handler_of_ostersund, ostersunds_kommun
):
    client.force_login(handler_of_ostersund)
    response = client.get(change_url(ostersunds_kommun))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False


def test_a_handler_cannot_change_their_organisation(
    client, handler_of_ostersund, ostersunds_kommun
):
    client.force_login(handler_of_ostersund)
    response = client.post(
        change_url(ostersunds_kommun),
        organisation_form_data(ostersunds_kommun, contact_email="hijack@example.org"),
    )
    assert response.status_code == 403
    ostersunds_kommun.refresh_from_db()
    assert ostersunds_kommun.contact_email == "international@ostersund.example.org"


def test_no_partner_staff_can_add_or_delete_organisations(
    client, staff_of_ostersund, ostersunds_kommun
):
    client.force_login(staff_of_ostersund)
    assert client.get(reverse("admin:portal_organisation_add")).status_code == 403
    delete = reverse("admin:portal_organisation_delete", args=[ostersunds_kommun.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Organisation.objects.filter(pk=ostersunds_kommun.pk).exists()


def test_a_coordinator_cannot_change_another_organisation(client, staff_of_ostersund, are_kommun):
    client.force_login(staff_of_ostersund)
    response = client.post(
        change_url(are_kommun), organisation_form_data(are_kommun, contact_email="x@example.org")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    are_kommun.refresh_from_db()
    assert are_kommun.contact_email == "international@are.example.org"


# --- staff memberships --------------------------------------------------------------------


def test_a_coordinator_adding_a_membership_gets_their_organisation_set(
    client, staff_of_ostersund, ostersunds_kommun, handler_of_ostersund, are_kommun
):
    client.force_login(staff_of_ostersund)
    response = client.post(
        reverse("admin:portal_staffmembership_add"),
        {
            "user": handler_of_ostersund.pk,
            "role": StaffMembership.Role.EDITOR,
            "organisation": are_kommun.pk,
            "languages": ["sv"],
        },
    )
    assert response.status_code == 302
    membership = StaffMembership.objects.get(
        user=handler_of_ostersund, role=StaffMembership.Role.EDITOR
    )
    assert membership.organisation == ostersunds_kommun


def test_the_membership_add_form_shows_the_organisation_read_only_to_a_coordinator(
    client, staff_of_ostersund
):
    client.force_login(staff_of_ostersund)
    response = client.get(reverse("admin:portal_staffmembership_add"))
    assert "organisation" not in response.context["adminform"].form.fields
    assert "organisation" in response.context["adminform"].readonly_fields


def test_a_handler_cannot_add_memberships(client, handler_of_ostersund):
    client.force_login(handler_of_ostersund)
    assert client.get(reverse("admin:portal_staffmembership_add")).status_code == 403


def test_a_staff_member_of_two_organisations_chooses_only_between_those_two(
    client, ostersunds_kommun, region, are_kommun
):
    user = StaffUserFactory(email="two.hats@example.org")
    for organisation in (ostersunds_kommun, region):
        StaffMembershipFactory(
            user=user, organisation=organisation, role=StaffMembership.Role.COORDINATOR
        )
    client.force_login(user)
    response = client.get(reverse("admin:portal_staffmembership_add"))
    choices = response.context["adminform"].form.fields["organisation"].queryset
    assert set(choices) == {ostersunds_kommun, region}
    assert "Åre kommun" not in response.content.decode()


def test_a_staff_member_of_two_organisations_cannot_post_a_third(
    client, ostersunds_kommun, region, are_kommun
):
    user = StaffUserFactory(email="two.hats@example.org")
    for organisation in (ostersunds_kommun, region):
        StaffMembershipFactory(
            user=user, organisation=organisation, role=StaffMembership.Role.COORDINATOR
        )
    client.force_login(user)
    response = client.post(
        reverse("admin:portal_staffmembership_add"),
        {"user": user.pk, "role": StaffMembership.Role.EDITOR, "organisation": are_kommun.pk},
    )
    assert response.status_code == 200
    assert "organisation" in response.context["adminform"].form.errors
    assert not StaffMembership.objects.filter(organisation=are_kommun).exists()


def test_the_user_choices_of_a_membership_are_the_coordinators_colleagues(
    client, staff_of_ostersund, handler_of_ostersund, staff_of_are
):
    client.force_login(staff_of_ostersund)
    response = client.get(reverse("admin:portal_staffmembership_add"))
    choices = response.context["adminform"].form.fields["user"].queryset
    assert handler_of_ostersund in choices
    assert staff_of_are not in choices


def test_the_membership_list_filter_offers_only_the_users_organisations(
    client, staff_of_ostersund, staff_of_are
):
    client.force_login(staff_of_ostersund)
    response = client.get(reverse("admin:portal_staffmembership_changelist"))
    body = response.content.decode()
    assert "Östersunds kommun" in body
    assert "Åre kommun" not in body


def test_the_user_list_shows_colleagues_and_not_other_organisations_staff(
    client, staff_of_ostersund, handler_of_ostersund, staff_of_are
):
    client.force_login(staff_of_ostersund)
    response = client.get(reverse("admin:portal_user_changelist"))
    listed = set(response.context["cl"].result_list)
    assert listed == {staff_of_ostersund, handler_of_ostersund}


# --- newcomer profiles ---------------------------------------------------------------------


def test_the_newcomer_profile_list_is_closed_to_partner_staff(
    client, staff_of_ostersund, newcomer_in_are
):
    client.force_login(staff_of_ostersund)
    response = client.get(reverse("admin:portal_newcomerprofile_changelist"))
    assert response.status_code == 403


def test_newcomer_profiles_are_not_in_the_admin_index_for_partner_staff(client, staff_of_ostersund):
    client.force_login(staff_of_ostersund)
    response = client.get(reverse("admin:index"))
    models = [m["object_name"] for app in response.context["app_list"] for m in app["models"]]
    assert "NewcomerProfile" not in models
    assert "Organisation" in models


def test_a_colleagues_own_newcomer_profile_is_closed_to_partner_staff(
    client, staff_of_ostersund, handler_of_ostersund, ostersund
):
    profile = NewcomerProfileFactory(user=handler_of_ostersund, municipality=ostersund)
    client.force_login(staff_of_ostersund)
    url = reverse("admin:portal_newcomerprofile_change", args=[profile.pk])
    assert client.get(url).status_code == 403


def test_a_superuser_lists_every_newcomer_profile(client, superuser, newcomer_in_are):
    client.force_login(superuser)
    response = client.get(reverse("admin:portal_newcomerprofile_changelist"))
    assert [p.user for p in response.context["cl"].result_list] == [newcomer_in_are]
