"""The welcome-pack page, its PDF download and its calendar."""

from __future__ import annotations

import datetime

import icalendar
import pytest
import time_machine

from tests.conftest import Page
from tests.portal.factories import NewcomerProfileFactory, UserFactory
from tests.welcome.conftest import TITLES
from welcome.selectors import pack_for_profile
from welcome.services import pack_calendar


@pytest.fixture
def family_in_are(are):
    profile = NewcomerProfileFactory(
        user=UserFactory(email="family.are@example.org"),
        municipality=are,
        preferred_language="uk",
        citizenship="non_eu",
        has_partner=True,
        children_count=2,
        planned_arrival=datetime.date(2027, 1, 8),  # a Friday
    )
    return profile.user


@pytest.mark.django_db
def test_my_page_links_to_the_welcome_pack(client, family_in_are):
    client.force_login(family_in_are)
    page = Page(client.get("/en/my/").content.decode())
    assert any(a.attrs.get("href") == "/en/my/welcome-pack/" for a in page.find_all("a"))


@pytest.mark.django_db
def test_the_page_shows_the_pack_in_the_language_of_the_address(
    client, family_in_are, first_week_guides
):
    client.force_login(family_in_are)
    response = client.get("/ar/my/welcome-pack/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    for subject in TITLES:
        assert TITLES[subject][1]["ar"] in html or subject == "preschool-school"
    assert "Åre kommun" in html
    assert "international@are.example.org" in html
    assert 'href="/ar/buddy/"' in html
    assert 'href="/ar/my/welcome-pack/welcome-pack.pdf"' in html
    assert 'href="/uk/my/welcome-pack/welcome-pack.pdf"' in html
    assert html.count('class="qr"') >= 4


@pytest.mark.django_db
def test_the_page_needs_an_account(client):
    response = client.get("/en/my/welcome-pack/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db(transaction=True)  # the build is queued after commit, as in a request
def test_the_pdf_download_is_ready_at_once_with_celery_eager(
    client, family_in_are, first_week_guides
):
    client.force_login(family_in_are)
    response = client.get("/uk/my/welcome-pack/welcome-pack.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="welcome-pack-uk.pdf"'
    assert response.content.startswith(b"%PDF-")


@pytest.mark.django_db
def test_the_pdf_download_says_when_the_pack_is_being_prepared(
    client, family_in_are, first_week_guides, monkeypatch
):
    monkeypatch.setattr("welcome.services.enqueue_on_commit", lambda *args: None)
    client.force_login(family_in_are)
    response = client.get("/en/my/welcome-pack/welcome-pack.pdf")
    assert response.status_code == 202
    assert response["Content-Type"].startswith("text/html")
    assert 'role="status"' in response.content.decode()


@pytest.mark.django_db
def test_the_calendar_has_the_first_week_steps_on_weekdays_from_the_arrival(
    client, family_in_are, first_week_guides
):
    with time_machine.travel(datetime.datetime(2027, 1, 4, 9, tzinfo=datetime.UTC), tick=False):
        client.force_login(family_in_are)
        response = client.get("/en/my/welcome-pack/first-week.ics")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = icalendar.Calendar.from_ical(response.content)
        events = calendar.walk("VEVENT")
        assert [str(event["summary"]) for event in events] == [
            TITLES["population-registration"][1]["en"],
            TITLES["bank-account-bankid"][1]["en"],
            "Preschool and school in Åre",
            TITLES["sfi"][1]["en"],
        ]
        # Friday the arrival, then Monday, Tuesday, Wednesday: offices are closed at weekends.
        assert [event.decoded("dtstart") for event in events] == [
            datetime.date(2027, 1, 8),
            datetime.date(2027, 1, 11),
            datetime.date(2027, 1, 12),
            datetime.date(2027, 1, 13),
        ]
        assert str(events[0]["url"]).endswith("/en/guides/first-week/population-registration/")


@pytest.mark.django_db
def test_the_calendar_starts_today_once_the_arrival_has_passed(first_week_guides, are):
    pack = pack_for_profile(language="sv", municipality=are, arrival=datetime.date(2026, 3, 2))
    with time_machine.travel(datetime.datetime(2027, 2, 3, 9, tzinfo=datetime.UTC), tick=False):
        body = pack_calendar(pack, today=datetime.date(2027, 2, 3))
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert events[0].decoded("dtstart") == datetime.date(2027, 2, 3)
    assert events[0]["summary"].params["LANGUAGE"] == "sv"
