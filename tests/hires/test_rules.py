"""The rule table: the salary floor and the exempt occupations in force on a date,
on both sides of every change in docs/EMPLOYERS.md."""

from __future__ import annotations

import datetime

import pytest

from hires.models import ExemptOccupation, SalaryFloorRule
from hires.rules import exempt_occupation, rules_load, salary_floor_rule

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def rules():
    rules_load()


@pytest.mark.parametrize(
    ("day", "floor", "share"),
    [
        (D(2023, 10, 31), 13000, None),
        (D(2023, 11, 1), 27360, 80),
        (D(2026, 5, 31), 27360, 80),
        (D(2026, 6, 1), 33390, 90),
        (D(2026, 6, 30), 33390, 90),
        (D(2026, 7, 1), 34470, 90),
    ],
)
def test_the_first_permits_floor_on_both_sides_of_each_change(rules, day, floor, share):
    rule = salary_floor_rule(day)
    assert (rule.floor, rule.share_percent) == (floor, share)
    assert rule.source_url.startswith("https://")


@pytest.mark.parametrize(
    ("day", "floor"),
    [
        (D(2023, 10, 31), 13000),
        (D(2026, 5, 31), 27360),
        (D(2026, 6, 1), 29680),
        (D(2026, 7, 1), 30640),
    ],
)
def test_an_extension_keeps_80_percent_during_the_transition(rules, day, floor):
    assert salary_floor_rule(day, permit_kind=SalaryFloorRule.PermitKind.EXTENSION).floor == floor


def test_loading_twice_keeps_staff_edits(rules):
    SalaryFloorRule.objects.filter(effective_from=D(2026, 6, 1)).update(needs_check=False)
    assert rules_load() == 0
    assert (
        SalaryFloorRule.objects.filter(effective_from=D(2026, 6, 1), needs_check=True).count() == 0
    )


def test_an_occupation_is_exempt_only_within_its_dates():
    ExemptOccupation.objects.create(
        ssyk="5120",
        label="Cooks",
        effective_from=D(2026, 5, 25),
        effective_until=D(2027, 5, 24),
        source_url="https://www.migrationsverket.se/",
        source_date=D(2026, 5, 25),
    )
    assert exempt_occupation("5120", D(2026, 5, 24)) is None
    assert exempt_occupation("5120", D(2026, 5, 25)).label == "Cooks"
    assert exempt_occupation("5120", D(2027, 5, 24)) is not None
    assert exempt_occupation("5120", D(2027, 5, 25)) is None
    assert exempt_occupation("2221", D(2026, 6, 1)) is None
