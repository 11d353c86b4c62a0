"""Employers' personal data in the privacy registry, and what employers never see."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import override

from employers.models import Employer, EmployerInvitation, EmployerMembership
from portal.privacy import account_delete, account_export
from tests.employers.factories import EmployerInvitationFactory, EmployerMembershipFactory

pytestmark = pytest.mark.django_db


def test_the_download_lists_the_persons_employer_roles_and_invitations(employer_admin):
    membership = EmployerMembership.objects.get(user=employer_admin)
    EmployerInvitationFactory(employer=membership.employer, email=employer_admin.email.upper())
    data = account_export(user=employer_admin)
    assert data["employer_roles"][0]["employer"] == membership.employer.name
    assert data["employer_roles"][0]["role"] == "admin"
    assert data["employer_invitations"][0]["email"] == employer_admin.email.upper()


def test_deleting_the_account_keeps_the_employer_and_hands_over_the_administrator_role(
    employer_admin, employer_in_are
):
    colleague = EmployerMembershipFactory(
        employer=employer_in_are, role=EmployerMembership.Role.MEMBER
    )
    EmployerInvitationFactory(employer=employer_in_are, email=employer_admin.email)
    account_delete(user=employer_admin)
    assert Employer.objects.filter(pk=employer_in_are.pk).exists()
    colleague.refresh_from_db()
    assert colleague.role == EmployerMembership.Role.ADMIN
    assert not EmployerInvitation.objects.filter(email=employer_admin.email).exists()


def test_no_employer_page_shows_a_newcomers_data(client, employer_admin, newcomer_in_are):
    client.force_login(employer_admin)
    with override("en"):
        pages = [
            reverse(f"employers:{name}")
            for name in ("index", "account", "job_new", "jobs", "jobs_feed_json")
        ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert newcomer_in_are.email not in response.content.decode(), url
