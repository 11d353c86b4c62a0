"""Events: pages, registration with a waiting list, reminders and iCalendar feeds."""

from __future__ import annotations

import datetime

import icalendar
import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events import services as services_events
from events.models import Event, EventRegistration
from tests.portal.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_urls():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


LANGUAGES = ["sv", "en", "de", "es", "pl", "uk", "ar", "fa"]


def make_event(n: int = 0, **fields) -> Event:
    start = timezone.now() + datetime.timedelta(days=5 + n)
    values = {
        "slug": f"fika-{n}",
        "title": f"Fika for newcomers {n}",
        "kind": Event.Kind.MEETUP,
        "organisation": OrganisationFactory(slug="organiser", name="Organiser"),
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "place": "Stadsbiblioteket, Rådhusgatan 25",
        "capacity": 2,
    }
    values.update(fields)
    return Event.objects.create(**values)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_event_list_and_an_event_answer_in_every_language(client, lang):
    event = make_event()
    with translation.override(lang):
        urls = [reverse("events:list"), reverse("events:detail", args=[event.slug])]
    for url in urls:
        response = client.get(url)
        body = response.content.decode()
        assert response.status_code == 200
        assert f'lang="{lang}"' in body
        assert body.count("<h1") == 1
        assert event.title in body


def test_the_event_list_makes_the_same_number_of_queries_for_one_and_many_events(client):
    make_event(0)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("events:list"))
    for n in range(1, 15):
        make_event(n)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("events:list"))
    assert len(many) == len(few)


def test_an_unpublished_event_is_not_found(client):
    event = make_event(is_published=False)
    assert client.get(reverse("events:detail", args=[event.slug])).status_code == 404


def test_registration_confirms_until_the_event_is_full_then_puts_people_on_the_waiting_list():
    event = make_event(capacity=2)
    statuses = [
        services_events.event_register(event_id=event.pk, user=UserFactory()).status
        for _ in range(3)
    ]
    assert statuses == ["confirmed", "confirmed", "waiting"]


def test_registering_twice_keeps_one_registration():
    event = make_event()
    user = UserFactory()
    services_events.event_register(event_id=event.pk, user=user)
    services_events.event_register(event_id=event.pk, user=user)
    assert EventRegistration.objects.filter(event=event, user=user).count() == 1


def test_a_cancellation_gives_the_place_to_the_first_on_the_waiting_list_who_is_emailed(
    django_capture_on_commit_callbacks,
):
    event = make_event(capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    for user in (first, second, third):
        services_events.event_register(event_id=event.pk, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        services_events.event_cancel_registration(event_id=event.pk, user=first)
    status = dict(EventRegistration.objects.values_list("user_id", "status"))
    assert status == {first.pk: "cancelled", second.pk: "confirmed", third.pk: "waiting"}
    assert [m.to for m in mail.outbox] == [[second.email]]


def test_registration_through_the_page_needs_a_signed_in_user(client):
    event = make_event()
    response = client.post(reverse("events:register", args=[event.slug]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not EventRegistration.objects.exists()


def test_a_signed_in_visitor_registers_and_cancels_on_the_page(client):
    event = make_event()
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("events:register", args=[event.slug]))
    body = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert "You are registered." in body
    client.post(reverse("events:cancel", args=[event.slug]))
    assert EventRegistration.objects.get().status == "cancelled"


def test_reminders_go_once_to_confirmed_people_within_a_day_of_the_start(
    settings, django_capture_on_commit_callbacks
):
    settings.EVENT_REMINDER_HOURS = 24
    event = make_event(capacity=1)
    confirmed, waiting = UserFactory(), UserFactory()
    services_events.event_register(event_id=event.pk, user=confirmed)
    services_events.event_register(event_id=event.pk, user=waiting)
    early = event.starts_at - datetime.timedelta(hours=30)
    due = event.starts_at - datetime.timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert services_events.event_reminders_send_due(now=early) == 0
        assert services_events.event_reminders_send_due(now=due) == 1
        assert services_events.event_reminders_send_due(now=due) == 0
    assert [m.to for m in mail.outbox] == [[confirmed.email]]


def test_the_ical_feed_of_an_event_is_valid_rfc5545_text(client):
    event = make_event(
        title="Språkcafé; fika, samtal och nya vänner " * 3,
        summary="Line one\nLine two, with a comma; and a semicolon \\ backslash",
    )
    response = client.get(reverse("events:ical", args=[event.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    unfolded = raw.replace(b"\r\n ", b"").decode()
    assert "Språkcafé\\; fika\\, samtal" in unfolded
    assert "Line one\\nLine two\\, with a comma\\; and a semicolon \\\\ backslash" in unfolded
    assert unfolded.count("BEGIN:VEVENT") == 1
    assert f"DTSTART:{event.starts_at.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}" in unfolded


def test_the_ical_feed_reads_back_with_its_identity_times_place_and_link(client):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC), tick=False):
        event = make_event(place="Folkets hus, Åre")
        body = client.get(reverse("events:ical", args=[event.slug])).content
        (entry,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
        assert str(entry["UID"]).startswith(f"event-{event.pk}@")
        assert entry.decoded("DTSTAMP") == datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)
        assert entry.decoded("DTSTART") == event.starts_at
        assert entry.decoded("DTEND") == event.ends_at
        assert entry.decoded("DTSTART").utcoffset() == datetime.timedelta(0)
        assert str(entry["SUMMARY"]) == event.title
        assert str(entry["LOCATION"]) == "Folkets hus, Åre"
        assert str(entry["URL"]).endswith(f"/events/{event.slug}/")


def test_the_ical_feed_of_the_list_holds_every_upcoming_event(client):
    for n in range(3):
        make_event(n)
    make_event(9, is_published=False)
    body = client.get(reverse("events:list_ical")).content.decode()
    assert body.count("BEGIN:VEVENT") == 3


def test_an_event_page_makes_the_same_number_of_queries_for_few_and_many_registrations(client):
    event = make_event(capacity=50)
    user = UserFactory()
    client.force_login(user)
    services_events.event_register(event_id=event.pk, user=user)
    url = reverse("events:detail", args=[event.slug])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(20):
        services_events.event_register(event_id=event.pk, user=UserFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
