"""Employer e-mails come in their recipient's language: an English-speaking employer
user gets English, a Swedish-speaking one Swedish."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.translation import override

from employers import services
from employers.models import Employer, EmployerMembership
from events.models import Event
from notifications.models import OutboundEmail
from tests.employers.factories import EmployerMembershipFactory, JobFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 4, 10, 0, tzinfo=datetime.UTC)


def last_email_to(address: str) -> OutboundEmail:
    return OutboundEmail.objects.filter(recipient=address).latest("pk")


def registration_form(municipality) -> dict:
    return {
        "name": "Fjällbygdens Vård AB",
        "org_number": "556036-0793",
        "municipality": municipality.pk,
        "sector": "healthcare",
        "size": Employer.Size.SMALL,
    }


@pytest.mark.parametrize(
    ("language", "subject"),
    [("en", "Your organisation is approved"), ("sv", "Er organisation är godkänd")],
)
def test_the_vetting_decision_comes_in_the_language_the_employer_registered_in(
    client, are, business_organisation, language, subject
):
    user = UserFactory(email=f"hr-{language}@example.org")
    client.force_login(user)
    with override(language):
        url = reverse("employers:register")
    assert client.post(url, registration_form(are)).status_code == 302
    membership = EmployerMembership.objects.get(user=user)
    assert membership.language == language
    services.employer_vet(employer_id=membership.employer_id, approve=True)
    email = last_email_to(user.email)
    assert (email.language, email.subject) == (language, subject)
    assert f"/{language}/employers/account/" in email.body


@pytest.mark.parametrize(
    ("language", "subject"),
    [("en", "Invitation to act for"), ("sv", "Inbjudan att företräda")],
)
def test_an_invitation_comes_in_the_inviters_language_and_the_colleague_keeps_it(
    employer_admin, employer_in_are, language, subject
):
    invitation = services.invitation_create(
        employer=employer_in_are,
        invited_by=employer_admin,
        email="colleague@example.org",
        language=language,
    )
    email = last_email_to("colleague@example.org")
    assert email.language == language
    assert email.subject.startswith(subject)
    colleague = UserFactory(email="colleague@example.org")
    membership = services.invitation_accept(token=invitation.token, user=colleague)
    assert membership.language == language


def test_a_person_chooses_the_language_of_their_emails(client, employer_admin):
    client.force_login(employer_admin)
    response = client.post(reverse("employers:email_language"), {"language": "en"})
    assert response.status_code == 302
    assert EmployerMembership.objects.get(user=employer_admin).language == "en"


def test_a_job_closed_at_its_deadline_tells_each_administrator_in_their_language(
    employer_in_are,
):
    english = EmployerMembershipFactory(employer=employer_in_are, language="en").user
    swedish = EmployerMembershipFactory(employer=employer_in_are, language="sv").user
    JobFactory(employer=employer_in_are, deadline=datetime.date(2026, 12, 1))
    with time_machine.travel(NOW, tick=False):
        assert services.jobs_close_expired() == 1
    assert last_email_to(english.email).subject == "Your job ad has closed: Nurse"
    assert last_email_to(swedish.email).language == "sv"
    assert "Sjuksköterska" in last_email_to(swedish.email).subject


@pytest.mark.parametrize("language", ["en", "sv"])
def test_a_training_confirmation_comes_in_the_employer_users_language(
    employer_in_are, business_organisation, language
):
    person = EmployerMembershipFactory(employer=employer_in_are, language=language).user
    start = NOW + datetime.timedelta(days=10)
    training = Event.objects.create(
        slug="recruiting-from-abroad",
        title="Rekrytera från utlandet",
        kind=Event.Kind.TRAINING,
        audience=Event.Audience.EMPLOYERS,
        organisation=business_organisation,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        place="Campus Östersund",
        capacity=2,
    )
    with time_machine.travel(NOW, tick=False):
        services.training_register(
            employer=employer_in_are, event_id=training.pk, users=[person], actor=person
        )
    assert last_email_to(person.email).language == language
