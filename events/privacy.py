"""Privacy provider for events: the person's registrations.

Erasing gives up the person's places at events still to come first, so the next
person on the waiting list moves up (as if they had cancelled), then deletes every
registration of theirs.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from events.models import EventRegistration
from events.services import event_cancel_registration
from portal.models import User
from portal.privacy import PrivacyProvider, isoformat

ACTIVE = (EventRegistration.Status.CONFIRMED, EventRegistration.Status.WAITING)


def events_export(user: User) -> dict[str, Any]:
    registrations = (
        EventRegistration.objects.filter(user=user).select_related("event").order_by("pk")
    )
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "starts": isoformat(registration.event.starts_at),
                "status": registration.status,
                "registered": isoformat(registration.created_at),
                "moved_from_waiting_list": isoformat(registration.promoted_at),
                "reminder_sent": isoformat(registration.reminder_sent_at),
            }
            for registration in registrations
        ]
    }


def events_erase(user: User) -> None:
    upcoming = EventRegistration.objects.filter(
        user=user, status__in=ACTIVE, event__starts_at__gt=timezone.now()
    ).values_list("event_id", flat=True)
    for event_id in list(upcoming):
        event_cancel_registration(event_id=event_id, user=user)
    EventRegistration.objects.filter(user=user).delete()


EVENTS = PrivacyProvider(name="events", export=events_export, erase=events_erase)
