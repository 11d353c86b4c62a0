"""The rule table: the salary floor for a work permit and the exempt occupations.

``RULES`` are the values of the project's facts file (docs/EMPLOYERS.md), loaded by a
data migration and the demo seed; staff keep the table up to date in the admin. The
pickers choose the row in force on a date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from hires.models import ExemptOccupation, SalaryFloorRule

MIGRATION_AGENCY = "https://www.migrationsverket.se/"
STATISTICS_SWEDEN = "https://www.scb.se/"
FIRST = SalaryFloorRule.PermitKind.FIRST
EXTENSION = SalaryFloorRule.PermitKind.EXTENSION


@dataclass(frozen=True)
class RuleSpec:
    permit_kind: str
    effective_from: datetime.date
    share_percent: int | None
    median_wage: int | None
    floor: int
    source_url: str
    source_date: datetime.date
    needs_check: bool
    note: str


D = datetime.date
#: The salary floor as docs/EMPLOYERS.md gives it. The fixed SEK 13,000 applied "until
#: November 2023"; its first day is not in the facts file, so it stands from 2000.
RULES = [
    *[
        RuleSpec(kind, D(2000, 1, 1), None, None, 13000, MIGRATION_AGENCY, D(2023, 11, 1),
                 False, "A fixed amount until November 2023.")
        for kind in (FIRST, EXTENSION)
    ],
    *[
        RuleSpec(kind, D(2023, 11, 1), 80, 34200, 27360, STATISTICS_SWEDEN, D(2023, 11, 1),
                 False, "80 % of the median wage.")
        for kind in (FIRST, EXTENSION)
    ],
    RuleSpec(FIRST, D(2026, 6, 1), 90, 37100, 33390, MIGRATION_AGENCY, D(2026, 6, 1),
             True, "90 % of the median wage for a first permit."),
    RuleSpec(FIRST, D(2026, 7, 1), 90, 38300, 34470, STATISTICS_SWEDEN, D(2026, 6, 30),
             True, "90 % of the median wage published in June 2026."),
    RuleSpec(EXTENSION, D(2026, 6, 1), 80, 37100, 29680, MIGRATION_AGENCY, D(2026, 6, 1),
             True, "80 % still for some extensions during a transition."),
    RuleSpec(EXTENSION, D(2026, 7, 1), 80, 38300, 30640, STATISTICS_SWEDEN, D(2026, 6, 30),
             True, "80 % of the median wage published in June 2026, during a transition."),
]  # fmt: skip

#: The exempt-occupation list applies from this date (its content is kept by staff).
EXEMPT_LIST_FROM = D(2026, 5, 25)


def rules_load(rule_model=SalaryFloorRule) -> int:
    """Add the facts file's rows that are missing (idempotent; staff edits are kept)."""
    created = 0
    for spec in RULES:
        _row, made = rule_model.objects.get_or_create(
            permit_kind=spec.permit_kind,
            effective_from=spec.effective_from,
            defaults={
                "share_percent": spec.share_percent,
                "median_wage": spec.median_wage,
                "floor": spec.floor,
                "source_url": spec.source_url,
                "source_date": spec.source_date,
                "needs_check": spec.needs_check,
                "note": spec.note,
            },
        )
        created += made
    return created


def salary_floor_rule(on: datetime.date, *, permit_kind: str = FIRST) -> SalaryFloorRule | None:
    """The rule in force on ``on``: the latest one in force from that day or earlier."""
    return (
        SalaryFloorRule.objects.filter(permit_kind=permit_kind, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )


def exempt_occupation(ssyk: str, on: datetime.date) -> ExemptOccupation | None:
    """The exemption of an occupation in force on ``on``, if any."""
    return (
        ExemptOccupation.objects.filter(ssyk=ssyk, effective_from__lte=on)
        .filter(Q(effective_until__isnull=True) | Q(effective_until__gte=on))
        .order_by("-effective_from")
        .first()
    )
