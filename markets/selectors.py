"""Reading the portal's data for the target-market ranking and the campaign table."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, Sum

from ambassadors.models import Ambassador, AmbassadorLanguage, BuddyRequest
from employers.models import Occupation
from employers.models.employers import Sector
from employers.selectors import public_jobs
from enquiries.models import Audience, Enquiry
from hires.models import HireReferral
from markets.models import (
    JobCampaignClicks,
    MarketDataImport,
    SafeguardCountry,
    ShortageOccupation,
    SignupCampaign,
    SurplusCountry,
)
from markets.services import (
    MarketSignals,
    OccupationDemand,
    country_languages,
    current_import,
    permit_salary_floor,
)
from portal.models import NewcomerProfile

#: The sectors a newcomer names in a buddy request (ambassadors' list) → the employer
#: sectors they point to.
BUDDY_SECTOR_TO_EMPLOYER_SECTORS = {
    "healthcare": ("healthcare",),
    "forestry": ("forestry", "land_forest_water"),
    "energy": ("sustainable_energy",),
    "hospitality": ("hospitality", "experiences"),
    "digital": ("digital",),
    "education": ("public_sector",),
    "public": ("public_sector",),
    "engineering": ("other",),
    "other": ("other",),
}


def sectors() -> list[str]:
    return list(Sector.values)


def sector_label(sector: str) -> str:
    return str(Sector(sector).label) if sector in Sector.values else sector


def past_hires_by_country() -> dict[tuple[str, str], int]:
    """(country, sector) → the portal's own past hires: referred hires who accepted,
    by the country of origin in their newcomer profile and the hiring employer's
    sector. A hire who has not stated a country is not counted (one query)."""
    rows = (
        HireReferral.objects.filter(state=HireReferral.State.ACCEPTED)
        .exclude(user__newcomer_profile__country_of_origin="")
        .exclude(user__newcomer_profile__country_of_origin__isnull=True)
        .values("user__newcomer_profile__country_of_origin", "employer__sector")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        (str(row["user__newcomer_profile__country_of_origin"]), row["employer__sector"]): row["n"]
        for row in rows
    }


def _occupations() -> tuple[OccupationDemand, ...]:
    shortage = current_import(MarketDataImport.Kind.SHORTAGE)
    outlook: dict[str, str] = {}
    if shortage is not None:
        # the newest year per SSYK code
        for row in ShortageOccupation.objects.filter(data_import=shortage).order_by("year"):
            outlook[row.ssyk] = row.outlook
    jobs = dict(public_jobs().order_by().values_list("occupation_id").annotate(count=Count("pk")))
    return tuple(
        OccupationDemand(
            ssyk=occupation.ssyk,
            isco=occupation.isco,
            label=occupation.label_en,
            sector=occupation.sector,
            outlook=outlook.get(occupation.ssyk),
            jobs=jobs.get(occupation.pk, 0),
        )
        for occupation in Occupation.objects.filter(is_active=True).order_by("ssyk", "pk")
    )


def _surplus() -> dict[str, frozenset[str]]:
    version = current_import(MarketDataImport.Kind.SURPLUS)
    found: dict[str, set[str]] = defaultdict(set)
    if version is not None:
        for isco, country in SurplusCountry.objects.filter(data_import=version).values_list(
            "isco", "country"
        ):
            found[isco].add(country)
    return {isco: frozenset(codes) for isco, codes in found.items()}


def _who() -> tuple[frozenset[str], int | None]:
    version = current_import(MarketDataImport.Kind.WHO)
    if version is None:
        return frozenset(), None
    codes = SafeguardCountry.objects.filter(data_import=version).values_list("country", flat=True)
    return frozenset(codes), version.data_year


def _sector_interest() -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = defaultdict(int)
    rows = (
        BuddyRequest.objects.exclude(sector="")
        .exclude(newcomer__newcomer_profile__country_of_origin="")
        .exclude(newcomer__newcomer_profile=None)
        .values_list("newcomer__newcomer_profile__country_of_origin", "sector")
        .annotate(people=Count("newcomer", distinct=True))
    )
    for country, buddy_sector, people in rows:
        for sector in BUDDY_SECTOR_TO_EMPLOYER_SECTORS.get(buddy_sector, ()):
            found[(country, sector)] += people
    return dict(found)


def _ambassador_languages() -> tuple[frozenset[str], ...]:
    spoken: dict[int, set[str]] = defaultdict(set)
    for ambassador_id, code in AmbassadorLanguage.objects.filter(
        ambassador__status=Ambassador.Status.APPROVED, ambassador__is_paused=False
    ).values_list("ambassador_id", "code"):
        spoken[ambassador_id].add(code)
    return tuple(frozenset(codes) for _pk, codes in sorted(spoken.items()))


def market_signals(today: datetime.date) -> MarketSignals:
    """The portal's demand and supply and the current data files, for the ranking."""
    newcomers = dict(
        NewcomerProfile.objects.exclude(country_of_origin="")
        .order_by()
        .values_list("country_of_origin")
        .annotate(count=Count("pk"))
    )
    employer_enquiries = dict(
        Enquiry.objects.filter(audience=Audience.EMPLOYER)
        .exclude(employer=None)
        .order_by()
        .values_list("employer__sector")
        .annotate(count=Count("pk"))
    )
    who_list, who_year = _who()
    return MarketSignals(
        occupations=_occupations(),
        surplus=_surplus(),
        who_list=who_list,
        who_year=who_year,
        newcomers={str(code): count for code, count in newcomers.items()},
        sector_interest=_sector_interest(),
        ambassador_languages=_ambassador_languages(),
        country_languages=country_languages(),
        employer_enquiries=employer_enquiries,
        hires=past_hires_by_country(),
        salary_floor=permit_salary_floor(today),
        min_cell=min_cell(),
    )


def import_history(limit: int = 30) -> list[MarketDataImport]:
    return list(MarketDataImport.objects.select_related("imported_by")[:limit])


def current_imports() -> dict[str, MarketDataImport | None]:
    return {kind: current_import(kind) for kind in MarketDataImport.Kind.values}


# --- campaigns --------------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignRow:
    campaign: str
    signups: int
    enquiries: int
    job_views: int
    apply_clicks: int


def campaign_results() -> list[CampaignRow]:
    """What each campaign brought: sign-ups, enquiries, job page views and apply
    clicks (raw counts; the page and the export suppress small ones)."""
    signups = dict(
        SignupCampaign.objects.order_by().values_list("campaign").annotate(n=Count("pk"))
    )
    enquiries = dict(
        Enquiry.objects.exclude(campaign=None)
        .order_by()
        .values_list("campaign")
        .annotate(n=Count("pk"))
    )
    clicks = (
        JobCampaignClicks.objects.order_by()
        .values("campaign")
        .annotate(
            views=Sum("count", filter=Q(kind=JobCampaignClicks.Kind.VIEW), default=0),
            applies=Sum("count", filter=Q(kind=JobCampaignClicks.Kind.APPLY), default=0),
        )
    )
    views = {row["campaign"]: (row["views"], row["applies"]) for row in clicks}
    names = sorted(set(signups) | set(enquiries) | set(views))
    return [
        CampaignRow(
            campaign=name,
            signups=signups.get(name, 0),
            enquiries=enquiries.get(name, 0),
            job_views=views.get(name, (0, 0))[0],
            apply_clicks=views.get(name, (0, 0))[1],
        )
        for name in names
    ]


def min_cell() -> int:
    return int(getattr(settings, "INSIGHTS_MIN_CELL", 5))
