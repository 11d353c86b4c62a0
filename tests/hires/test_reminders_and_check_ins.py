"""Reminders before the checklist's due dates, and the follow-up check-ins."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.translation import override

from hires import services
from hires.models import CheckIn, StepReminder
from notifications.models import OutboundEmail
from tests.hires.conftest import token_in
from tests.hires.factories import HireReferralFactory
from tests.portal.factories import NewcomerProfileFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day: datetime.date):
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC), tick=False
    )


@pytest.fixture
def referral(employer_admin, employer_in_are, settings):
    settings.HIRE_REMINDER_DAYS = 7
    return HireReferralFactory(
        employer=employer_in_are,
        referred_by=employer_admin,
        start_date=D(2027, 1, 31),
        is_eu_citizen=True,
    )


def reminders() -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(key__startswith="hires:reminder:"))


def test_a_reminder_goes_once_before_a_due_date(referral, employer_admin):
    with at(D(2027, 1, 23)):
        assert services.step_reminders_send() == 0  # 8 days before: not yet
    with at(D(2027, 1, 24)):
        assert services.step_reminders_send() == 2  # registration and insurances, 31 January
        assert services.step_reminders_send() == 0  # never twice
    with at(D(2027, 1, 30)):
        assert services.step_reminders_send() == 0
    (first, *_rest) = reminders()
    assert first.recipient == employer_admin.email
    assert first.language == "sv"  # the employer user's e-mail language
    assert first.subject.startswith("Senast")
    assert "/hires/" in first.body


def test_a_ticked_step_gets_no_reminder(referral):
    referral.ticks.create(step="registration")
    with at(D(2027, 1, 24)):
        assert services.step_reminders_send() == 1
    assert StepReminder.objects.get().step == "insurances"


def test_a_start_that_moves_rearms_the_reminders(referral):
    with at(D(2027, 2, 5)):
        assert services.step_reminders_send() == 1  # tax, 12 February
        referral.start_date = D(2027, 2, 10)
        referral.save()
        # the new start: registration and insurances due 10 February
        assert services.step_reminders_send() == 2
    with at(D(2027, 3, 5)):
        assert services.step_reminders_send() == 1  # tax again: now due 12 March
    assert set(StepReminder.objects.filter(step="tax").values_list("due_date", flat=True)) == {
        D(2027, 2, 12),
        D(2027, 3, 12),
    }


def test_reminders_stop_for_a_declined_hire(referral):
    referral.state = "declined"
    referral.save()
    with at(D(2027, 1, 24)):
        assert services.step_reminders_send() == 0


@pytest.fixture
def accepted(referral):
    hire = UserFactory(email="hire.accepted@example.org")
    NewcomerProfileFactory(user=hire, preferred_language="uk")
    partner = UserFactory(email="partner.account@example.org")
    referral.state = "accepted"
    referral.user = hire
    referral.email = ""
    referral.followup_consent = True
    referral.partner_email = partner.email
    referral.save()
    return referral


def check_in_emails() -> dict[str, OutboundEmail]:
    return {e.recipient: e for e in OutboundEmail.objects.filter(key__startswith="hires:check_in:")}


def test_check_ins_at_3_months_to_the_hire_the_partner_and_the_employer(accepted, employer_admin):
    with at(D(2027, 4, 29)):
        assert services.check_ins_send() == 0
    with at(D(2027, 4, 30)):  # 31 January + 3 months, clamped
        assert services.check_ins_send() == 3
        assert services.check_ins_send() == 0
    emails = check_in_emails()
    assert set(emails) == {
        "hire.accepted@example.org",
        "partner.account@example.org",
        employer_admin.email,
    }
    assert emails["hire.accepted@example.org"].language == "uk"
    assert set(CheckIn.objects.values_list("months", flat=True)) == {3}


def test_no_check_ins_without_consent(accepted):
    accepted.followup_consent = False
    accepted.save()
    with at(D(2027, 4, 30)):
        assert services.check_ins_send() == 0


def test_a_partner_without_an_account_is_not_asked(accepted):
    accepted.partner_email = "no.account@example.org"
    accepted.save()
    with at(D(2027, 4, 30)):
        assert services.check_ins_send() == 2


def test_an_answer_is_a_row_and_stopping_is_one_click_and_final(client, accepted):
    with at(D(2027, 4, 30)):
        services.check_ins_send()
    token = token_in(check_in_emails()["hire.accepted@example.org"])
    with override("en"):
        page = reverse("hires:check_in")
    with at(D(2027, 5, 2)):
        form = client.get(f"{page}?t={token}").content.decode()
        assert 'dir="auto"' in form
        client.post(
            page, {"t": token, "still_here": "yes", "what_would_have_helped": "Ett bostadstips"}
        )
        assert client.get(f"{page}?t={token}").status_code == 410  # answered
    answer = CheckIn.objects.get(respondent="hire")
    assert (answer.still_here, answer.what_would_have_helped) == (True, "Ett bostadstips")

    employer_token = token_in(
        next(e for r, e in check_in_emails().items() if "hire" not in r and "partner" not in r)
    )
    with at(D(2027, 5, 2)):
        client.post(page, {"t": employer_token, "action": "stop"})
    accepted.refresh_from_db()
    assert accepted.employer_followup_stopped_at is not None
    assert accepted.followup_stopped_at is None
    partner_token = token_in(check_in_emails()["partner.account@example.org"])
    with at(D(2027, 5, 2)):
        client.post(page, {"t": partner_token, "action": "stop"})
    with at(D(2028, 1, 31)):  # 12 months: nobody asked any more
        assert services.check_ins_send() == 0
