"""Target markets: importing the data files, scoring countries, recording campaigns.

Three parts:

* **Imports** (``market_data_import``): one service behind the management command and
  the admin upload form. A file is parsed and checked completely before anything is
  written; the rows and the version record are written in one transaction.
* **Scoring** (``sector_shortlist`` and the helpers above it): pure functions over a
  ``MarketSignals`` value (gathered by ``markets.selectors.market_signals``). Every
  point a country gets is a ``Reason`` shown on the page; ties are broken by the
  country code, so the same data always gives the same order.
* **Campaigns**: a sign-up's campaign and the daily job-click counter.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from markets.models import (
    JobCampaignClicks,
    MarketDataImport,
    SafeguardCountry,
    ShortageOccupation,
    SignupCampaign,
    SurplusCountry,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

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


# --- imports ----------------------------------------------------------------------------

MAX_IMPORT_BYTES = 1_000_000
MAX_IMPORT_ROWS = 20_000
MAX_REPORTED_ERRORS = 20

_FOUR_DIGITS = re.compile(r"^\d{4}$")


class MarketDataError(ValueError):
    """A file refused: ``errors`` lists what is wrong, each naming its line."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class KindSpec:
    columns: tuple[str, ...]
    key: tuple[str, ...]
    year_column: str


KINDS: dict[str, KindSpec] = {
    MarketDataImport.Kind.SHORTAGE: KindSpec(("ssyk", "outlook", "year"), ("ssyk", "year"), "year"),
    MarketDataImport.Kind.SURPLUS: KindSpec(
        ("isco", "country", "year"), ("isco", "country", "year"), "year"
    ),
    MarketDataImport.Kind.WHO: KindSpec(("country", "list_year"), ("country",), "list_year"),
}


@dataclass
class ParsedFile:
    rows: list[dict[str, Any]]
    source: str
    data_year: int


def _check_code(value: str) -> str | None:
    return None if _FOUR_DIGITS.match(value) else _("a four-digit code is expected")


def _check_value(column: str, value: str) -> tuple[Any, str | None]:
    """The cleaned value of one cell, or an error message."""
    if column in ("ssyk", "isco"):
        return value, _check_code(value)
    if column in ("year", "list_year"):
        ok = _FOUR_DIGITS.match(value) and 2000 <= int(value) <= 2100
        return (int(value) if ok else value), None if ok else _("a year such as 2026 is expected")
    if column == "country":
        code = value.upper()
        known = len(code) == 2 and code.isalpha() and code in dict(countries)
        return code, None if known else _("unknown ISO 3166 country code")
    if column == "outlook":
        ok = value in ShortageOccupation.Outlook.values
        choices = ", ".join(ShortageOccupation.Outlook.values)
        return value, None if ok else _("the outlook must be one of: %(choices)s") % {
            "choices": choices
        }
    return value, None


def _data_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of the lines that are not blank and not comments."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _source_comment(text: str) -> str:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.lower().startswith("# source:"):
            return stripped.split(":", 1)[1].strip()[:300]
    return ""


def _decode(content: bytes) -> str:
    if len(content) > MAX_IMPORT_BYTES:
        raise MarketDataError([_("The file is larger than 1 MB.")])
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MarketDataError([_("The file is not UTF-8 text.")]) from exc


def _parse_row(
    spec: KindSpec, header: list[str], number: int, values: list[str]
) -> tuple[dict[str, Any], list[str]]:
    if len(values) != len(header):
        message = _("Line %(line)d: %(found)d values, the header has %(expected)d.")
        return {}, [message % {"line": number, "found": len(values), "expected": len(header)}]
    cells = dict(zip(header, (value.strip() for value in values), strict=True))
    row: dict[str, Any] = {}
    errors = []
    for column in spec.columns:
        row[column], problem = _check_value(column, cells[column])
        if problem:
            errors.append(
                _("Line %(line)d, column %(column)s (%(value)s): %(problem)s.")
                % {
                    "line": number,
                    "column": column,
                    "value": cells[column] or "–",
                    "problem": problem,
                }
            )
    return row, errors


def market_data_parse(kind: str, content: bytes) -> ParsedFile:
    """Parse and check a whole file (pure: nothing is written). Raises
    ``MarketDataError`` naming every bad line (up to ``MAX_REPORTED_ERRORS``)."""
    spec = KINDS.get(kind)
    if spec is None:
        raise MarketDataError([_("Unknown kind of file: %(kind)s.") % {"kind": kind}])
    text = _decode(content)
    lines = list(_data_lines(text))
    if not lines:
        raise MarketDataError([_("The file has no header line.")])
    header_line, header_text = lines[0]
    header = [name.strip().lower() for name in next(csv.reader([header_text]))]
    missing = [column for column in spec.columns if column not in header]
    if missing:
        raise MarketDataError(
            [
                _(
                    "Line %(line)d: the header lacks the columns %(missing)s "
                    "(expected: %(expected)s)."
                )
                % {
                    "line": header_line,
                    "missing": ", ".join(missing),
                    "expected": ",".join(spec.columns),
                }
            ]
        )
    errors: list[str] = []
    rows: list[dict[str, Any]] = []
    first_seen: dict[tuple, int] = {}
    for number, line in lines[1:]:
        row, row_errors = _parse_row(spec, header, number, next(csv.reader([line])))
        errors += row_errors
        if row_errors:
            continue
        key = tuple(row[column] for column in spec.key)
        if key in first_seen:
            errors.append(
                _("Line %(line)d repeats line %(first)d.")
                % {"line": number, "first": first_seen[key]}
            )
            continue
        first_seen[key] = number
        rows.append(row)
    if not errors and not rows:
        errors.append(_("The file has no data rows."))
    if len(rows) > MAX_IMPORT_ROWS:
        errors.append(_("The file has more than %(max)d rows.") % {"max": MAX_IMPORT_ROWS})
    if errors:
        raise MarketDataError(errors[:MAX_REPORTED_ERRORS])
    data_year = max(row[spec.year_column] for row in rows)
    return ParsedFile(rows=rows, source=_source_comment(text), data_year=data_year)


def current_import(kind: str) -> MarketDataImport | None:
    return MarketDataImport.objects.filter(kind=kind).order_by("-imported_at", "-pk").first()


_ROW_MODELS: dict[str, Any] = {
    MarketDataImport.Kind.SHORTAGE: ShortageOccupation,
    MarketDataImport.Kind.SURPLUS: SurplusCountry,
    MarketDataImport.Kind.WHO: SafeguardCountry,
}


def market_data_import(
    *, kind: str, file_name: str, content: bytes, user: Any = None
) -> tuple[MarketDataImport, bool]:
    """Import one data file as a new version of its kind: (the version, created).

    The whole file is checked first; a bad file raises ``MarketDataError`` and
    changes nothing. A file identical (same SHA-256) to the current version of its
    kind is not imported again: (the current version, False)."""
    parsed = market_data_parse(kind, content)
    sha256 = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        current = current_import(kind)
        if current is not None and current.sha256 == sha256:
            return current, False
        version = MarketDataImport.objects.create(
            kind=kind,
            file_name=Path(file_name).name[:255],
            sha256=sha256,
            row_count=len(parsed.rows),
            source=parsed.source,
            data_year=parsed.data_year,
            imported_by=user if user is not None and user.is_authenticated else None,
        )
        model = _ROW_MODELS[kind]
        model.objects.bulk_create(model(data_import=version, **row) for row in parsed.rows)
    return version, True


# --- scoring (pure) ---------------------------------------------------------------------


@dataclass(frozen=True)
class OccupationDemand:
    """One occupation of the portal's occupation list, with the county's demand."""

    ssyk: str
    isco: str
    label: str
    sector: str
    outlook: str | None = None
    jobs: int = 0


@dataclass(frozen=True)
class MarketSignals:
    """Everything the ranking reads, gathered by ``markets.selectors.market_signals``."""

    occupations: tuple[OccupationDemand, ...]
    #: ISCO code → countries reporting a surplus.
    surplus: Mapping[str, frozenset[str]]
    who_list: frozenset[str]
    who_year: int | None
    #: Country → people whose profile names it as their country of origin.
    newcomers: Mapping[str, int]
    #: (country, sector) → buddy requests of newcomers from the country naming the sector.
    sector_interest: Mapping[tuple[str, str], int]
    #: The language codes of each active ambassador.
    ambassador_languages: tuple[frozenset[str], ...]
    country_languages: Mapping[str, tuple[str, ...]]
    #: Sector → employer enquiries from employers of the sector.
    employer_enquiries: Mapping[str, int]
    #: (country, sector) → the portal's own past hires.
    hires: Mapping[tuple[str, str], int]
    salary_floor: SalaryFloor


@dataclass(frozen=True)
class Reason:
    text: str
    points: int = 0


@dataclass(frozen=True)
class CountryLine:
    country: str
    name: str
    points: int
    route: str  # "eu" or "permit"
    reasons: tuple[Reason, ...]
    ambassadors: int
    hires: int
    needs_licence: bool
    excluded: bool = False
    exclusion: str = ""


@dataclass(frozen=True)
class SectorShortlist:
    sector: str
    demand: tuple[OccupationDemand, ...]
    jobs: int
    employer_enquiries: int
    ranked: tuple[CountryLine, ...]
    excluded: tuple[CountryLine, ...]
    who_applies: bool
    lines: tuple[CountryLine, ...] = field(default=())


def occupation_points(occupation: OccupationDemand) -> int:
    """The county's demand for an occupation: its outlook (large shortage 3, shortage
    2) plus one point per published job ad (at most 3)."""
    return OUTLOOK_POINTS.get(occupation.outlook or "", 0) + min(occupation.jobs, MAX_JOB_POINTS)


def sector_demand(signals: MarketSignals, sector: str) -> tuple[OccupationDemand, ...]:
    """The sector's occupations in demand (some points), highest demand first."""
    found = [o for o in signals.occupations if o.sector == sector and occupation_points(o) > 0]
    return tuple(sorted(found, key=lambda o: (-occupation_points(o), o.ssyk, o.label)))


def ambassadors_speaking(signals: MarketSignals, country: str) -> int:
    languages = set(signals.country_languages.get(country, ()))
    return sum(1 for spoken in signals.ambassador_languages if spoken & languages)


def _match_reasons(
    demand: tuple[OccupationDemand, ...], signals: MarketSignals, country: str
) -> list[Reason]:
    reasons = []
    for occupation in demand:
        if country in signals.surplus.get(occupation.isco, frozenset()):
            reasons.append(
                Reason(
                    _(
                        "Shortage here, surplus there: %(label)s (SSYK %(ssyk)s, ISCO "
                        "%(isco)s; outlook: %(outlook)s; published jobs: %(jobs)d)"
                    )
                    % {
                        "label": occupation.label,
                        "ssyk": occupation.ssyk,
                        "isco": occupation.isco,
                        "outlook": outlook_label(occupation.outlook),
                        "jobs": occupation.jobs,
                    },
                    occupation_points(occupation),
                )
            )
    return reasons


def outlook_label(outlook: str | None) -> str:
    if not outlook:
        return _("not in the file")
    return str(ShortageOccupation.Outlook(outlook).label)


def _supply_reasons(signals: MarketSignals, country: str, sector: str) -> list[Reason]:
    reasons = []
    newcomers = signals.newcomers.get(country, 0)
    if newcomers:
        reasons.append(
            Reason(
                _("People from this country on the portal: %(count)s")
                % {"count": small_count(newcomers)},
                min(newcomers, MAX_NEWCOMER_POINTS),
            )
        )
    interest = signals.sector_interest.get((country, sector), 0)
    if interest:
        reasons.append(
            Reason(
                _("Of them, asked for an ambassador in this sector: %(count)s")
                % {"count": small_count(interest)},
                min(interest, MAX_INTEREST_POINTS),
            )
        )
    return reasons


def _route_reasons(
    signals: MarketSignals, country: str, licensed: bool, health: bool
) -> list[Reason]:
    floor = signals.salary_floor
    if is_eu_eea(country):
        reasons = [Reason(_("EU/EEA route: free movement, no work permit"), EU_ROUTE_POINTS)]
        if health and country in NORDIC:
            reasons.append(
                Reason(
                    _("Nordic country: first choice for health (language, licence)"),
                    NORDIC_HEALTH_POINTS,
                )
            )
        if licensed:
            reasons.append(
                Reason(_("Licence needed: a Swedish licence, EU/EEA qualifications are recognised"))
            )
        return reasons
    text = _(
        "Permit route: a work permit, pay at least SEK %(floor)s a month (%(rule)s, from %(since)s)"
    ) % {
        "floor": f"{floor.monthly_sek:,}".replace(",", " "),
        "rule": floor.rule,
        "since": floor.since,
    }
    reasons = [Reason(text)]
    if licensed:
        reasons.append(
            Reason(
                _("Licence needed: training from outside the EU/EEA takes 2–4 years to license"),
                LICENCE_FROM_OUTSIDE_POINTS,
            )
        )
    return reasons


def _people_reasons(
    signals: MarketSignals, country: str, sector: str
) -> tuple[list[Reason], int, int]:
    ambassadors = ambassadors_speaking(signals, country)
    hires = signals.hires.get((country, sector), 0)
    languages = ", ".join(signals.country_languages.get(country, ())) or "–"
    reasons = [
        Reason(
            _("Ambassadors who speak the country's languages (%(languages)s): %(count)d")
            % {"languages": languages, "count": ambassadors},
            min(ambassadors, MAX_AMBASSADOR_POINTS),
        ),
        Reason(
            _("Our own past hires from this country in this sector: %(count)d") % {"count": hires},
            min(hires * POINTS_PER_HIRE, MAX_HIRE_POINTS),
        ),
    ]
    return reasons, ambassadors, hires


def small_count(count: int) -> str:
    """A count of people as shown: under ``INSIGHTS_MIN_CELL`` it is "<5"."""
    threshold = getattr(settings, "INSIGHTS_MIN_CELL", 5)
    return f"<{threshold}" if count < threshold else str(count)


def country_line(signals: MarketSignals, sector: str, country: str) -> CountryLine:
    """One country's line in a sector: its points, each with the reason, or its
    exclusion (WHO list, for health workers)."""
    demand = sector_demand(signals, sector)
    health = sector_has_health(signals, sector)
    matched = _match_reasons(demand, signals, country)
    licensed = health and any(needs_licence(o.ssyk) for o in demand)
    people, ambassadors, hires = _people_reasons(signals, country, sector)
    reasons = (
        matched
        + _supply_reasons(signals, country, sector)
        + _route_reasons(signals, country, licensed, health)
        + people
    )
    name = str(dict(countries).get(country, country))
    excluded = health and country in signals.who_list
    exclusion = ""
    if excluded:
        exclusion = _(
            "On the WHO health workforce support and safeguards list (%(year)s): health "
            "workers must not be actively recruited from this country."
        ) % {"year": signals.who_year or "–"}
    return CountryLine(
        country=country,
        name=name,
        points=sum(reason.points for reason in reasons),
        route="eu" if is_eu_eea(country) else "permit",
        reasons=tuple(reasons),
        ambassadors=ambassadors,
        hires=hires,
        needs_licence=licensed,
        excluded=excluded,
        exclusion=exclusion,
    )


def sector_has_health(signals: MarketSignals, sector: str) -> bool:
    """Whether the WHO list applies: the sector employs health workers."""
    return sector == "healthcare" or any(
        is_health_occupation(o.ssyk) for o in signals.occupations if o.sector == sector
    )


def sector_candidates(signals: MarketSignals, sector: str) -> set[str]:
    """Countries with any signal for the sector: a surplus of an occupation in
    demand, people from the country, or past hires."""
    demand = sector_demand(signals, sector)
    found: set[str] = set()
    for occupation in demand:
        found |= signals.surplus.get(occupation.isco, frozenset())
    found |= {country for country, count in signals.newcomers.items() if count}
    found |= {
        country
        for (country, hired_in), count in signals.hires.items()
        if hired_in == sector and count
    }
    found.discard(HOME_COUNTRY)
    return found


def rank_lines(lines: list[CountryLine]) -> tuple[CountryLine, ...]:
    """Most points first; ties broken by the country code (deterministic)."""
    return tuple(sorted(lines, key=lambda line: (-line.points, line.country)))


def sector_shortlist(signals: MarketSignals, sector: str) -> SectorShortlist:
    demand = sector_demand(signals, sector)
    lines = [
        country_line(signals, sector, country) for country in sector_candidates(signals, sector)
    ]
    ranked = rank_lines([line for line in lines if not line.excluded])
    excluded = tuple(
        sorted((line for line in lines if line.excluded), key=lambda line: line.country)
    )
    return SectorShortlist(
        sector=sector,
        demand=demand,
        jobs=sum(o.jobs for o in signals.occupations if o.sector == sector),
        employer_enquiries=signals.employer_enquiries.get(sector, 0),
        ranked=ranked,
        excluded=excluded,
        who_applies=sector_has_health(signals, sector),
        lines=ranked[:SHORTLIST_LENGTH],
    )


def shortlists(signals: MarketSignals, sectors: list[str]) -> list[SectorShortlist]:
    """Every sector's shortlist, the sectors with the most demand first."""
    found = [sector_shortlist(signals, sector) for sector in sectors]
    return sorted(
        found,
        key=lambda s: (-sum(occupation_points(o) for o in s.demand), sectors.index(s.sector)),
    )


# --- campaigns --------------------------------------------------------------------------


def signup_campaign_record(*, user: Any, campaign: str | None) -> SignupCampaign | None:
    """Remember the campaign of a new account's sign-up (the first one only)."""
    if not campaign:
        return None
    record, _created = SignupCampaign.objects.get_or_create(
        user=user, defaults={"campaign": campaign, "signed_up_on": timezone.localdate()}
    )
    return record


def job_click_record(*, job_id: int, campaign: str | None, kind: str) -> None:
    """Count one job page view or apply click for the campaign today (no personal data)."""
    if not campaign:
        return
    key = {"job_id": job_id, "campaign": campaign, "day": timezone.localdate(), "kind": kind}
    if JobCampaignClicks.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            JobCampaignClicks.objects.create(**key, count=1)
    except IntegrityError:  # created by a concurrent request meanwhile
        JobCampaignClicks.objects.filter(**key).update(count=F("count") + 1)
