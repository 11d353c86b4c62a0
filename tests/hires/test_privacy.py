"""Hires in the privacy registry: the export, and deletion leaving the employer only
the state."""

from __future__ import annotations

import datetime

import pytest

from hires.models import CheckIn, HireReferral
from portal.privacy import account_delete, account_export, providers
from tests.hires.factories import HireReferralFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(employer_in_are, employer_admin):
    hire = UserFactory(email="hire.private@example.org")
    partner = UserFactory(email="partner.private@example.org")
    accepted = HireReferralFactory(
        employer=employer_in_are,
        referred_by=employer_admin,
        state="accepted",
        user=hire,
        email="",
        partner_email=partner.email,
        followup_consent=True,
    )
    pending = HireReferralFactory(employer=employer_in_are, email="HIRE.PRIVATE@example.org")
    bystander = HireReferralFactory(employer=employer_in_are, email="bystander@example.org")
    for respondent in ("hire", "partner", "employer"):
        CheckIn.objects.create(
            referral=accepted,
            months=3,
            respondent=respondent,
            answered_at=datetime.datetime(2027, 5, 1, tzinfo=datetime.UTC),
            still_here=True,
            what_would_have_helped=f"HELPED-{respondent}",
        )
    return {
        "hire": hire,
        "partner": partner,
        "accepted": accepted,
        "pending": pending,
        "bystander": bystander,
    }


def test_the_export_holds_the_referrals_and_the_persons_own_answers(world):
    data = account_export(user=world["hire"])["hire_referrals"]
    assert {r["state"] for r in data} == {"accepted", "sent"}
    accepted = next(r for r in data if r["state"] == "accepted")
    assert accepted["partner_email"] == "partner.private@example.org"
    assert [c["what_would_have_helped"] for c in accepted["check_ins"]] == ["HELPED-hire"]
    partner = account_export(user=world["partner"])["hire_referrals"]
    assert [c["what_would_have_helped"] for c in partner[0]["check_ins"]] == ["HELPED-partner"]
    assert partner[0]["as"] == "partner"


def test_deleting_the_hires_account_leaves_the_employer_only_the_state(world):
    account_delete(user=world["hire"])
    accepted = HireReferral.objects.get(pk=world["accepted"].pk)
    assert accepted.state == "accepted"
    assert (accepted.user, accepted.partner_email, accepted.is_eu_citizen) == (None, "", None)
    assert list(accepted.check_ins.values_list("respondent", flat=True)) == ["employer"]
    pending = HireReferral.objects.get(pk=world["pending"].pk)
    assert (pending.state, pending.email) == ("declined", "")
    bystander = HireReferral.objects.get(pk=world["bystander"].pk)
    assert bystander.email == "bystander@example.org"


def test_deleting_the_partners_account_removes_their_address_and_answers(world):
    account_delete(user=world["partner"])
    accepted = HireReferral.objects.get(pk=world["accepted"].pk)
    assert accepted.partner_email == ""
    assert set(accepted.check_ins.values_list("respondent", flat=True)) == {"hire", "employer"}
    assert accepted.user == world["hire"]


def test_deleting_the_employer_users_account_keeps_the_referral(world, employer_admin):
    account_delete(user=employer_admin)
    assert HireReferral.objects.get(pk=world["accepted"].pk).referred_by is None


def test_the_provider_is_registered_after_the_employers():
    names = [p.name for p in providers()]
    assert names.index("hires") == names.index("employers") + 1
