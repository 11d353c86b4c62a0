"""Deflection: a newcomer found the answer in a guide and sent no enquiry. Counted
per day, topic and language (for the insights dashboard), with nothing about the
person."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from enquiries.models import DeflectionCount


def deflection_record(*, topic, language: str) -> None:
    """One more "this answered my question" today for the topic and language."""
    today = timezone.localdate()
    key = {"date": today, "topic": topic, "language": language[:8]}
    if DeflectionCount.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            DeflectionCount.objects.create(**key, count=1)
    except IntegrityError:  # another request created today's row first
        DeflectionCount.objects.filter(**key).update(count=F("count") + 1)
