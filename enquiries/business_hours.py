"""Business-hours arithmetic for response-time promises.

Business hours are weekdays within the office hours (``ENQUIRY_OFFICE_OPENS`` to
``ENQUIRY_OFFICE_CLOSES``, local time), minus Swedish public holidays and the
de facto holidays offices close on (Midsummer Eve, Christmas Eve, New Year's Eve),
both from the maintained ``holidays`` package.
"""

from __future__ import annotations

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _parse_time(value: str) -> datetime.time:
    hours, minutes = value.split(":")
    return datetime.time(int(hours), int(minutes))


def office_hours() -> tuple[datetime.time, datetime.time]:
    return (
        _parse_time(settings.ENQUIRY_OFFICE_OPENS),
        _parse_time(settings.ENQUIRY_OFFICE_CLOSES),
    )


@lru_cache(maxsize=32)
def _closed_days(year: int) -> frozenset[datetime.date]:
    calendar = holidays.Sweden(
        years=year, include_sundays=False, categories=(holidays.PUBLIC, holidays.DE_FACTO)
    )
    return frozenset(calendar.keys())


def is_business_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _closed_days(day.year)


def add_business_hours(start: datetime.datetime, hours: float) -> datetime.datetime:
    """The moment ``hours`` business hours after ``start`` (aware, in local time)."""
    opens, closes = office_hours()
    zone = _zone()
    current = start.astimezone(zone)
    remaining = datetime.timedelta(hours=hours)
    day = current.date()
    for _ in range(3660):  # ten years of days: a bound, never reached in practice
        if is_business_day(day):
            window_start = datetime.datetime.combine(day, opens, tzinfo=zone)
            window_end = datetime.datetime.combine(day, closes, tzinfo=zone)
            begin = max(current, window_start)
            if begin < window_end:
                available = window_end - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
        day += datetime.timedelta(days=1)
        current = datetime.datetime.combine(day, opens, tzinfo=zone)
    raise ValueError("No business hours found within ten years.")


def business_time_between(start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
    """The business time from ``start`` to ``end`` (zero when ``end`` is not later).

    The inverse of :func:`add_business_hours`: pausing a promise stores this and
    resuming it adds the same amount back, so the hours spent waiting do not count.
    """
    if end <= start:
        return datetime.timedelta(0)
    opens, closes = office_hours()
    zone = _zone()
    start, end = start.astimezone(zone), end.astimezone(zone)
    total = datetime.timedelta(0)
    day = start.date()
    while day <= end.date():
        if is_business_day(day):
            window_start = datetime.datetime.combine(day, opens, tzinfo=zone)
            window_end = datetime.datetime.combine(day, closes, tzinfo=zone)
            begin, finish = max(start, window_start), min(end, window_end)
            if begin < finish:
                total += finish - begin
        day += datetime.timedelta(days=1)
    return total
