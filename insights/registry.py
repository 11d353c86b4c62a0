"""The figure registry: adding a figure is one decorated function.

A figure is a function of a span of days that yields ``Fact(date, organisation_id,
municipality_id, category, count)`` rows; ``insights.services.insights_refresh``
calls every registered figure for the days it recomputes and stores the rows as
``DailyFact`` (one query per figure for the whole span, so a backfill is fast).
Example (the hires figure issue 18 will add)::

    @figure("employers.hires", section="employers", label=_("Hires referred"),
            dimension="sector")
    def hires_referred(span: Span):
        return grouped(Hire.objects.all(), span, when="created_at",
                       organisation="employer__organisation_id",
                       municipality="employer__municipality_id",
                       category="occupation__sector")

The dashboard shows it once a panel names it (``insights.selectors.PANELS``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncDate


class Fact(NamedTuple):
    date: dt.date
    organisation_id: int | None
    municipality_id: int | None
    category: str
    count: int


def local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass(frozen=True)
class Span:
    """Calendar days ``first`` … ``last`` (inclusive) in the portal's time zone."""

    first: dt.date
    last: dt.date

    @property
    def start(self) -> dt.datetime:
        return local_midnight(self.first)

    @property
    def end(self) -> dt.datetime:
        """Midnight after the last day (the interval is half-open)."""
        return local_midnight(self.last + dt.timedelta(days=1))

    def days(self) -> list[dt.date]:
        return [self.first + dt.timedelta(days=n) for n in range((self.last - self.first).days + 1)]


class Kind:
    #: Events on the day: a period's value is the sum of its days.
    FLOW = "flow"
    #: A state at the end of the day: a period's value is the one of its last day.
    STOCK = "stock"
    #: A histogram of durations in minutes: categories are bucket upper bounds.
    DURATION = "duration"


@dataclass(frozen=True)
class Figure:
    key: str
    section: str
    label: str
    compute: Callable[[Span], Iterable[Fact]]
    kind: str = Kind.FLOW
    #: What the category holds: "", "topic", "language", "country", "situation", …
    dimension: str = ""
    #: Counts of people are protected (suppressed under INSIGHTS_MIN_CELL); counts of
    #: guides, job ads or employers are not.
    people: bool = True


FIGURES: dict[str, Figure] = {}


def figure(
    key: str,
    *,
    section: str,
    label,
    kind: str = Kind.FLOW,
    dimension: str = "",
    people: bool = True,
) -> Callable[[Callable[[Span], Iterable[Fact]]], Callable]:
    """Register a figure computed by the decorated function (see the module doc)."""

    def register(compute: Callable[[Span], Iterable[Fact]]) -> Callable:
        FIGURES[key] = Figure(
            key=key,
            section=section,
            label=label,
            compute=compute,
            kind=kind,
            dimension=dimension,
            people=people,
        )
        return compute

    return register


#: Upper bounds (minutes) of the duration buckets; the last one is open-ended.
DURATION_BUCKETS: tuple[int, ...] = (
    15,
    30,
    60,
    120,
    180,
    240,
    360,
    480,
    720,
    960,
    1440,
    2160,
    2880,
    4320,
    5760,
    7200,
    10080,
    14400,
    20160,
    30240,
    43200,
    86400,
    129600,
    525600,
)
OPEN_BUCKET = 10**7


def duration_bucket(minutes: float) -> str:
    """The bucket (its upper bound in minutes, as text) a duration falls in."""
    for bound in DURATION_BUCKETS:
        if minutes <= bound:
            return str(bound)
    return str(OPEN_BUCKET)


# --- helpers for figure functions ---------------------------------------------------------
def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def grouped(
    queryset: QuerySet,
    span: Span,
    *,
    when: str,
    organisation: str | None = "organisation_id",
    municipality: str | None = "municipality_id",
    category: str | None = None,
    count: Any = None,
) -> Iterator[Fact]:
    """Facts of a flow figure: rows of ``queryset`` whose ``when`` falls in the span,
    counted per local day, organisation, municipality and category (one query)."""
    fields = {
        "o": F(organisation) if organisation else Value(None, output_field=IntegerField()),
        "m": F(municipality) if municipality else Value(None, output_field=IntegerField()),
        "c": Coalesce(Cast(F(category), CharField()), Value("")) if category else Value(""),
    }
    rows = (
        queryset.filter(**{f"{when}__gte": span.start, f"{when}__lt": span.end})
        .annotate(d=TruncDate(when, tzinfo=_zone()), **fields)
        .values("d", "o", "m", "c")
        .annotate(n=count if count is not None else Count("pk"))
        .order_by()
    )
    for row in rows:
        yield Fact(row["d"], row["o"], row["m"], row["c"] or "", row["n"])


def bucketed(
    queryset: QuerySet,
    span: Span,
    *,
    when: str,
    since: str,
    organisation: str | None = "organisation_id",
    municipality: str | None = "municipality_id",
) -> Iterator[Fact]:
    """Facts of a duration figure: ``when - since`` of each row whose ``when`` falls in
    the span, counted per bucket (the category) — bucketed in SQL, one query."""
    elapsed = ExpressionWrapper(F(when) - F(since), output_field=DurationField())
    bucket = Case(
        *[
            When(elapsed__lte=dt.timedelta(minutes=bound), then=Value(str(bound)))
            for bound in DURATION_BUCKETS
        ],
        default=Value(str(OPEN_BUCKET)),
        output_field=CharField(),
    )
    queryset = queryset.filter(**{f"{since}__isnull": False}).annotate(elapsed=elapsed)
    yield from grouped(
        queryset.annotate(bucket=bucket),
        span,
        when=when,
        organisation=organisation,
        municipality=municipality,
        category="bucket",
    )


def stocks(span: Span, at_end_of: Callable[[dt.datetime], Iterable[tuple]]) -> Iterator[Fact]:
    """Facts of a stock figure: ``at_end_of(moment)`` yields (organisation, municipality,
    category, count) for the state at the end of each day of the span."""
    for day in span.days():
        for org, muni, cat, n in at_end_of(local_midnight(day + dt.timedelta(days=1))):
            yield Fact(day, org, muni, str(cat or ""), n)


def count_rows(
    queryset: QuerySet, organisation: str | None, municipality: str | None, category: str | None
) -> Iterator[tuple]:
    """(organisation, municipality, category, count) of a queryset, for ``stocks``."""
    fields = {
        "o": F(organisation) if organisation else Value(None, output_field=IntegerField()),
        "m": F(municipality) if municipality else Value(None, output_field=IntegerField()),
        "c": Coalesce(Cast(F(category), CharField()), Value("")) if category else Value(""),
    }
    rows = queryset.annotate(**fields).values("o", "m", "c").annotate(n=Count("pk")).order_by()
    for row in rows:
        yield row["o"], row["m"], row["c"], row["n"]
