"""The employer's checklist for one hire: the steps and their due dates.

Pure functions of the referral's facts (start date, citizenship, permit end date, ...):
nothing here reads the clock or the database. Month arithmetic is by the calendar: a
day that does not exist in the target month becomes that month's last day (31 January
plus one month is 28 or 29 February), never "+30 days".
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

#: The authorities' pages each step links to.
PLATSBANKEN = "https://arbetsformedlingen.se/for-arbetsgivare"
EURES = "https://eures.europa.eu/"
MIGRATION_AGENCY = "https://www.migrationsverket.se/"
TAX_AGENCY = "https://www.skatteverket.se/"
EXPERT_TAX_BOARD = "https://www.forskarskattenamnden.se/"

#: The ad must have run this many days by the offer.
ADVERTISING_DAYS = 10
#: The day of the month after the start by which the tax agency's form is due.
TAX_FORM_DAY = 12
#: The expert-tax application must reach the board within this many months.
EXPERT_TAX_MONTHS = 3


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole calendar months, clamped to the target month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def tax_form_due(start: datetime.date) -> datetime.date:
    """The 12th of the month after the start (31 December → 12 January)."""
    return add_months(start.replace(day=1), 1).replace(day=TAX_FORM_DAY)


def expert_tax_due(start: datetime.date) -> datetime.date:
    """Three calendar months after the start (30 November 2026 → 28 February 2027)."""
    return add_months(start, EXPERT_TAX_MONTHS)


def offer_by(start: datetime.date, lead_months: int | None = None) -> datetime.date:
    """The planned day of the offer: early enough for the permit to be decided by the
    start (``HIRE_PERMIT_LEAD_MONTHS`` before it)."""
    months = settings.HIRE_PERMIT_LEAD_MONTHS if lead_months is None else lead_months
    return add_months(start, -months)


@dataclass(frozen=True)
class Facts:
    """What the steps depend on."""

    start: datetime.date
    is_eu_citizen: bool
    expert_tax_applies: bool = False
    permit_end: datetime.date | None = None
    lead_months: int | None = None


@dataclass(frozen=True)
class StepSpec:
    key: str
    title: Promise
    explanation: Promise
    links: tuple[tuple[str, str], ...]
    due: datetime.date | None


def _non_eu_steps(facts: Facts) -> list[StepSpec]:
    offer = offer_by(facts.start, facts.lead_months)
    migration = (("migrationsverket.se", MIGRATION_AGENCY),)
    steps = [
        StepSpec(
            "advertise",
            _("Advertise the job for at least 10 days"),
            _(
                "Before the offer, the job must have been advertised in Sweden and in the "
                "EU/EEA and Switzerland (the employment service's job board or EURES) for at "
                "least 10 days. Keep the ad id: the migration agency asks for it."
            ),
            (("arbetsformedlingen.se", PLATSBANKEN), ("eures.europa.eu", EURES)),
            offer - datetime.timedelta(days=ADVERTISING_DAYS),
        ),
        StepSpec(
            "salary",
            _("Check the pay against the salary floor"),
            _(
                "At the offer, the pay and terms must be at least those of the collective "
                "agreement or what is customary in the occupation, and at least the salary "
                "floor below, unless the occupation is exempt."
            ),
            migration,
            offer,
        ),
        StepSpec(
            "offer",
            _("Make the offer of employment; the union gives its opinion"),
            _(
                "Make the offer of employment in the migration agency's e-service before the "
                "hire applies. The union gives its opinion on the terms. The hire then applies, "
                "and family members apply at the same time."
            ),
            migration,
            offer,
        ),
        StepSpec(
            "insurances",
            _("Insurances from the first day"),
            _(
                "Health, life, occupational injury and occupational pension insurance must "
                "apply from the first day of work."
            ),
            migration,
            facts.start,
        ),
        StepSpec(
            "right_to_work",
            _("Check the right to work and keep copies"),
            _(
                "Before the first day, check the hire's residence permit card. Keep copies "
                "for the whole employment and 12 months after it."
            ),
            migration,
            facts.start - datetime.timedelta(days=1),
        ),
        StepSpec(
            "tax_form",
            _("Send the tax agency's form SKV 1160"),
            _("Send form SKV 1160 to the tax agency by the 12th of the month after the start."),
            (("skatteverket.se", TAX_AGENCY),),
            tax_form_due(facts.start),
        ),
    ]
    steps += _expert_tax(facts)
    steps.append(
        StepSpec(
            "extension",
            _("Keep the permit's terms and apply for an extension in time"),
            _(
                "Every month, keep the pay and insurances at the permit's level, and report "
                "worse terms within a month where the agency requires it. Apply for an "
                "extension before the permit expires (a permit runs for up to 2 years). "
                "Enter the permit's end date to get a reminder."
            ),
            migration,
            facts.permit_end,
        )
    )
    return steps


def _expert_tax(facts: Facts) -> list[StepSpec]:
    if not facts.expert_tax_applies:
        return []
    return [
        StepSpec(
            "expert_tax",
            _("Apply for the expert tax relief"),
            _(
                "For experts, researchers and key persons with high pay who have not lived "
                "in Sweden in the last 5 years: 25 per cent of the pay is tax-free for 7 "
                "years. The application must reach the board within 3 months of the start; a "
                "late one is refused."
            ),
            (("forskarskattenamnden.se", EXPERT_TAX_BOARD),),
            expert_tax_due(facts.start),
        )
    ]


def _eu_steps(facts: Facts) -> list[StepSpec]:
    tax = (("skatteverket.se", TAX_AGENCY),)
    return [
        StepSpec(
            "registration",
            _("Help with the registration"),
            _(
                "An EU/EEA or Swiss citizen needs no permit. Someone who will live in Sweden "
                "for a year or more registers with the tax agency's population register: "
                "help the hire book the visit from their first day."
            ),
            tax,
            facts.start,
        ),
        StepSpec(
            "insurances",
            _("Insurances from the first day"),
            _(
                "Health, life, occupational injury and occupational pension insurance must "
                "apply from the first day of work."
            ),
            (("migrationsverket.se", MIGRATION_AGENCY),),
            facts.start,
        ),
        StepSpec(
            "tax",
            _("Tax from the first pay"),
            _(
                "Deduct tax from the first pay and report it to the tax agency in the "
                "employer's declaration by the 12th of the month after the start."
            ),
            tax,
            tax_form_due(facts.start),
        ),
        *_expert_tax(facts),
    ]


def steps_for(facts: Facts) -> list[StepSpec]:
    """The steps of a hire's checklist with their due dates, in the order of the move."""
    return _eu_steps(facts) if facts.is_eu_citizen else _non_eu_steps(facts)


def salary_check_date(facts: Facts) -> datetime.date:
    """The day whose salary-floor rule applies: the planned offer."""
    return offer_by(facts.start, facts.lead_months)
