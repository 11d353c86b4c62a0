"""Small things a walk-through found (issue 15): the event description shown twice,
"p.m.." at the end of a sentence, the verification e-mail greeting the server's
address, Arabic dates in two formats, demo promises due outside office hours."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from config.celery import app
from enquiries.business_hours import is_business_day, office_hours
from enquiries.models import Enquiry
from enquiries.services.submission import enquiry_status_token
from events.models import Event
from tests.enquiries.factories import RoutedEnquiryFactory
from tests.portal.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
LANGUAGES = ["sv", "en", "de", "es", "pl", "uk", "ar", "fa"]
# An afternoon in winter (15:30 local time) and a Saturday night.
AFTERNOON = datetime.datetime(2026, 12, 3, 14, 30, tzinfo=datetime.UTC)
SATURDAY_NIGHT = datetime.datetime(2026, 11, 28, 22, 15, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def make_event(**fields) -> Event:
    values = {
        "slug": "fika",
        "title": "Fika for newcomers",
        "kind": Event.Kind.MEETUP,
        "organisation": OrganisationFactory(slug="organiser", name="Organiser"),
        "starts_at": AFTERNOON + datetime.timedelta(days=5),
        "ends_at": AFTERNOON + datetime.timedelta(days=5, hours=2),
        "place": "Stadsbiblioteket",
        "capacity": 10,
    }
    values.update(fields)
    return Event.objects.create(**values)


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


# --- the event page -------------------------------------------------------------------------


def test_an_event_whose_description_repeats_its_summary_shows_the_text_once(client):
    text = "An informal meeting to get to know each other and share tips."
    event = make_event(summary=text, description=text)
    with translation.override("en"):
        html = page(client, reverse("events:detail", args=[event.slug]))
    assert html.count(text) == 1


def test_an_event_with_a_longer_description_shows_both(client):
    event = make_event(summary="Short summary.", description="The long description.")
    with translation.override("en"):
        html = page(client, reverse("events:detail", args=[event.slug]))
    assert "Short summary." in html
    assert "The long description." in html


def test_the_demo_events_do_not_repeat_their_summary(client):
    with time_machine.travel(AFTERNOON, tick=False):
        call_command("seed_demo", stdout=StringIO())
    for event in Event.objects.exclude(description=""):
        assert event.description.strip() != event.summary.strip(), event.slug


# --- dates and times ------------------------------------------------------------------------

FORMATS = ["DATE_FORMAT", "DATETIME_FORMAT", "TIME_FORMAT", "SHORT_DATE_FORMAT"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_date_or_time_ends_with_a_full_stop_so_no_sentence_ends_in_two(language):
    moment = timezone.localtime(AFTERNOON)
    with translation.override(language):
        for name in FORMATS:
            shown = date_format(moment, name)
            assert not shown.endswith("."), (language, name, shown)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_and_time_starts_with_the_date_as_it_is_written_alone(language):
    moment = timezone.localtime(AFTERNOON)
    with translation.override(language):
        assert date_format(moment, "DATETIME_FORMAT").startswith(date_format(moment, "DATE_FORMAT"))


def test_a_sentence_ending_in_a_time_has_one_full_stop_in_english(client, are_kommun):
    with time_machine.travel(AFTERNOON, tick=False):
        event = make_event()
        with translation.override("en"):
            html = page(client, reverse("events:detail", args=[event.slug]))
    assert ".." not in re.sub(r"<[^>]+>", "", html).replace("...", "")
    assert "p.m" not in html


def test_the_same_day_reads_the_same_on_two_arabic_pages(client, are_kommun):
    with time_machine.travel(AFTERNOON, tick=False):
        event = make_event()
        enquiry = RoutedEnquiryFactory(organisation=are_kommun)
        Enquiry.objects.filter(pk=enquiry.pk).update(created_at=event.starts_at)
        with translation.override("ar"):
            day = date_format(timezone.localtime(event.starts_at), "DATE_FORMAT")
            event_page = page(client, reverse("events:detail", args=[event.slug]))
            path = reverse("enquiries:enquiry_status", kwargs={"reference": enquiry.reference})
        token = enquiry_status_token(reference=enquiry.reference)
        status_page = client.get(f"{path}?t={token}", follow=True).content.decode()
    assert day in event_page
    assert day in status_page


# --- the verification e-mail ---------------------------------------------------------------


def test_the_verification_e_mail_greets_with_the_portals_name(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": "new.person@example.org",
                "password1": "lingonberry-moose-43-aurora",
                "password2": "lingonberry-moose-43-aurora",
            },
            HTTP_HOST="127.0.0.1:8123",
        )
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    text = message.subject + message.body
    assert "International House Jämtland Härjedalen" in message.body
    assert "127.0.0.1:8123" not in text.replace("http://127.0.0.1:8123/", "")
    assert "testserver" not in text


# --- demo promises --------------------------------------------------------------------------


@pytest.mark.parametrize("moment", [AFTERNOON, SATURDAY_NIGHT], ids=["afternoon", "saturday"])
def test_every_demo_promise_falls_within_office_hours(moment):
    with time_machine.travel(moment, tick=False):
        call_command("seed_demo", stdout=StringIO())
    opens, closes = office_hours()
    due = list(Enquiry.objects.filter(is_demo=True, due_at__isnull=False))
    assert due
    for enquiry in due:
        local = timezone.localtime(enquiry.due_at)
        assert is_business_day(local.date()), (enquiry.reference, local)
        assert opens <= local.time() <= closes, (enquiry.reference, local)
