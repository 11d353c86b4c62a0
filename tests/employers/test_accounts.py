"""Employer accounts: registration, vetting, colleagues, the network listing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import override

from employers import services
from employers.models import Employer, EmployerInvitation, EmployerMembership
from tests.employers.factories import EmployerMembershipFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def registration(**changes) -> dict:
    data = {
        "name": "Bergets Skogsservice AB",
        "org_number": "5560360793",
        "municipality": "",
        "sector": "forestry",
        "size": "10-49",
        "website": "",
    }
    data.update(changes)
    return data


def test_an_employer_registers_and_waits_for_vetting_as_its_administrator(
    client, are, business_organisation, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="owner@skogsservice.example.org")
    client.force_login(user)
    with override("en"):
        url = reverse("employers:register")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, registration(municipality=are.pk), follow=True)
    employer = Employer.objects.get()
    assert employer.org_number == "556036-0793"
    assert employer.status == Employer.Status.PENDING
    assert employer.organisation == business_organisation
    assert EmployerMembership.objects.get(user=user).role == EmployerMembership.Role.ADMIN
    page = response.content.decode()
    assert "format checked (Limited company)" in page
    assert [message.to for message in mailoutbox] == [["vetting@foretagarna.example.org"]]


def test_a_bad_number_gets_a_translated_error_and_the_form_keeps_what_was_typed(
    client, are, business_organisation
):
    client.force_login(UserFactory())
    with override("sv"):
        url = reverse("employers:register")
    response = client.post(url, registration(municipality=are.pk, org_number="556016-0681"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Det här är inte ett giltigt svenskt organisationsnummer" in page
    assert 'value="556016-0681"' in page
    assert 'value="Bergets Skogsservice AB"' in page
    assert not Employer.objects.exists()


def test_a_number_already_registered_is_refused(client, are, employer_in_are):
    client.force_login(UserFactory())
    with override("en"):
        url = reverse("employers:register")
    response = client.post(
        url, registration(municipality=are.pk, org_number=employer_in_are.org_number)
    )
    assert "already registered" in response.content.decode()
    assert Employer.objects.count() == 1


def test_an_administrator_invites_a_colleague_who_accepts(
    client, employer_admin, employer_in_are, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            employer=employer_in_are, invited_by=employer_admin, email="Colleague@Example.org"
        )
    assert mailoutbox[-1].to == ["colleague@example.org"]
    assert invitation.token in mailoutbox[-1].body
    colleague = UserFactory(email="colleague@example.org")
    client.force_login(colleague)
    response = client.post(reverse("employers:invitation", args=[invitation.token]))
    assert response.status_code == 302
    membership = EmployerMembership.objects.get(user=colleague)
    assert membership.employer == employer_in_are
    assert membership.role == EmployerMembership.Role.MEMBER
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_an_invitation_cannot_be_accepted_by_another_address(employer_admin, employer_in_are):
    invitation = services.invitation_create(
        employer=employer_in_are, invited_by=employer_admin, email="colleague@example.org"
    )
    with pytest.raises(ValidationError):
        services.invitation_accept(token=invitation.token, user=UserFactory(email="x@example.org"))


def test_a_colleague_cannot_invite(employer_in_are):
    colleague = EmployerMembershipFactory(
        employer=employer_in_are, role=EmployerMembership.Role.MEMBER
    ).user
    with pytest.raises(services.PermissionDenied):
        services.invitation_create(
            employer=employer_in_are, invited_by=colleague, email="a@example.org"
        )
    assert not EmployerInvitation.objects.exists()


def test_the_last_administrator_cannot_leave_but_a_colleague_can_be_removed(
    client, employer_admin, employer_in_are
):
    admin_membership = EmployerMembership.objects.get(user=employer_admin)
    colleague = EmployerMembershipFactory(
        employer=employer_in_are, role=EmployerMembership.Role.MEMBER
    )
    client.force_login(employer_admin)
    client.post(reverse("employers:member_remove", args=[admin_membership.pk]))
    assert EmployerMembership.objects.filter(pk=admin_membership.pk).exists()
    client.post(reverse("employers:member_remove", args=[colleague.pk]))
    assert not EmployerMembership.objects.filter(pk=colleague.pk).exists()


def test_an_administrator_can_leave_once_another_is_administrator(employer_admin, employer_in_are):
    other = EmployerMembershipFactory(employer=employer_in_are)
    mine = EmployerMembership.objects.get(user=employer_admin)
    services.membership_remove(
        membership_id=mine.pk, employer=employer_in_are, actor=employer_admin
    )
    assert list(employer_in_are.memberships.all()) == [other]


def test_an_employer_user_cannot_touch_another_employers_people(
    client, employer_admin, business_organisation
):
    stranger = EmployerMembershipFactory(employer__organisation=business_organisation)
    client.force_login(employer_admin)
    client.post(reverse("employers:member_remove", args=[stranger.pk]))
    assert EmployerMembership.objects.filter(pk=stranger.pk).exists()


def test_only_consenting_approved_network_members_are_listed(client, employer_in_are, are):
    services.employer_update_network(
        employer=employer_in_are, is_network_member=True, listing_consent=False
    )
    with override("en"):
        url = reverse("employers:index")
    assert employer_in_are.name not in client.get(url).content.decode()
    services.employer_update_network(
        employer=employer_in_are, is_network_member=True, listing_consent=True
    )
    assert employer_in_are.name in client.get(url).content.decode()


def test_staff_of_the_business_organisation_approve_a_new_employer(
    client,
    staff_of_business,
    employer_admin,
    employer_in_are,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    Employer.objects.filter(pk=employer_in_are.pk).update(status=Employer.Status.PENDING)
    client.force_login(staff_of_business)
    url = reverse("admin:employers_employer_change", args=[employer_in_are.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "approve", "reason": ""})
    employer_in_are.refresh_from_db()
    assert employer_in_are.status == Employer.Status.APPROVED
    assert mailoutbox[-1].to == [employer_admin.email]


def test_an_invited_person_sees_the_invitation_when_signed_in(
    client, employer_admin, employer_in_are
):
    invitation = services.invitation_create(
        employer=employer_in_are, invited_by=employer_admin, email="colleague@example.org"
    )
    client.force_login(UserFactory(email="colleague@example.org"))
    with override("en"):
        page = client.get(reverse("employers:register")).content.decode()
        accept = reverse("employers:invitation", args=[invitation.token])
    assert employer_in_are.name in page
    assert accept in page
