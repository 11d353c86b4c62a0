"""Reads about a person's event registrations (the events list and My page)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from events.models import Event, EventRegistration


def upcoming_registrations_of(user, *, now: datetime.datetime | None = None) -> list:
    """The person's places and waiting-list places at events not yet over, soonest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    now = now or timezone.now()
    return list(
        EventRegistration.objects.filter(
            user=user,
            event__is_published=True,
            event__cancelled_at__isnull=True,
            event__ends_at__gte=now,
        )
        .exclude(status=EventRegistration.Status.CANCELLED)
        .select_related("event", "event__municipality")
        .order_by("event__starts_at", "pk")
    )


def registration_statuses(user, event_ids: Iterable[int]) -> dict[int, str]:
    """Event id → the person's registration status ("confirmed" or "waiting")."""
    if not getattr(user, "is_authenticated", False):
        return {}
    rows = (
        EventRegistration.objects.filter(user=user, event_id__in=list(event_ids))
        .exclude(status=EventRegistration.Status.CANCELLED)
        .values_list("event_id", "status")
    )
    return dict(rows)


def upcoming_events_with_registration(user) -> list[Event]:
    """The upcoming events, each with ``my_registration``: the person's status there
    ("confirmed", "waiting" or "" when not registered or signed out)."""
    events = list(
        Event.objects.filter(
            is_published=True, cancelled_at__isnull=True, ends_at__gte=timezone.now()
        ).select_related("municipality", "organisation")
    )
    statuses = registration_statuses(user, [event.pk for event in events])
    for event in events:
        event.my_registration = statuses.get(event.pk, "")  # type: ignore[attr-defined]
    return events
