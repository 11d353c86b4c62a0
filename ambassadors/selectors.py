"""Reads for pages and the staff view.

Privacy lives here: ``partner_card`` is the only way a page learns about the other
side of a match, and it gives only a first name, languages and the contact details
that person chose to share — and nothing at all before the offer is accepted.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from ambassadors.models import (
    Ambassador,
    AmbassadorLanguage,
    BuddyRequest,
    Interest,
    Match,
    Message,
    Sector,
)
from portal.models import ANSWER_LANGUAGE_CODES, ANSWER_LANGUAGES, NewcomerProfile, User

LANGUAGE_NAMES = dict(ANSWER_LANGUAGES)


@dataclass(frozen=True)
class PartnerCard:
    first_name: str
    languages: list[tuple[str, str]]
    email: str
    phone: str


def buddy_request_initial(user: User, *, interface_language: str) -> dict:
    """What the buddy form can fill in from what the newcomer already told us: the
    first name, the municipality and the household from the newcomer profile, and the
    languages of their last request (else the profile's language and the page's)."""
    profile = NewcomerProfile.objects.filter(user=user).first()
    previous = BuddyRequest.objects.filter(newcomer=user).order_by("-created_at", "-pk").first()
    if previous is not None and previous.languages:
        languages = list(previous.languages)
    else:
        candidates = [profile.preferred_language if profile else "", interface_language]
        languages = list(dict.fromkeys(c for c in candidates if c in ANSWER_LANGUAGE_CODES))
    initial: dict[str, Any] = {"first_name": user.first_name, "languages": languages}
    if profile is not None:
        initial["municipality"] = profile.municipality_id
        household = household_of(profile)
        if household is not None:
            initial["household"] = household
    return initial


@dataclass(frozen=True)
class OfferSummary:
    """What an ambassador needs to decide on an offer, and nothing that names the
    newcomer: their languages, municipality and situation in broad terms."""

    languages: list[str]
    municipality: str
    household: str
    sector: str
    interests: list[str]


def offer_summary(match: Match) -> OfferSummary:
    request = match.request
    return OfferSummary(
        languages=request.language_names,
        municipality=request.municipality.name if request.municipality else "",
        household=str(request.get_household_display()) if request.household else "",
        sector=str(Sector(request.sector).label) if request.sector in Sector.values else "",
        interests=[str(Interest(i).label) for i in request.interests if i in Interest.values],
    )


def ambassador_of(user: User) -> Ambassador | None:
    if not user.is_authenticated:
        return None
    return Ambassador.objects.filter(user=user).select_related("municipality").first()


def profile_initial(ambassador: Ambassador) -> dict:
    initial = {
        "countries_lived_in": [
            # django-countries gives Country objects for a multiple field; its stubs say str
            country.code  # type: ignore[attr-defined]
            for country in ambassador.countries_lived_in
        ],
        "profession": ambassador.profession,
        "sector": ambassador.sector,
        "interests": ambassador.interests,
        "capacity": ambassador.capacity,
        "availability": ambassador.availability,
        "share_email": ambassador.share_email,
        "phone": ambassador.phone,
    }
    for language in ambassador.languages.all():
        initial[f"language_{language.code}"] = language.level
    return initial


def open_request_of(user: User) -> BuddyRequest | None:
    return (
        BuddyRequest.objects.filter(newcomer=user, status__in=BuddyRequest.OPEN_STATUSES)
        .select_related("municipality")
        .first()
    )


def _with_people(queryset):
    return queryset.select_related("ambassador__user", "request__newcomer").prefetch_related(
        Prefetch("ambassador__languages", queryset=AmbassadorLanguage.objects.order_by("code"))
    )


def current_match_of_newcomer(user: User) -> Match | None:
    return (
        _with_people(Match.objects.filter(request__newcomer=user, status=Match.Status.ACCEPTED))
        .order_by("-responded_at")
        .first()
    )


def past_matches_of_newcomer(user: User) -> list[Match]:
    return list(
        Match.objects.filter(request__newcomer=user, status=Match.Status.ENDED).order_by(
            "-ended_at"
        )
    )


def partner_card(match: Match, viewer: User) -> PartnerCard | None:
    """What ``viewer`` may know about the other side of ``match``."""
    if match.status not in (Match.Status.ACCEPTED, Match.Status.ENDED):
        return None
    if match.ambassador.user_id == viewer.pk:
        request = match.request
        person = request.newcomer
        return PartnerCard(
            first_name=person.get_short_name() if person.first_name else "",
            languages=[(code, LANGUAGE_NAMES.get(code, code)) for code in request.languages],
            email=person.email if request.share_email and match.status == "accepted" else "",
            phone=request.phone if match.status == "accepted" else "",
        )
    if match.request.newcomer_id == viewer.pk:
        ambassador = match.ambassador
        person = ambassador.user
        return PartnerCard(
            first_name=person.first_name,
            languages=[
                (language.code, LANGUAGE_NAMES.get(language.code, language.code))
                for language in ambassador.languages.all()
            ],
            email=person.email if ambassador.share_email and match.status == "accepted" else "",
            phone=ambassador.phone if match.status == "accepted" else "",
        )
    return None


def match_for_participant(pk: int, user: User) -> Match:
    """A match the user takes part in, once accepted; 404 otherwise (also for offers)."""
    match = (
        _with_people(Match.objects.filter(pk=pk))
        .filter(status__in=[Match.Status.ACCEPTED, Match.Status.ENDED])
        .filter(Q(ambassador__user=user) | Q(request__newcomer=user))
        .first()
    )
    if match is None:
        raise Http404
    return match


def messages_of(match: Match) -> list[Message]:
    return list(match.messages.select_related("sender").order_by("created_at", "pk"))


@dataclass
class Dashboard:
    offers: list[Match]
    current: list[tuple[Match, PartnerCard]]
    history: list[Match]
    #: Each open offer with what the ambassador needs to decide (``offer_summary``).
    offer_cards: list[tuple[Match, OfferSummary]] = field(default_factory=list)


def dashboard_of(ambassador: Ambassador) -> Dashboard:
    matches = list(
        _with_people(Match.objects.filter(ambassador=ambassador))
        .select_related("request__municipality")
        .order_by("-offered_at")
    )
    offers = [m for m in matches if m.status == Match.Status.OFFERED]
    current = [
        (m, partner_card(m, ambassador.user)) for m in matches if m.status == Match.Status.ACCEPTED
    ]
    history = [m for m in matches if m.status not in Match.HOLDING]
    return Dashboard(
        offers=offers,
        current=current,  # type: ignore[arg-type]
        history=history,
        offer_cards=[(m, offer_summary(m)) for m in offers],
    )


# --- staff view --------------------------------------------------------------------------
@dataclass
class Overview:
    by_municipality: Sequence[Mapping[str, Any]]
    by_language: Sequence[Mapping[str, Any]]
    waiting: Sequence[Mapping[str, Any]]
    requests_total: int
    requests_matched: int
    match_rate: float | None
    median_days_to_match: float | None
    open_offers: int
    pending_applications: int


def overview(organisation_ids: frozenset[int] | None) -> Overview:
    """Figures for staff; ``None`` means every organisation (superusers)."""
    ambassadors = Ambassador.objects.all()
    requests = BuddyRequest.objects.all()
    if organisation_ids is not None:
        ambassadors = ambassadors.filter(organisation_id__in=organisation_ids)
        requests = requests.filter(organisation_id__in=organisation_ids)
    approved = ambassadors.filter(status=Ambassador.Status.APPROVED)
    by_municipality = list(
        approved.values("municipality__name")
        .annotate(
            total=Count("pk"),
            available=Count("pk", filter=Q(is_paused=False)),
        )
        .order_by("municipality__name")
    )
    by_language = [
        {
            "code": row["code"],
            "name": LANGUAGE_NAMES.get(row["code"], row["code"]),
            "total": row["total"],
        }
        for row in AmbassadorLanguage.objects.filter(ambassador__in=approved)
        .values("code")
        .annotate(total=Count("pk"))
        .order_by("-total", "code")
    ]
    now = timezone.now()
    waiting = [
        {
            "pk": row["pk"],
            "municipality": row["municipality__name"],
            "languages": ", ".join(row["languages"]),
            "waiting_days": days(now - (row["waiting_since"] or row["created_at"])),
        }
        for row in requests.filter(
            status__in=[BuddyRequest.Status.WAITING, BuddyRequest.Status.PENDING]
        )
        .order_by("created_at")
        .values("pk", "municipality__name", "languages", "waiting_since", "created_at")[:200]
    ]
    decided = requests.exclude(status=BuddyRequest.Status.WITHDRAWN)
    total = decided.count()
    matched_times = list(
        decided.filter(matched_at__isnull=False).values_list("created_at", "matched_at")
    )
    durations = [
        (matched - created).total_seconds() / 86400
        for created, matched in matched_times
        if matched is not None
    ]
    return Overview(
        by_municipality=by_municipality,
        by_language=by_language,
        waiting=waiting,
        requests_total=total,
        requests_matched=len(matched_times),
        match_rate=(len(matched_times) / total) if total else None,
        median_days_to_match=statistics.median(durations) if durations else None,
        open_offers=Match.objects.filter(request__in=requests, status=Match.Status.OFFERED).count(),
        pending_applications=ambassadors.filter(status=Ambassador.Status.PENDING).count(),
    )


def days(delta: datetime.timedelta) -> float:
    return round(delta.total_seconds() / 86400, 1)


def household_of(profile: Any) -> str | None:
    """The buddy form's "who are you moving with?" from the newcomer's move-plan
    situation (a referred hire's comes from their employer's referral)."""
    if profile is None:
        return None
    if profile.children_count:
        return BuddyRequest.Household.FAMILY
    if profile.has_partner:
        return BuddyRequest.Household.PARTNER
    return None
