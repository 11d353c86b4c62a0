"""Writes of the insights app: the daily refresh of the pre-aggregated figures and the
cookie-less guide view counter."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from insights.models import DailyFact, GuideViewDay, MonthlyFact
from insights.registry import FIGURES, Kind, Span

logger = logging.getLogger(__name__)

#: Days the beat task recomputes (today and the days before it): late events such as
#: a first response or a breach land on their own day, which may be yesterday.
REFRESH_DAYS = 3
BATCH = 5000


def insights_refresh(*, first: dt.date, last: dt.date, metrics: list[str] | None = None) -> int:
    """Recompute the daily facts of ``first`` … ``last`` (idempotent: the days are
    replaced in one transaction). Returns the number of facts written."""
    span = Span(first, last)
    keys = metrics or sorted(FIGURES)
    written = 0
    with transaction.atomic():
        DailyFact.objects.filter(date__gte=first, date__lte=last, metric__in=keys).delete()
        for key in keys:
            batch = [
                DailyFact(
                    date=fact.date,
                    metric=key,
                    organisation_id=fact.organisation_id,
                    municipality_id=fact.municipality_id,
                    category=fact.category,
                    count=fact.count,
                )
                for fact in FIGURES[key].compute(span)
                if fact.count
            ]
            DailyFact.objects.bulk_create(batch, batch_size=BATCH)
            written += len(batch)
        _roll_up_months(first, last, [k for k in keys if FIGURES[k].kind != Kind.STOCK])
    logger.info("insights refreshed %s … %s: %d facts", first, last, written)
    return written


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _roll_up_months(first: dt.date, last: dt.date, metrics: list[str]) -> None:
    """Rebuild the monthly sums of the months touched by ``first`` … ``last``."""
    start, end = month_start(first), month_end(last)
    MonthlyFact.objects.filter(month__gte=start, month__lte=end, metric__in=metrics).delete()
    rows = (
        DailyFact.objects.filter(date__gte=start, date__lte=end, metric__in=metrics)
        .annotate(month=TruncMonth("date"))
        .values("month", "metric", "organisation_id", "municipality_id", "category")
        .annotate(n=Sum("count"))
        .order_by()
    )
    MonthlyFact.objects.bulk_create(
        (
            MonthlyFact(
                month=row["month"],
                metric=row["metric"],
                organisation_id=row["organisation_id"],
                municipality_id=row["municipality_id"],
                category=row["category"],
                count=row["n"],
            )
            for row in rows.iterator()
        ),
        batch_size=BATCH,
    )


def insights_refresh_recent(*, now: dt.datetime | None = None, days: int = REFRESH_DAYS) -> int:
    today = timezone.localdate(now or timezone.now())
    return insights_refresh(first=today - dt.timedelta(days=days - 1), last=today)


def guide_view_count(*, guide_id: int, language: str, now: dt.datetime | None = None) -> None:
    """One more view of a guide in a language today: a bare counter, nothing about the
    reader (no cookie, no user, no address) is read or stored."""
    day = timezone.localdate(now or timezone.now())
    counter = GuideViewDay.objects.filter(date=day, guide_id=guide_id, language=language)
    if counter.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            GuideViewDay.objects.create(date=day, guide_id=guide_id, language=language, count=1)
    except IntegrityError:  # another request created it in the meantime
        counter.update(count=F("count") + 1)
