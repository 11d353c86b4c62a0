"""Links in e-mails sent by tasks follow the address the portal runs at (issue 15)."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone, translation

from events import services as services_events
from events.models import Event
from tests.portal.factories import OrganisationFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_gives_the_portal_its_own_port_as_the_address_for_e_mail_links():
    planned = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    serve = [line for line in planned.splitlines() if "runserver" in line]
    assert serve, planned
    assert "PUBLIC_BASE_URL=http://127.0.0.1:8123" in serve[0]
    assert "127.0.0.1:8123" in serve[0].split("runserver", 1)[1]


@pytest.mark.django_db
def test_a_task_sent_e_mail_links_to_the_configured_address(
    settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8123"
    settings.EVENT_REMINDER_HOURS = 24
    start = timezone.now() + datetime.timedelta(days=5)
    event = Event.objects.create(
        slug="fika",
        title="Fika for newcomers",
        kind=Event.Kind.MEETUP,
        organisation=OrganisationFactory(slug="organiser", name="Organiser"),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Stadsbiblioteket",
        capacity=2,
    )
    person = UserFactory()
    with translation.override("en"):
        services_events.event_register(event_id=event.pk, user=person)
        with django_capture_on_commit_callbacks(execute=True):
            sent = services_events.event_reminders_send_due(
                now=start - datetime.timedelta(hours=20)
            )
    assert sent == 1
    body = mail.outbox[-1].body
    assert "http://127.0.0.1:8123/" in body
    assert ":8000" not in body
