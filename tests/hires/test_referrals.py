"""An employer refers a hire; the hire accepts, declines or lets the link expire; the
employer sees the state and the checklist, never the newcomer's data."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import override

from employers.models import EmployerMembership
from hires import services
from hires.models import HireReferral
from hires.rules import rules_load
from notifications.models import OutboundEmail
from portal.models import NewcomerProfile
from tests.employers.factories import EmployerFactory, EmployerMembershipFactory, JobFactory
from tests.hires.conftest import invitation_to, token_in
from tests.portal.factories import NewcomerProfileFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
HIRE = "new.hire@example.org"


def url(name: str, *args) -> str:
    with override("en"):
        return reverse(name, args=args)


@pytest.fixture
def referral(employer_admin, employer_in_are, cook, are):
    with time_machine.travel(NOW, tick=False):
        return services.referral_create(
            employer=employer_in_are,
            actor=employer_admin,
            email=HIRE,
            language="uk",
            occupation=cook,
            start_date=datetime.date(2027, 2, 1),
            municipality=are,
            is_eu_citizen=False,
            partner_comes=True,
            children_count=1,
        )


def test_the_account_page_links_to_the_referral_form(client, employer_admin):
    client.force_login(employer_admin)
    page = client.get(url("employers:account")).content.decode()
    assert url("hires:new") in page
    assert "Refer a new hire" in page


def test_an_employer_refers_a_hire_who_is_invited_in_their_language(
    client, employer_admin, cook, are
):
    client.force_login(employer_admin)
    with time_machine.travel(NOW, tick=False):
        form = client.get(url("hires:new"))
        assert form.status_code == 200
        response = client.post(
            url("hires:new"),
            {
                "email": HIRE,
                "language": "uk",
                "occupation": cook.concept_id,
                "start_date": "2027-02-01",
                "municipality": are.pk,
                "is_eu_citizen": "no",
                "partner_comes": "on",
                "children_count": "1",
            },
        )
    referral = HireReferral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("hires:detail", referral.pk)
    email = invitation_to(HIRE)
    assert email.language == "uk"
    assert "/uk/hires/invitation/?t=" in email.body
    assert referral.token_hash
    assert token_in(email) not in referral.token_hash


def test_the_hire_accepts_and_gets_a_prefilled_move_plan(client, referral, are):
    token = token_in(invitation_to(HIRE))
    hire = UserFactory(email=HIRE)
    client.force_login(hire)
    with time_machine.travel(NOW, tick=False):
        page = client.get(url("hires:invitation") + f"?t={token}")
        assert page.status_code == 200
        response = client.post(
            url("hires:invitation"),
            {"t": token, "action": "accept", "followup_consent": "on"},
        )
    assert response["Location"] == url("hires:welcome")
    referral.refresh_from_db()
    assert (referral.state, referral.user, referral.email) == ("accepted", hire, "")
    assert referral.followup_consent
    profile = NewcomerProfile.objects.get(user=hire)
    assert profile.municipality == are
    assert profile.citizenship == NewcomerProfile.Citizenship.NON_EU
    assert (profile.has_partner, profile.children_count) == (True, 1)
    assert profile.planned_arrival == datetime.date(2027, 2, 1)
    assert profile.preferred_language == "uk"
    welcome = client.get(url("hires:welcome")).content.decode()
    assert url("ambassadors:buddy") in welcome
    assert url("guides:my") in welcome
    assert 'id="partner-heading"' in welcome
    # the link is used up
    assert client.get(url("hires:invitation") + f"?t={token}").status_code == 410


def test_a_signed_out_hire_is_offered_sign_up_with_the_address_already_verified(client, referral):
    token = token_in(invitation_to(HIRE))
    with time_machine.travel(NOW, tick=False):
        page = client.get(url("hires:invitation") + f"?t={token}").content.decode()
        assert url("account_signup") + "?next=" in page
        assert client.session["account_verified_email"] == HIRE


def test_accepting_keeps_a_larger_family_the_newcomer_entered_before(client, referral):
    token = token_in(invitation_to(HIRE))
    profile = NewcomerProfileFactory(user=UserFactory(email="other@example.org"), children_count=3)
    with time_machine.travel(NOW, tick=False):
        services.referral_accept(token=token, user=profile.user)
    profile.refresh_from_db()
    assert profile.children_count == 3


def test_the_employer_sees_accepted_and_the_checklist_and_nothing_of_the_newcomer(
    client, referral, employer_admin
):
    rules_load()
    hire = UserFactory(email=HIRE, first_name="Hirefirstname")
    token = token_in(invitation_to(HIRE))
    with time_machine.travel(NOW, tick=False):
        services.referral_accept(
            token=token, user=hire, followup_consent=True, partner_email="partner.x@example.org"
        )
        client.force_login(employer_admin)
        pages = [
            client.get(url("hires:detail", referral.pk)).content.decode(),
            client.get(url("hires:list")).content.decode(),
            client.get(url("employers:account")).content.decode(),
        ]
    assert "Accepted" in pages[0]
    assert "Send the form SKV 1160" in pages[0] or "SKV 1160" in pages[0]
    assert 'id="step-advertise"' in pages[0]
    assert "34470" in pages[0]  # the rule in force at the planned offer, 1 November 2026
    for page in pages:
        for secret in (HIRE, "Hirefirstname", "partner.x@example.org"):
            assert secret not in page


def test_the_checklist_speaks_the_employer_users_language(client, referral, employer_admin):
    EmployerMembership.objects.filter(user=employer_admin).update(language="sv")
    client.force_login(employer_admin)
    with time_machine.travel(NOW, tick=False):
        page = client.get(url("hires:detail", referral.pk)).content.decode()
    assert 'lang="sv"' in page


def test_another_employer_cannot_open_the_referral(client, referral):
    other = EmployerMembershipFactory(employer=EmployerFactory()).user
    client.force_login(other)
    assert client.get(url("hires:detail", referral.pk)).status_code == 404
    assert client.post(url("hires:resend", referral.pk)).status_code == 404
    assert (
        client.post(url("hires:tick", referral.pk), {"step": "salary", "done": "on"}).status_code
        == 404
    )


def test_a_declining_hire_is_forgotten(client, referral, employer_admin):
    token = token_in(invitation_to(HIRE))
    with time_machine.travel(NOW, tick=False):
        response = client.post(url("hires:invitation"), {"t": token, "action": "decline"})
    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.state == "declined"
    assert (referral.email, referral.language, referral.token_hash) == ("", "", "")
    assert (referral.is_eu_citizen, referral.partner_comes, referral.children_count) == (
        None,
        False,
        None,
    )
    assert not OutboundEmail.objects.filter(recipient=HIRE).exists()
    client.force_login(employer_admin)
    page = client.get(url("hires:detail", referral.pk)).content.decode()
    assert "Declined" in page
    assert "SKV 1160" not in page


def test_an_invitation_expires_and_a_new_one_replaces_the_old_link(
    client, referral, employer_admin, settings
):
    settings.HIRE_INVITATION_DAYS = 30
    first = token_in(invitation_to(HIRE))
    later = NOW + datetime.timedelta(days=30)
    with time_machine.travel(later, tick=False):
        assert client.get(url("hires:invitation") + f"?t={first}").status_code == 410
        client.force_login(employer_admin)
        assert "Expired" in client.get(url("hires:list")).content.decode()
        client.post(url("hires:resend", referral.pk))
        second = token_in(invitation_to(HIRE))
        assert second != first
        client.logout()
        assert client.get(url("hires:invitation") + f"?t={first}").status_code == 410
        assert client.get(url("hires:invitation") + f"?t={second}").status_code == 200
    referral.refresh_from_db()
    assert referral.times_sent == 2


def test_an_answered_invitation_cannot_be_sent_again(referral, employer_admin, employer_in_are):
    with time_machine.travel(NOW, tick=False):
        services.referral_decline(token=token_in(invitation_to(HIRE)))
        with pytest.raises(ValidationError, match="answered"):
            services.referral_resend(
                referral_id=referral.pk, employer=employer_in_are, actor=employer_admin
            )


def test_the_employer_records_the_ad_and_ticks_steps(
    client, referral, employer_admin, employer_in_are
):
    rules_load()
    job = JobFactory(employer=employer_in_are, board_ad_id="DEMO-1")
    client.force_login(employer_admin)
    with time_machine.travel(NOW, tick=False):
        client.post(
            url("hires:detail", referral.pk),
            {
                "start_date": "2027-03-31",
                "job": job.pk,
                "board_ad_id": "",
                "offered_salary": "36000",
            },
        )
        client.post(url("hires:tick", referral.pk), {"step": "advertise", "done": "on"})
        page = client.get(url("hires:detail", referral.pk)).content.decode()
    referral.refresh_from_db()
    assert (referral.start_date, referral.board_ad_id) == (datetime.date(2027, 3, 31), "DEMO-1")
    assert url("employers:job_edit", job.pk) in page
    assert referral.ticks.filter(step="advertise").exists()
    assert "Den erbjudna lönen når lönegolvet." in page  # the employer user's language: sv


def test_a_job_of_another_employer_cannot_be_chosen(client, referral, employer_admin):
    other_job = JobFactory(employer=EmployerFactory())
    client.force_login(employer_admin)
    client.post(url("hires:detail", referral.pk), {"start_date": "2027-02-01", "job": other_job.pk})
    referral.refresh_from_db()
    assert referral.job is None


def test_the_buddy_form_is_prefilled_from_the_move_plan(client, referral, are):
    hire = UserFactory(email=HIRE)
    with time_machine.travel(NOW, tick=False):
        services.referral_accept(token=token_in(invitation_to(HIRE)), user=hire)
        client.force_login(hire)
        form = client.get(url("ambassadors:buddy")).context["form"]
    assert form.initial["municipality"] == are.pk
    assert form.initial["household"] == "family"


def test_the_prefilled_arrival_shows_in_the_date_input_in_every_language(client, referral):
    """A date input only takes an ISO value: the situation form (and the hires' forms)
    must not write the date in the page's local format (31.01.2027 in Ukrainian)."""
    hire = UserFactory(email=HIRE)
    with time_machine.travel(NOW, tick=False):
        services.referral_accept(token=token_in(invitation_to(HIRE)), user=hire)
        client.force_login(hire)
        with override("uk"):
            page = client.get(reverse("guides:situation")).content.decode()
    assert 'value="2027-02-01"' in page
