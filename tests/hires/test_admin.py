"""The staff admin: the rule table is read by all staff and changed by the county
desk; referrals are seen by the staff who vet the employer, without the hire's data."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from hires.models import SalaryFloorRule
from hires.rules import rules_load
from tests.hires.factories import HireReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rule(db):
    rules_load()
    return SalaryFloorRule.objects.get(
        permit_kind="first", effective_from=datetime.date(2026, 6, 1)
    )


def change(client, rule, floor: int):
    return client.post(
        reverse("admin:hires_salaryfloorrule_change", args=[rule.pk]),
        {
            "permit_kind": "first",
            "effective_from": "2026-06-01",
            "share_percent": "90",
            "median_wage": "37100",
            "floor": str(floor),
            "source_url": "https://www.migrationsverket.se/",
            "source_date": "2026-06-01",
            "needs_check": "",
            "note": "checked",
        },
    )


def test_the_county_desk_changes_a_rule(client, staff_of_region, rule):
    client.force_login(staff_of_region)
    response = change(client, rule, 33400)
    assert response.status_code == 302, response.content.decode()[:500]
    rule.refresh_from_db()
    assert (rule.floor, rule.needs_check) == (33400, False)


def test_other_staff_read_the_rules_but_cannot_change_them(client, staff_of_ostersund, rule):
    client.force_login(staff_of_ostersund)
    listing = client.get(reverse("admin:hires_salaryfloorrule_changelist"))
    assert listing.status_code == 200
    assert "33390" in listing.content.decode()
    assert change(client, rule, 1).status_code == 403
    rule.refresh_from_db()
    assert rule.floor == 33390
    assert client.get(reverse("admin:hires_salaryfloorrule_add")).status_code == 403


def test_the_vetting_staff_see_the_referral_but_not_the_hires_address(
    client, staff_of_business, employer_in_are
):
    referral = HireReferralFactory(employer=employer_in_are, email="private.hire@example.org")
    client.force_login(staff_of_business)
    page = client.get(reverse("admin:hires_hirereferral_change", args=[referral.pk]))
    assert page.status_code == 200
    assert "private.hire@example.org" not in page.content.decode()


def test_staff_of_another_organisation_do_not_see_the_referral(
    client, staff_of_ostersund, employer_in_are
):
    referral = HireReferralFactory(employer=employer_in_are)
    client.force_login(staff_of_ostersund)
    listing = client.get(reverse("admin:hires_hirereferral_changelist")).content.decode()
    assert f"/{referral.pk}/change/" not in listing
    page = client.get(reverse("admin:hires_hirereferral_change", args=[referral.pk]))
    assert page.status_code in (302, 403, 404)
