"""Reference facts the ranking uses: EU/EEA, Nordic, licensed and health occupations,
the salary floor and the languages of each country."""

from __future__ import annotations

import csv
import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from markets.models import (
    ShortageOccupation,
)

#: The data files shipped with the app (markets/data/).
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# --- reference facts --------------------------------------------------------------------

#: EU member states, the other EEA states (IS, LI, NO) and Switzerland: free movement,
#: no work permit.
EU_EEA_CH = frozenset(
    {
        *("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"),
        *("IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"),
        *("IS", "LI", "NO", "CH"),
    }
)
#: The Nordic countries besides Sweden ("Nordic first" for health: language and
#: licence recognition).
NORDIC = frozenset({"DK", "FI", "IS", "NO"})
#: The portal's own country: never a target market.
HOME_COUNTRY = "SE"

#: SSYK-4 prefixes of professions that need a Swedish licence from the National Board
#: of Health and Welfare (physicians 221x, nurses 222x, midwives 223x, dentists 226x,
#: psychologists 2671 among the county's occupations).
LICENSED_SSYK_PREFIXES = ("221", "222", "223", "226", "2671")
#: SSYK-4 prefixes of health workers (the WHO safeguards list applies to them): the
#: licensed professions plus assistant nurses (532x).
HEALTH_SSYK_PREFIXES = (*LICENSED_SSYK_PREFIXES, "532")

#: Points of the county's outlook for an occupation.
OUTLOOK_POINTS: dict[str, int] = {
    ShortageOccupation.Outlook.LARGE_SHORTAGE.value: 3,
    ShortageOccupation.Outlook.SHORTAGE.value: 2,
}
#: Caps, so one strong signal cannot outweigh every other.
MAX_JOB_POINTS = 3
MAX_NEWCOMER_POINTS = 3
MAX_INTEREST_POINTS = 2
MAX_AMBASSADOR_POINTS = 3
POINTS_PER_HIRE = 2
MAX_HIRE_POINTS = 4
EU_ROUTE_POINTS = 2
NORDIC_HEALTH_POINTS = 1
LICENCE_FROM_OUTSIDE_POINTS = -1
#: How many ranked countries a sector's shortlist shows (the CSV has them all).
SHORTLIST_LENGTH = 10


def needs_licence(ssyk: str) -> bool:
    return ssyk.startswith(LICENSED_SSYK_PREFIXES)


def is_health_occupation(ssyk: str) -> bool:
    return ssyk.startswith(HEALTH_SSYK_PREFIXES)


def is_eu_eea(country: str) -> bool:
    return country in EU_EEA_CH


@dataclass(frozen=True)
class SalaryFloor:
    monthly_sek: int
    rule: str
    since: datetime.date
    to_check: bool


def permit_salary_floor(on: datetime.date, *, path: Path | None = None) -> SalaryFloor:
    """The salary floor for a first work permit on ``on``.

    Read from ``markets/data/salary_floor.json`` until the hires rule table (issue 18)
    exists; then this function should read that table instead."""
    data = json.loads((path or DATA_DIR / "salary_floor.json").read_text(encoding="utf-8"))
    floors = sorted((datetime.date.fromisoformat(item["from"]), item) for item in data["floors"])
    chosen = floors[0]
    for since, item in floors:
        if since <= on:
            chosen = (since, item)
    since, item = chosen
    return SalaryFloor(
        monthly_sek=int(item["monthly_sek"]),
        rule=str(item["rule"]),
        since=since,
        to_check=bool(item.get("check", False)),
    )


def country_languages(*, path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """Country code → the languages (ISO 639-1) spoken there, from the data file."""
    text = (path or DATA_DIR / "country_languages.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {
        row["country"].strip().upper(): tuple(row["languages"].split())
        for row in csv.DictReader(lines)
    }
