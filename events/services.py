"""Events: registration with a waiting list, promotion on cancellation, reminders,
and the iCalendar (RFC 5545) text for one event or a list."""

from __future__ import annotations

import datetime
import logging
import uuid
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, EventRegistration
from notifications.services import email_queue
from portal.models import User

logger = logging.getLogger(__name__)
R = EventRegistration.Status


def upcoming_events():
    return Event.objects.filter(
        is_published=True, cancelled_at__isnull=True, ends_at__gte=timezone.now()
    ).select_related("municipality", "organisation")


@transaction.atomic
def event_register(*, event_id: int, user: User) -> EventRegistration:
    """A place if one is free, otherwise the waiting list. The event row is locked so
    two people can never take the last place at once."""
    event = Event.objects.select_for_update().get(pk=event_id)
    if not event.is_published or event.cancelled_at or event.starts_at <= timezone.now():
        raise ValidationError(_("Registration for this event is closed."))
    registration = EventRegistration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.status != R.CANCELLED:
        return registration
    confirmed = EventRegistration.objects.filter(event=event, status=R.CONFIRMED).count()
    status = R.CONFIRMED if event.capacity is None or confirmed < event.capacity else R.WAITING
    if registration is None:
        registration = EventRegistration(event=event, user=user, status=status)
    else:
        registration.status = status
        registration.reminder_sent_at = None
    registration.full_clean()
    registration.save()
    _event_mail(registration, "registered", waiting=status == R.WAITING)
    return registration


@transaction.atomic
def event_cancel_registration(*, event_id: int, user: User) -> EventRegistration | None:
    event = Event.objects.select_for_update().get(pk=event_id)
    registration = EventRegistration.objects.filter(
        event=event, user=user, status__in=[R.CONFIRMED, R.WAITING]
    ).first()
    if registration is None:
        return None
    was_confirmed = registration.status == R.CONFIRMED
    registration.status = R.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    if was_confirmed:
        _promote(event)
    return registration


def _promote(event: Event) -> None:
    confirmed = EventRegistration.objects.filter(event=event, status=R.CONFIRMED).count()
    free = None if event.capacity is None else event.capacity - confirmed
    waiting = EventRegistration.objects.filter(event=event, status=R.WAITING).order_by(
        "created_at", "pk"
    )
    for registration in waiting[: free if free is not None else None]:
        registration.status = R.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at", "updated_at"])
        _event_mail(registration, "promoted")


def _user_language(user: User) -> str:
    """The newcomer's, the ambassador's or the employer user's language, else Swedish."""
    profile = getattr(user, "newcomer_profile", None)
    if profile is not None:
        return profile.preferred_language
    ambassador = getattr(user, "ambassador", None)
    if ambassador is not None and ambassador.preferred_language:
        return ambassador.preferred_language
    # An employer's person (employers.EmployerMembership, read by its relation name:
    # events does not import the employers app, which builds on it).
    memberships = getattr(user, "employer_memberships", None)
    language = (
        memberships.values_list("language", flat=True).first() if memberships is not None else None
    )
    return language or "sv"


def _event_mail(registration: EventRegistration, template: str, **values: bool) -> None:
    """Queue ``templates/notifications/event_<template>_*.txt`` to the registered person,
    in the caller's transaction; it is written just before it is sent."""
    email_queue(
        key=f"events:{template}:{registration.pk}:{uuid.uuid4().hex[:12]}",
        recipient=registration.user.email,
        template=f"notifications/event_{template}",
        language=_user_language(registration.user),
        context={"registration": registration, **values},
        render=False,
    )


def event_reminders_send_due(*, now: datetime.datetime | None = None, batch: int = 500) -> int:
    """Claim each due registration with SKIP LOCKED, mail it and mark it in one
    transaction: a failed send is retried next run, a sent one is never repeated."""
    now = now or timezone.now()
    horizon = now + datetime.timedelta(hours=settings.EVENT_REMINDER_HOURS)
    sent = 0
    for _i in range(batch):
        with transaction.atomic():
            registration = (
                EventRegistration.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("event", "user")
                .filter(
                    status=R.CONFIRMED,
                    reminder_sent_at__isnull=True,
                    event__cancelled_at__isnull=True,
                    event__starts_at__gt=now,
                    event__starts_at__lte=horizon,
                )
                .order_by("pk")
                .first()
            )
            if registration is None:
                break
            _event_mail(registration, "reminder")
            registration.reminder_sent_at = now
            registration.save(update_fields=["reminder_sent_at"])
            sent += 1
    return sent


# --- iCalendar (RFC 5545) ----------------------------------------------------------------
def ical_calendar(events: Iterable[Event], *, name: str) -> str:
    """The events as iCalendar text; the ``icalendar`` package escapes and folds."""
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//International House Jamtland Harjedalen//Events//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", icalendar.vText(name))
    now = timezone.now().astimezone(datetime.UTC)
    host = settings.PUBLIC_BASE_URL.split("//", 1)[-1]
    for event in events:
        url = settings.PUBLIC_BASE_URL + reverse("events:detail", kwargs={"slug": event.slug})
        language = {"LANGUAGE": event.language}
        entry = icalendar.Event()
        entry.add("uid", f"event-{event.pk}@{host}")
        entry.add("dtstamp", now)
        entry.add("dtstart", event.starts_at.astimezone(datetime.UTC))
        entry.add("dtend", event.ends_at.astimezone(datetime.UTC))
        entry.add("summary", event.title, parameters=language)
        entry.add("description", event.summary or event.description, parameters=language)
        entry.add("location", event.online_url if event.is_online else event.place)
        entry.add("url", url)
        entry.add("status", "CANCELLED" if event.cancelled_at else "CONFIRMED")
        calendar.add_component(entry)
    return calendar.to_ical().decode()
