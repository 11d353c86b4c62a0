"""Dates for machines: the ``datetime`` attribute of ``<time>``."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def html_datetime(value: datetime.datetime | datetime.date | None) -> str:
    """A valid HTML date-time string: local time to the second with its offset
    (``2026-11-22T20:29:42+01:00``). HTML allows at most three digits of fractions,
    so the microseconds Django's ``date:'c'`` would print are left out."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.isoformat(timespec="seconds")
    return value.isoformat()
