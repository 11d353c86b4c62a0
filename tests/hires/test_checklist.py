"""The checklist's due dates: pure functions of the referral's facts."""

from __future__ import annotations

import datetime

import pytest

from hires.checklist import Facts, add_months, expert_tax_due, offer_by, steps_for, tax_form_due

D = datetime.date


def due_dates(facts: Facts) -> dict[str, datetime.date | None]:
    return {step.key: step.due for step in steps_for(facts)}


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2027, 1, 31), 1, D(2027, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2027, 1, 31), 3, D(2027, 4, 30)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2027, 12, 15), 1, D(2028, 1, 15)),
        (D(2027, 5, 31), -3, D(2027, 2, 28)),
        (D(2027, 1, 15), -3, D(2026, 10, 15)),
    ],
)
def test_months_are_calendar_months_clamped_to_the_months_end(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (D(2027, 1, 31), D(2027, 2, 12)),  # a month's end: the month after, not +30 days
        (D(2027, 1, 1), D(2027, 2, 12)),
        (D(2027, 12, 31), D(2028, 1, 12)),  # the year turns
        (D(2027, 2, 28), D(2027, 3, 12)),
    ],
)
def test_the_tax_agencys_form_is_due_the_12th_of_the_month_after_the_start(start, expected):
    assert tax_form_due(start) == expected


def test_the_expert_tax_application_is_due_three_calendar_months_after_the_start():
    assert expert_tax_due(D(2027, 1, 31)) == D(2027, 4, 30)
    assert expert_tax_due(D(2027, 11, 30)) == D(2028, 2, 29)


def test_a_non_eu_hire_starting_at_a_months_end(settings):
    settings.HIRE_PERMIT_LEAD_MONTHS = 3
    facts = Facts(
        start=D(2027, 1, 31),
        is_eu_citizen=False,
        expert_tax_applies=True,
        permit_end=D(2029, 1, 30),
    )
    assert offer_by(facts.start) == D(2026, 10, 31)
    assert due_dates(facts) == {
        "advertise": D(2026, 10, 21),  # 10 days before the planned offer
        "salary": D(2026, 10, 31),
        "offer": D(2026, 10, 31),
        "insurances": D(2027, 1, 31),
        "right_to_work": D(2027, 1, 30),  # before the first day
        "tax_form": D(2027, 2, 12),
        "expert_tax": D(2027, 4, 30),
        "extension": D(2029, 1, 30),
    }


def test_a_non_eu_hire_without_expert_tax_or_permit_end_date():
    dates = due_dates(Facts(start=D(2027, 3, 1), is_eu_citizen=False, lead_months=3))
    assert "expert_tax" not in dates
    assert dates["extension"] is None  # shown, waiting for the permit's end date
    assert dates["advertise"] == D(2026, 11, 21)


def test_an_eu_hire_gets_the_shorter_list():
    dates = due_dates(Facts(start=D(2027, 3, 15), is_eu_citizen=True))
    assert dates == {
        "registration": D(2027, 3, 15),
        "insurances": D(2027, 3, 15),
        "tax": D(2027, 4, 12),
    }


def test_a_start_that_moves_moves_every_due_date():
    before = due_dates(Facts(start=D(2027, 3, 15), is_eu_citizen=False, lead_months=3))
    after = due_dates(Facts(start=D(2027, 5, 31), is_eu_citizen=False, lead_months=3))
    assert after["tax_form"] == D(2027, 6, 12)
    assert after["offer"] == D(2027, 2, 28)
    assert all(after[key] != before[key] for key in before if before[key] is not None)
