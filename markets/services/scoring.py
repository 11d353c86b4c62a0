"""Scoring countries (pure functions over ``MarketSignals``, gathered by
``markets.selectors.market_signals``). Every point a country gets is a ``Reason``
shown on the page; ties are broken by the country code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django_countries import countries

from markets.models import (
    ShortageOccupation,
)
from markets.services.facts import (
    EU_ROUTE_POINTS,
    HOME_COUNTRY,
    LICENCE_FROM_OUTSIDE_POINTS,
    MAX_AMBASSADOR_POINTS,
    MAX_HIRE_POINTS,
    MAX_INTEREST_POINTS,
    MAX_JOB_POINTS,
    MAX_NEWCOMER_POINTS,
    NORDIC,
    NORDIC_HEALTH_POINTS,
    OUTLOOK_POINTS,
    POINTS_PER_HIRE,
    SHORTLIST_LENGTH,
    SalaryFloor,
    is_eu_eea,
    is_health_occupation,
    needs_licence,
)

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
    #: Counts of people under this are shown as "<N" (``INSIGHTS_MIN_CELL``); their
    #: points go by band, so the points never tell a small count either.
    min_cell: int = 5


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
                % {"count": small_count(newcomers, signals.min_cell)},
                min(band(newcomers, signals.min_cell), MAX_NEWCOMER_POINTS),
            )
        )
    interest = signals.sector_interest.get((country, sector), 0)
    if interest:
        reasons.append(
            Reason(
                _("Of them, asked for an ambassador in this sector: %(count)s")
                % {"count": small_count(interest, signals.min_cell)},
                min(band(interest, signals.min_cell), MAX_INTEREST_POINTS),
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
            _("Ambassadors who speak the country's languages (%(languages)s): %(count)s")
            % {"languages": languages, "count": small_count(ambassadors, signals.min_cell)},
            min(band(ambassadors, signals.min_cell), MAX_AMBASSADOR_POINTS),
        ),
        Reason(
            _("Our own past hires from this country in this sector: %(count)s")
            % {"count": small_count(hires, signals.min_cell)},
            min(band(hires, signals.min_cell) * POINTS_PER_HIRE, MAX_HIRE_POINTS),
        ),
    ]
    return reasons, ambassadors, hires


def small_count(count: int, min_cell: int) -> str:
    """A count of people as shown: under ``min_cell`` (``INSIGHTS_MIN_CELL``) it is
    "<5"."""
    return f"<{min_cell}" if count < min_cell else str(count)


def band(count: int, min_cell: int) -> int:
    """The points of a count of people: 0 for none, 1 under ``min_cell``, 2 under
    twice that, 3 from there up (so points never tell a small count)."""
    if count <= 0:
        return 0
    if count < min_cell:
        return 1
    return 2 if count < 2 * min_cell else 3


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
