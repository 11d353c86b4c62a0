"""Writes of the insights app: the daily refresh of the pre-aggregated figures and the
cookie-less guide view counter."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from insights.models import DailyFact, GuideViewDay
from insights.registry import FIGURES, Span

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
    logger.info("insights refreshed %s … %s: %d facts", first, last, written)
    return written


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
