"""The public guide page's reads, through the ORM.

A guide page issues a fixed number of queries, whatever the number of guides, links or
related guides (the page tests assert the exact count):

1. the guide with its topic, municipality and owner (``select_related``);
2. its translation statuses and 3. its authority links (``prefetch_related``);
4. the versions of its subject and 5. the related guides of its topic;
6. the municipality chooser's options; 7. for a municipal guide (or a reader who chose
   a municipality), that municipality's contact point.

Only the translated columns of the reader's languages (the fallback chain: the
reader's language, English, Swedish) are read (``only()``): that is everything
modeltranslation's fallbacks and the page's ``lang`` notices look at. A template that
touched a field left out would load it with one more query per object, which the page
tests' query counts catch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from guides.models import AuthorityLink, Guide, GuideTranslation
from portal.models import Municipality, Organisation


def translated(names: Sequence[str], languages: Sequence[str]) -> list[str]:
    """["title_uk", "title_en", …]: the translated fields of ``names`` in ``languages``."""
    return [f"{name}_{code}" for name in names for code in languages]


# --- the guide --------------------------------------------------------------------------------


@dataclass
class GuidePage:
    """What the guide page shows of the guide itself."""

    guide: Guide
    #: language → translation status, for every language of the guide.
    statuses: dict[str, str]
    links: list[AuthorityLink]


def guide_page_queryset(languages: Sequence[str], guides: QuerySet[Guide] | None = None):
    """``guides`` (all guides when None) with what the guide page shows: the topic,
    municipality and owner joined, the translation statuses and authority links
    prefetched, the texts of ``languages`` only. Three queries when evaluated."""
    if guides is None:
        guides = Guide.objects.all()
    return (
        guides.select_related("topic", "municipality", "organisation")
        .only(
            "subject",
            "slug",
            "topic_id",
            "municipality_id",
            "organisation_id",
            "stage",
            "applies_to",
            "published",
            "last_reviewed",
            *translated(["title", "summary", "body"], languages),
            "topic__slug",
            *[f"topic__{name}" for name in translated(["name"], languages)],
            "municipality__name",
            "municipality__slug",
            "organisation__name",
        )
        .prefetch_related(
            Prefetch(
                "translations",
                queryset=GuideTranslation.objects.only("guide_id", "language", "status"),
            ),
            Prefetch(
                "links",
                queryset=AuthorityLink.objects.only(
                    "guide_id", "url", "order", *translated(["label"], languages)
                ),
            ),
        )
        # The slug is unique: no ordering (the model's would sort over three joins).
        .order_by()
    )


def guide_page_of(guide: Guide) -> GuidePage:
    """The page data of a guide loaded with ``guide_page_queryset``."""
    statuses = {row.language: row.status for row in guide.translations.all()}
    links = list(guide.links.all())
    for link in links:
        link.guide = guide  # the page never asks, but no query if it did
    return GuidePage(guide=guide, statuses=statuses, links=links)


def published_guide_page(
    *, topic_slug: str, guide_slug: str, languages: Sequence[str]
) -> GuidePage | None:
    """The published guide at /<topic>/<guide>/, with its topic, municipality, owner,
    translation statuses and authority links, for a reader of ``languages``. Three
    queries; None when there is no such published guide."""
    guides = Guide.objects.filter(published=True, slug=guide_slug, topic__slug=topic_slug)
    found = list(guide_page_queryset(languages, guides)[:1])
    return guide_page_of(found[0]) if found else None


# --- the lists of other guides -----------------------------------------------------------------


def listed_guides_in(languages: Sequence[str]) -> QuerySet[Guide]:
    """Published guides as lists show them (title, summary, where, link), in the
    texts of ``languages`` only."""
    return (
        Guide.objects.filter(published=True)
        .select_related("topic", "municipality")
        .only(
            "subject",
            "slug",
            "topic_id",
            "municipality_id",
            "stage",
            "published",
            *translated(["title", "summary"], languages),
            "topic__slug",
            "topic__order",
            "municipality__name",
            "municipality__slug",
        )
    )


def related_guides(
    guide: Guide, municipality_id: int | None, languages: Sequence[str], *, limit: int = 6
) -> dict[str, list[Guide]]:
    """Guides on the same subject (local and county versions) and the first ``limit``
    other guides of the topic that the reader sees (county guides, the reader's
    municipality's and the guide's own municipality's), in reading order. Two queries;
    the second is served in order by the ``reloc_guide_topic_order`` index (the
    model's order without the topic's, which is the same for every row), so its cost
    does not grow with the size of the topic."""
    listed = listed_guides_in(languages)
    versions = list(listed.filter(subject=guide.subject).exclude(pk=guide.pk))
    visible = Q(municipality__isnull=True)
    extra = sorted({pk for pk in (municipality_id, guide.municipality_id) if pk is not None})
    if extra:
        visible |= Q(municipality_id__in=extra)
    related = list(
        listed.filter(visible, topic_id=guide.topic_id)
        .exclude(subject=guide.subject)
        .order_by("stage_order", "subject", "municipality__name", "slug")[:limit]
    )
    return {"versions": versions, "related": related}


# --- the municipality parts --------------------------------------------------------------------


def municipality_options() -> list[tuple[str, str]]:
    """(slug, name) of every municipality, by name: the chooser's options."""
    return list(Municipality.objects.order_by("name").values_list("slug", "name"))


def municipality_contact(municipality_id: int | None) -> Organisation | None:
    """The municipality's own organisation (its contact point), the oldest if several."""
    if municipality_id is None:
        return None
    return (
        Organisation.objects.filter(
            kind=Organisation.Kind.MUNICIPALITY, municipalities=municipality_id
        )
        .only("name", "slug", "kind", "contact_email")
        .order_by("pk")
        .first()
    )
