"""Event pages: the list, one event with registration, and iCalendar feeds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from events import services as services_events
from events.models import Event, EventRegistration
from events.selectors import upcoming_events_with_registration


def _ical(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    events = upcoming_events_with_registration(request.user)
    return render(request, "events/list.html", {"events": events})


@require_safe
def event_list_ical(request: HttpRequest) -> HttpResponse:
    text = services_events.ical_calendar(
        services_events.upcoming_events(), name=_("International House events")
    )
    return _ical(text, "events.ics")


def _published(slug: str) -> Event:
    return get_object_or_404(
        Event.objects.select_related("municipality", "organisation"), slug=slug, is_published=True
    )


@require_safe
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _published(slug)
    registration = None
    if request.user.is_authenticated:
        registration = (
            EventRegistration.objects.filter(event=event, user=request.user)
            .exclude(status=EventRegistration.Status.CANCELLED)
            .first()
        )
    confirmed = event.registrations.filter(status=EventRegistration.Status.CONFIRMED).count()
    places_left = None if event.capacity is None else max(event.capacity - confirmed, 0)
    return render(
        request,
        "events/detail.html",
        {"event": event, "registration": registration, "places_left": places_left},
    )


@require_safe
def event_ical(request: HttpRequest, slug: str) -> HttpResponse:
    event = _published(slug)
    return _ical(services_events.ical_calendar([event], name=event.title), f"{event.slug}.ics")


@login_required
@require_POST
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _published(slug)
    try:
        registration = services_events.event_register(event_id=event.pk, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == EventRegistration.Status.CONFIRMED:
            messages.success(request, _("You are registered. See you there!"))
        else:
            messages.success(
                request,
                _(
                    "The event is full. You are on the waiting list and will be e-mailed "
                    "if a place becomes free."
                ),
            )
    return redirect(event.get_absolute_url())


@login_required
@require_POST
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _published(slug)
    if services_events.event_cancel_registration(event_id=event.pk, user=request.user):
        messages.success(request, _("Your registration has been cancelled."))
    return redirect(event.get_absolute_url())
