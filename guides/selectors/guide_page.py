"""The public guide page's reads, in hand-written SQL.

The guide page is the portal's most read page, and a reader who opens a guide that is
not in the page cache waits for it to be built. Through the ORM its six or seven
queries cost 10-12 ms of CPU to compile and turn into objects on the two-core machine the
portal is measured on (about 1.5 ms per query), while the database answers each in a
tenth of that. So these reads are written out in SQL, and the rows become ordinary
model instances (``Model.from_db``), the way the ORM itself builds them, with the
database converters applied and the fields the page does not show left deferred.

* The column lists come from the models' ``_meta``: a renamed field changes the SQL
  with it, and a removed one fails the tests, never the page silently.
* Only the translated columns of the reader's languages (the fallback chain: the
  reader's language, English, Swedish) are read, which is everything
  modeltranslation's fallbacks and the page's ``lang`` notices look at.
* A template that touched a deferred field would load it with one more query per
  object; the page tests assert the exact number of queries of a guide page, so that
  would fail them.

On PostgreSQL the statements are prepared on the connection (``hot_cursor``): planning
them cost the database about as much as running them.

The SQL is plain SQL-92 and runs on SQLite as on PostgreSQL. It is assembled from
quoted identifiers only; every value is a query parameter. The row-to-instance helper
is ``relocation/selectors/sql.py``.
"""

# ruff: noqa: S608 - the SQL strings are built from quoted _meta identifiers, not values

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from guides.models import AuthorityLink, Guide, GuideTranslation, Topic
from guides.selectors.sql import Columns, hot_cursor, split_row, translated
from guides.selectors.sql import q as _q
from guides.selectors.sql import table as _table
from portal.models import Municipality, Organisation

# --- the guide --------------------------------------------------------------------------------


@dataclass
class GuidePage:
    """What the guide page shows of the guide itself."""

    guide: Guide
    #: language → translation status, for every language of the guide.
    statuses: dict[str, str]
    links: list[AuthorityLink]


@lru_cache(maxsize=64)
def _guide_query(languages: tuple[str, ...]) -> tuple[str, tuple[Columns, ...]]:
    guide = Columns.of(
        Guide,
        "g",
        [
            "id", "subject", "slug", "topic_id", "municipality_id", "organisation_id",
            "stage", "applies_to", "published", "last_reviewed",
            *translated(["title", "summary", "body"], languages),
        ],
    )  # fmt: skip
    topic = Columns.of(Topic, "t", ["id", "slug", *translated(["name"], languages)])
    municipality = Columns.of(Municipality, "m", ["id", "name", "slug"])
    organisation = Columns.of(Organisation, "o", ["name"])
    sql = (
        f"SELECT {guide.sql}, {topic.sql}, {municipality.sql}, {organisation.sql} "
        f"FROM {_table(Guide)} g "
        f"INNER JOIN {_table(Topic)} t ON t.{_q('id')} = g.{_q('topic_id')} "
        f"INNER JOIN {_table(Organisation)} o ON o.{_q('id')} = g.{_q('organisation_id')} "
        f"LEFT OUTER JOIN {_table(Municipality)} m ON m.{_q('id')} = g.{_q('municipality_id')} "
        f"WHERE g.{_q('slug')} = %s AND t.{_q('slug')} = %s AND g.{_q('published')} = %s"
    )
    return sql, (guide, topic, municipality, organisation)


@lru_cache(maxsize=64)
def _links_query(languages: tuple[str, ...]) -> tuple[str, Columns]:
    link = Columns.of(
        AuthorityLink, "l", ["id", "guide_id", "url", "order", *translated(["label"], languages)]
    )
    sql = (
        f"SELECT {link.sql} FROM {_table(AuthorityLink)} l WHERE l.{_q('guide_id')} = %s "
        f"ORDER BY l.{_q('order')}, l.{_q('id')}"
    )
    return sql, link


@lru_cache(maxsize=1)
def _statuses_query() -> str:
    return (
        f"SELECT {_q('language')}, {_q('status')} FROM {_table(GuideTranslation)} "
        f"WHERE {_q('guide_id')} = %s"
    )


def published_guide_page(
    *, topic_slug: str, guide_slug: str, languages: Sequence[str]
) -> GuidePage | None:
    """The published guide at /<topic>/<guide>/, with its topic, municipality, owner,
    translation statuses and authority links, for a reader of ``languages``. Three
    queries; None when there is no such published guide."""
    languages = tuple(languages)
    sql, parts = _guide_query(languages)
    with hot_cursor() as cursor:
        cursor.execute(sql, [guide_slug, topic_slug, True])
        row = cursor.fetchone()
        if row is None:
            return None
        guide, topic, municipality, organisation = split_row(row, parts)
        guide.topic, guide.municipality, guide.organisation = topic, municipality, organisation
        cursor.execute(_statuses_query(), [guide.pk])
        statuses = dict(cursor.fetchall())
        links_sql, link_columns = _links_query(languages)
        cursor.execute(links_sql, [guide.pk])
        links = [link_columns.build(values) for values in cursor.fetchall()]
    for link in links:
        link.guide = guide
    return GuidePage(guide=guide, statuses=statuses, links=links)


# --- the lists of other guides -----------------------------------------------------------------


@lru_cache(maxsize=64)
def _listed_query(languages: tuple[str, ...]) -> tuple[str, tuple[Columns, ...]]:
    """Published guides as lists show them (title, summary, where, link), joined for the
    model's reading order; the caller adds the conditions and the order."""
    guide = Columns.of(
        Guide,
        "g",
        [
            "id", "subject", "slug", "topic_id", "municipality_id", "stage", "published",
            *translated(["title", "summary"], languages),
        ],
    )  # fmt: skip
    topic = Columns.of(Topic, "t", ["id", "slug", "order"])
    municipality = Columns.of(Municipality, "m", ["id", "name", "slug"])
    sql = (
        f"SELECT {guide.sql}, {topic.sql}, {municipality.sql} "
        f"FROM {_table(Guide)} g "
        f"INNER JOIN {_table(Topic)} t ON t.{_q('id')} = g.{_q('topic_id')} "
        f"LEFT OUTER JOIN {_table(Municipality)} m ON m.{_q('id')} = g.{_q('municipality_id')} "
        f"WHERE g.{_q('published')} = %s AND "
    )
    return sql, (guide, topic, municipality)


def _listed(cursor, languages: Sequence[str], where: str, params: list) -> list[Guide]:
    head, parts = _listed_query(tuple(languages))
    cursor.execute(f"{head}{where}", [True, *params])
    guides = []
    for row in cursor.fetchall():
        guide, topic, municipality = split_row(row, parts)
        guide.topic, guide.municipality = topic, municipality
        guides.append(guide)
    return guides


def _reading_order(*, within_topic: bool) -> str:
    """The model's ordering (topic, stage, subject, municipality name, slug) in SQL. Like
    the ORM's, it leaves where county guides (no municipality name) sort to the
    database."""
    parts = [] if within_topic else [f"t.{_q('order')}"]
    parts += [f"g.{_q('stage_order')}", f"g.{_q('subject')}", f"m.{_q('name')}", f"g.{_q('slug')}"]
    return "ORDER BY " + ", ".join(parts)


@lru_cache(maxsize=1)
def _versions_where() -> str:
    return f"g.{_q('subject')} = %s AND g.{_q('id')} <> %s {_reading_order(within_topic=False)}"


@lru_cache(maxsize=8)
def _related_where(municipalities: int, limit: int) -> str:
    """Other guides of the topic that are for the whole county or for one of
    ``municipalities`` municipalities (parameters), the first ``limit`` in order."""
    visible = " OR ".join(
        [f"g.{_q('municipality_id')} IS NULL"]
        + [f"g.{_q('municipality_id')} = %s"] * municipalities
    )
    return (
        f"g.{_q('topic_id')} = %s AND g.{_q('subject')} <> %s AND ({visible}) "
        f"{_reading_order(within_topic=True)} LIMIT {int(limit)}"
    )


def related_guides(
    guide: Guide, municipality_id: int | None, languages: Sequence[str], *, limit: int = 6
) -> dict[str, list[Guide]]:
    """Guides on the same subject (local and county versions) and the first ``limit``
    other guides of the topic that the reader sees (county guides, the reader's
    municipality's and the guide's own municipality's), in reading order. Two queries;
    the second is served in order by the ``reloc_guide_topic_order`` index, so its
    cost does not grow with the size of the topic."""
    extra = sorted({municipality_id, guide.municipality_id} - {None})
    with hot_cursor() as cursor:
        versions = _listed(cursor, languages, _versions_where(), [guide.subject, guide.pk])
        related = _listed(
            cursor,
            languages,
            _related_where(len(extra), limit),
            [guide.topic_id, guide.subject, *extra],
        )
    return {"versions": versions, "related": related}


# --- the municipality parts --------------------------------------------------------------------


def municipality_options() -> list[tuple[str, str]]:
    """(slug, name) of every municipality, by name: the chooser's options."""
    with hot_cursor() as cursor:
        cursor.execute(
            f"SELECT {_q('slug')}, {_q('name')} FROM {_table(Municipality)} ORDER BY {_q('name')}"
        )
        return [tuple(row) for row in cursor.fetchall()]


def municipality_contact(municipality_id: int | None) -> Organisation | None:
    """The municipality's own organisation (its contact point), the oldest if several."""
    if municipality_id is None:
        return None
    field = Organisation.municipalities.field
    through = field.remote_field.through
    columns = Columns.of(Organisation, "o", ["id", "name", "slug", "kind", "contact_email"])
    sql = (
        f"SELECT {columns.sql} FROM {_table(Organisation)} o "
        f"INNER JOIN {_table(through)} om ON om.{_q(field.m2m_column_name())} = o.{_q('id')} "
        f"WHERE o.{_q('kind')} = %s AND om.{_q(field.m2m_reverse_name())} = %s "
        f"ORDER BY o.{_q('id')} LIMIT 1"
    )
    with hot_cursor() as cursor:
        cursor.execute(sql, [Organisation.Kind.MUNICIPALITY, municipality_id])
        row = cursor.fetchone()
    return columns.build(row) if row else None
