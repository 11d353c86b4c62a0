"""Events say "you are registered" and a confirmation e-mail goes out through the
outbox (issue 15, point 4)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Event, EventRegistration
from notifications.models import OutboundEmail
from tests.portal.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)


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


def make_event(slug: str, days: int = 5) -> Event:
    start = timezone.now() + datetime.timedelta(days=days)
    return Event.objects.create(
        slug=slug,
        title=f"Event {slug}",
        kind=Event.Kind.MEETUP,
        organisation=OrganisationFactory(),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="The library",
        capacity=1,
    )


@time_machine.travel(NOW, tick=False)
def test_the_event_list_says_where_you_are_registered_or_waiting(client):
    registered, waiting, other = make_event("a"), make_event("b", 6), make_event("c", 7)
    user = UserFactory()
    EventRegistration.objects.create(
        event=registered, user=user, status=EventRegistration.Status.CONFIRMED
    )
    EventRegistration.objects.create(
        event=waiting, user=user, status=EventRegistration.Status.WAITING
    )
    EventRegistration.objects.create(
        event=other, user=UserFactory(), status=EventRegistration.Status.CONFIRMED
    )
    client.force_login(user)
    html = client.get(reverse("events:list")).content.decode()
    cards = html.split('<li class="card">')[1:]
    assert "You are registered." in cards[0]
    assert "You are on the waiting list." in cards[1]
    assert "You are" not in cards[2]


@time_machine.travel(NOW, tick=False)
def test_a_signed_out_visitor_sees_the_list_without_registrations(client):
    make_event("a")
    html = client.get(reverse("events:list")).content.decode()
    assert "You are registered." not in html


@time_machine.travel(NOW, tick=False)
def test_registering_sends_a_confirmation_through_the_outbox(
    client, django_capture_on_commit_callbacks
):
    event = make_event("fika")
    user = UserFactory()
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:register", args=[event.slug]))
    assert response.status_code == 302
    row = OutboundEmail.objects.get(recipient=user.email)
    assert row.key.startswith("events:registered:")
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "Du är anmäld. Vi ses där!" in mail.outbox[0].body  # no profile: Swedish
    assert "Event fika" in mail.outbox[0].body
    html = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert "You are registered." in html
