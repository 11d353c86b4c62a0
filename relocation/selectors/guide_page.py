"""The public guide page's reads, in hand-written SQL.

The guide page is the portal's most read page, and a reader who opens a guide that is
not in the page cache waits for it to be built. Through the ORM its seven queries
cost 10-12 ms of CPU to compile and turn into objects on the two-core machine the
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

The SQL is plain SQL-92 and runs on SQLite as on PostgreSQL. It is assembled from
quoted identifiers only; every value is a query parameter.
"""

# ruff: noqa: S608 - the SQL strings are built from quoted _meta identifiers, not values

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from django.db import connection
from django.db.models import Field, Model

from portal.models import Municipality, Organisation
from relocation.models import AuthorityLink, Guide, GuideTranslation, Topic


@dataclass(frozen=True)
class _Columns:
    """The columns of ``model`` that a query reads, under a table alias, in the order of
    the model's concrete fields (the order ``Model.from_db`` expects)."""

    model: type[Model]
    alias: str
    fields: tuple[Field, ...]

    @classmethod
    def of(cls, model: type[Model], alias: str, attnames: Iterable[str]) -> _Columns:
        wanted = set(attnames)
        fields = tuple(f for f in model._meta.concrete_fields if f.attname in wanted)
        missing = wanted - {f.attname for f in fields}
        if missing:
            raise LookupError(f"{model.__name__} has no columns {sorted(missing)}")
        return cls(model, alias, fields)

    @property
    def sql(self) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(f.column)}" for f in self.fields)

    def build(self, values: Sequence) -> Model | None:
        """The instance of the row ``values`` (None for the NULL row of an outer join)."""
        if values[0] is None:  # the primary key comes first
            return None
        converted = []
        for field, value in zip(self.fields, values, strict=True):
            if value is not None:
                for converter in _converters(field, self.alias):
                    value = converter(value, field, connection)
            converted.append(value)
        return self.model.from_db(connection.alias, [f.attname for f in self.fields], converted)

    def __len__(self) -> int:
        return len(self.fields)


def _converters(field: Field, alias: str) -> list:
    key = (connection.vendor, field, alias)
    found = _CONVERTERS.get(key)
    if found is None:
        column = field.get_col(alias)
        found = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        _CONVERTERS[key] = found
    return found


_CONVERTERS: dict = {}


def _translated(names: Iterable[str], languages: Sequence[str]) -> list[str]:
    return [f"{name}_{code}" for name in names for code in languages]


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: type[Model]) -> str:
    return _q(model._meta.db_table)


# --- the guide --------------------------------------------------------------------------------


@dataclass
class GuidePage:
    """What the guide page shows of the guide itself."""

    guide: Guide
    #: language → translation status, for the reader's languages.
    statuses: dict[str, str]
    links: list[AuthorityLink]


@lru_cache(maxsize=64)
def _guide_query(languages: tuple[str, ...]) -> tuple[str, tuple[_Columns, ...]]:
    guide = _Columns.of(
        Guide,
        "g",
        [
            "id", "subject", "slug", "topic_id", "municipality_id", "organisation_id",
            "audience", "stage", "applies_to", "published", "last_reviewed",
            *_translated(["title", "summary", "body"], languages),
        ],
    )  # fmt: skip
    topic = _Columns.of(Topic, "t", ["id", "slug", *_translated(["name"], languages)])
    municipality = _Columns.of(Municipality, "m", ["id", "name", "slug"])
    organisation = _Columns.of(Organisation, "o", ["id", "name", "slug", "kind"])
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
def _links_query(languages: tuple[str, ...]) -> tuple[str, _Columns]:
    link = _Columns.of(
        AuthorityLink, "l", ["id", "guide_id", "url", "order", *_translated(["label"], languages)]
    )
    sql = (
        f"SELECT {link.sql} FROM {_table(AuthorityLink)} l WHERE l.{_q('guide_id')} = %s "
        f"ORDER BY l.{_q('order')}, l.{_q('id')}"
    )
    return sql, link


def _split(row: Sequence, parts: Sequence[_Columns]) -> list[Model | None]:
    built, start = [], 0
    for part in parts:
        built.append(part.build(row[start : start + len(part)]))
        start += len(part)
    return built


def published_guide_page(
    *, topic_slug: str, guide_slug: str, languages: Sequence[str]
) -> GuidePage | None:
    """The published guide at /<topic>/<guide>/, with its topic, municipality, owner,
    translation statuses and authority links, for a reader of ``languages``. Three
    queries; None when there is no such published guide."""
    languages = tuple(languages)
    sql, parts = _guide_query(languages)
    with connection.cursor() as cursor:
        cursor.execute(sql, [guide_slug, topic_slug, True])
        row = cursor.fetchone()
        if row is None:
            return None
        guide, topic, municipality, organisation = _split(row, parts)
        guide.topic, guide.municipality, guide.organisation = topic, municipality, organisation
        cursor.execute(
            f"SELECT {_q('language')}, {_q('status')} FROM {_table(GuideTranslation)} "
            f"WHERE {_q('guide_id')} = %s",
            [guide.pk],
        )
        statuses = dict(cursor.fetchall())
        links_sql, link_columns = _links_query(languages)
        cursor.execute(links_sql, [guide.pk])
        links = [link_columns.build(values) for values in cursor.fetchall()]
    for link in links:
        link.guide = guide
    return GuidePage(guide=guide, statuses=statuses, links=links)


# --- the lists of other guides -----------------------------------------------------------------


@lru_cache(maxsize=64)
def _listed_query(languages: tuple[str, ...]) -> tuple[str, tuple[_Columns, ...]]:
    """Published guides as lists show them (title, summary, where, link), joined for the
    model's reading order; the caller adds the conditions and the order."""
    guide = _Columns.of(
        Guide,
        "g",
        [
            "id", "subject", "slug", "topic_id", "municipality_id", "stage", "published",
            *_translated(["title", "summary"], languages),
        ],
    )  # fmt: skip
    topic = _Columns.of(Topic, "t", ["id", "slug", "order"])
    municipality = _Columns.of(Municipality, "m", ["id", "name", "slug"])
    sql = (
        f"SELECT {guide.sql}, {topic.sql}, {municipality.sql} "
        f"FROM {_table(Guide)} g "
        f"INNER JOIN {_table(Topic)} t ON t.{_q('id')} = g.{_q('topic_id')} "
        f"LEFT OUTER JOIN {_table(Municipality)} m ON m.{_q('id')} = g.{_q('municipality_id')} "
        f"WHERE g.{_q('published')} = %s AND "
    )
    return sql, (guide, topic, municipality)


def _listed(languages: Sequence[str], where: str, params: list, tail: str) -> list[Guide]:
    head, parts = _listed_query(tuple(languages))
    with connection.cursor() as cursor:
        cursor.execute(f"{head}{where} {tail}", [True, *params])
        rows = cursor.fetchall()
    guides = []
    for row in rows:
        guide, topic, municipality = _split(row, parts)
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


def related_guides(
    guide: Guide, municipality_id: int | None, languages: Sequence[str], *, limit: int = 6
) -> dict[str, list[Guide]]:
    """Guides on the same subject (local and county versions) and the first ``limit``
    other guides of the topic that the reader sees (county guides, the reader's
    municipality's and the guide's own municipality's), in reading order. Two queries;
    the second is served in order by the ``reloc_guide_topic_order`` index, so its
    cost does not grow with the size of the topic."""
    versions = _listed(
        languages,
        f"g.{_q('subject')} = %s AND g.{_q('id')} <> %s",
        [guide.subject, guide.pk],
        _reading_order(within_topic=False),
    )
    visible = [f"g.{_q('municipality_id')} IS NULL"]
    params: list = [guide.topic_id, guide.subject]
    for extra in {municipality_id, guide.municipality_id} - {None}:
        visible.append(f"g.{_q('municipality_id')} = %s")
        params.append(extra)
    related = _listed(
        languages,
        f"g.{_q('topic_id')} = %s AND g.{_q('subject')} <> %s AND ({' OR '.join(visible)})",
        params,
        f"{_reading_order(within_topic=True)} LIMIT {int(limit)}",
    )
    return {"versions": versions, "related": related}


# --- the municipality parts --------------------------------------------------------------------


def municipality_options() -> list[tuple[str, str]]:
    """(slug, name) of every municipality, by name: the chooser's options."""
    with connection.cursor() as cursor:
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
    columns = _Columns.of(Organisation, "o", ["id", "name", "slug", "kind", "contact_email"])
    sql = (
        f"SELECT {columns.sql} FROM {_table(Organisation)} o "
        f"INNER JOIN {_table(through)} om ON om.{_q(field.m2m_column_name())} = o.{_q('id')} "
        f"WHERE o.{_q('kind')} = %s AND om.{_q(field.m2m_reverse_name())} = %s "
        f"ORDER BY o.{_q('id')} LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [Organisation.Kind.MUNICIPALITY, municipality_id])
        row = cursor.fetchone()
    return columns.build(row) if row else None
