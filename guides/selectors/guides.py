"""Reads for guides: listings, the reader's language and municipality, search, move plans.

Every function here issues a fixed number of queries whatever the number of guides
(the page tests assert it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.translation import get_language, get_language_info

from guides.markdown import RenderedBody, render_markdown
from guides.models import Guide, GuideTranslation, Stage, Topic, TranslationStatus
from guides.selectors.guide_page import guide_page_queryset, related_guides
from guides.selectors.guide_page import municipality_contact as municipality_contact_by_id
from portal.models import Municipality, NewcomerProfile, Organisation

#: The language guides are written in; every other language is a translation of it.
SOURCE_LANGUAGE: str = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
#: PostgreSQL text-search configuration per language (``simple``: no stemming).
SEARCH_CONFIGS = {
    "sv": "swedish",
    "en": "english",
    "de": "german",
    "es": "spanish",
    "pl": "simple",
    "uk": "simple",
    "ar": "simple",
    "fa": "simple",
}
#: Guides not reviewed for this long are listed for their owners and e-mailed monthly.
REVIEW_INTERVAL = datetime.timedelta(days=365)
SESSION_MUNICIPALITY = "reader_municipality_id"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def search_config(language: str) -> str:
    return SEARCH_CONFIGS.get(language, "simple")


def fallback_chain(language: str) -> list[str]:
    """The reader's language, then the fallbacks (English, then Swedish)."""
    chain = [language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES]
    return list(dict.fromkeys(code for code in chain if code in language_codes()))


def text_direction(language: str) -> str:
    return "rtl" if get_language_info(language)["bidi"] else "ltr"


# --- listings -------------------------------------------------------------------------------


def published_guides() -> QuerySet[Guide]:
    return Guide.objects.filter(published=True).select_related("topic", "municipality")


def listed_guides() -> QuerySet[Guide]:
    """Published guides for lists: without the bodies (titles and summaries suffice)."""
    return published_guides().defer("body", *[f"body_{code}" for code in language_codes()])


def topics_with_counts() -> QuerySet[Topic]:
    return Topic.objects.annotate(
        guide_count=Count("guides", filter=Q(guides__published=True))
    ).order_by("order", "slug")


def stages_with_counts() -> list[dict]:
    counts = dict(
        # order_by(): the model's default ordering would join the GROUP BY (one row per guide).
        Guide.objects.filter(published=True)
        .order_by()
        .values_list("stage")
        .annotate(n=Count("id"))
        .values_list("stage", "n")
    )
    return [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Stage.choices
    ]


def order_local_first(
    guides: list[Guide], municipality: Municipality | None
) -> tuple[list[Guide], list[Guide]]:
    """(guides for the reader, guides of other municipalities).

    With a municipality chosen, its guide on a subject comes first and the county
    guide on the same subject right after it.
    """
    if municipality is None:
        county = [g for g in guides if g.municipality_id is None]
        local = [g for g in guides if g.municipality_id is not None]
        return county, local
    mine = [g for g in guides if g.municipality_id in (None, municipality.pk)]
    others = [g for g in guides if g.municipality_id not in (None, municipality.pk)]
    local_subjects = {g.subject for g in mine if g.municipality_id == municipality.pk}
    position = {g.subject: index for index, g in enumerate(mine)}

    def key(guide: Guide) -> tuple:
        first = min(position[guide.subject], position.get(guide.subject, 0))
        return (first, guide.municipality_id is None, guide.subject in local_subjects)

    return sorted(mine, key=key), others


def guides_in_topic(topic: Topic) -> list[Guide]:
    return list(listed_guides().filter(topic=topic))


def guides_in_stage(stage: str) -> list[Guide]:
    return list(listed_guides().filter(stage=stage))


def guide_for_page(*, topic_slug: str, guide_slug: str, queryset: QuerySet[Guide]) -> Guide | None:
    """The guide at /<topic>/<guide>/ among ``queryset``, read as the guide page reads
    it, in every language (the admin preview switches between them)."""
    guides = queryset.filter(slug=guide_slug, topic__slug=topic_slug)
    found = list(guide_page_queryset(language_codes(), guides)[:1])
    return found[0] if found else None


def guide_related(guide: Guide, municipality: Municipality | None, *, limit: int = 6) -> dict:
    """Guides on the same subject (local/county versions) and others in the topic, in
    the current language's fallback chain (``guide_page.related_guides``)."""
    return related_guides(
        guide,
        municipality.pk if municipality else None,
        fallback_chain(get_language()),
        limit=limit,
    )


def municipality_contact(municipality: Municipality | None) -> Organisation | None:
    """The contact point (the municipality's own organisation) of ``municipality``."""
    return municipality_contact_by_id(municipality.pk if municipality else None)


def reader_municipality(request) -> Municipality | None:
    """The municipality the reader chose (session), else the newcomer profile's."""
    municipality_id = request.session.get(SESSION_MUNICIPALITY)
    if municipality_id:
        return Municipality.objects.filter(pk=municipality_id).first()
    if request.user.is_authenticated:
        profile = (
            NewcomerProfile.objects.filter(user=request.user).select_related("municipality").first()
        )
        return profile.municipality if profile else None
    return None


def guides_due_for_review(*, today: datetime.date) -> QuerySet[Guide]:
    cutoff = today - REVIEW_INTERVAL
    return Guide.objects.filter(
        Q(last_reviewed__lt=cutoff) | Q(last_reviewed__isnull=True)
    ).select_related("organisation", "topic", "municipality")


# --- reading a guide in a language ----------------------------------------------------------


@dataclass
class GuideReading:
    """What a reader gets: the text in some language, and why (for the notice)."""

    language: str
    direction: str
    title: str
    summary: str
    body: RenderedBody
    status: str
    #: "fallback", "outdated", "machine" or "" (no notice).
    notice: str
    requested_language: str

    @property
    def is_fallback(self) -> bool:
        return self.language != self.requested_language

    @property
    def language_name(self) -> str:
        return get_language_info(self.language)["name_translated"]


def _status_map(guide: Guide) -> dict[str, str]:
    return {row.language: row.status for row in guide.translations.all()}


def _has_text(guide: Guide, language: str) -> bool:
    title = (getattr(guide, f"title_{language}", None) or "").strip()
    body = (getattr(guide, f"body_{language}", None) or "").strip()
    return bool(title and body)


def guide_reading(
    guide: Guide, language: str, statuses: dict[str, str] | None = None
) -> GuideReading:
    """The text a reader of ``language`` gets, given the guide's translation statuses
    (read from ``guide.translations`` when not given)."""
    if statuses is None:
        statuses = _status_map(guide)
    chosen = None
    for code in fallback_chain(language):
        status = statuses.get(code)
        if status != TranslationStatus.MISSING and _has_text(guide, code):
            chosen = code
            break
    if chosen is None:
        chosen = SOURCE_LANGUAGE
    status = statuses.get(chosen, TranslationStatus.UP_TO_DATE)
    if chosen != language:
        notice = "fallback"
    elif status == TranslationStatus.OUTDATED:
        notice = "outdated"
    elif status == TranslationStatus.MACHINE:
        notice = "machine"
    else:
        notice = ""
    return GuideReading(
        language=chosen,
        direction=text_direction(chosen),
        title=getattr(guide, f"title_{chosen}", None) or guide.slug,
        summary=getattr(guide, f"summary_{chosen}", None) or "",
        body=render_markdown(getattr(guide, f"body_{chosen}", None) or ""),
        status=status,
        notice=notice,
        requested_language=language,
    )


def shown_language(guide: Guide, language: str, field_name: str = "title") -> str:
    """The language in which ``guide.<field_name>`` is shown to a reader of ``language``."""
    for code in fallback_chain(language):
        if (getattr(guide, f"{field_name}_{code}", None) or "").strip():
            return code
    return SOURCE_LANGUAGE


# --- staff: translation overview ------------------------------------------------------------

TODO_ORDER = [TranslationStatus.OUTDATED, TranslationStatus.MISSING, TranslationStatus.MACHINE]


def translation_overview(guides: QuerySet[Guide], *, todo_limit: int = 50) -> dict:
    counts: dict[str, dict[str, int]] = {code: {} for code in language_codes()}
    for language, status, n in (
        GuideTranslation.objects.filter(guide__in=guides)
        .order_by()
        .values_list("language", "status")
        .annotate(n=Count("id"))
        .values_list("language", "status", "n")
    ):
        counts.setdefault(language, {})[status] = n
    rows = [
        {
            "code": code,
            "name": get_language_info(code)["name_translated"],
            "counts": [(s.value, s.label, counts[code].get(s.value, 0)) for s in TranslationStatus],
        }
        for code in language_codes()
    ]
    priority = Case(
        *[When(status=s, then=Value(i)) for i, s in enumerate(TODO_ORDER)],
        default=Value(9),
    )
    todo = list(
        GuideTranslation.objects.filter(guide__in=guides, status__in=TODO_ORDER)
        .exclude(language=SOURCE_LANGUAGE)
        .select_related("guide", "guide__topic")
        .annotate(priority=priority)
        .order_by("-guide__published", "priority", "guide__stage", "guide_id", "language")[
            :todo_limit
        ]
    )
    return {"rows": rows, "todo": todo, "statuses": TranslationStatus.choices}
