"""Status links: exchanged for a short session on first use, expiring, replaceable.

A status link used to work forever and put its token in every access log line of
the page and its answers. Now the token is exchanged for a two-hour session grant
and the page is shown at an address without it; the token expires after
``ENQUIRY_STATUS_LINK_DAYS``; the newcomer can replace the link, which stops every
older one.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from enquiries.services.submission import enquiry_status_link
from tests.enquiries.factories import RoutedEnquiryFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def link_path(enquiry) -> str:
    """The path and query of the link the newcomer's e-mail carries."""
    with translation.override("en"):
        return enquiry_status_link(enquiry=enquiry).split("127.0.0.1:8000", 1)[1]


def page_path(enquiry) -> str:
    with translation.override("en"):
        return enquiry.get_absolute_url()


def replace_path(enquiry) -> str:
    with translation.override("en"):
        return reverse("enquiries:enquiry_status_link_new", args=[enquiry.reference])


@pytest.fixture
def enquiry(are_kommun):
    with time_machine.travel(NOW, tick=False):
        return RoutedEnquiryFactory(organisation=are_kommun, language="en")


def test_the_first_use_of_a_link_redirects_to_the_page_without_the_token(client, enquiry):
    with time_machine.travel(NOW, tick=False):
        link = link_path(enquiry)
        response = client.get(link)
        assert response.status_code == 302
        assert response["Location"] == page_path(enquiry)
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert enquiry.display_reference in page.content.decode()
        assert "?t=" not in page.content.decode()


def test_without_the_exchange_the_page_is_not_found(client, enquiry):
    with time_machine.travel(NOW, tick=False):
        assert client.get(page_path(enquiry)).status_code == 404


def test_the_session_grant_is_short(client, enquiry):
    with time_machine.travel(NOW, tick=False):
        client.get(link_path(enquiry))
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        assert client.get(page_path(enquiry)).status_code == 200
    with time_machine.travel(NOW + dt.timedelta(hours=3), tick=False):
        assert client.get(page_path(enquiry)).status_code == 404


@override_settings(ENQUIRY_STATUS_LINK_DAYS=30)
def test_a_link_expires_after_the_configured_days(client, enquiry):
    with time_machine.travel(NOW, tick=False):
        link = link_path(enquiry)
    with time_machine.travel(NOW + dt.timedelta(days=29), tick=False):
        assert client.get(link).status_code == 302
    with time_machine.travel(NOW + dt.timedelta(days=31), tick=False):
        expired = client.get(link)
        assert expired.status_code == 404
        assert "This link no longer works" in expired.content.decode()


def test_replacing_the_link_stops_the_old_one_and_shows_the_new_one(client, enquiry):
    with time_machine.travel(NOW, tick=False):
        old = link_path(enquiry)
        client.get(old)
        replace = replace_path(enquiry)
        page = client.post(replace, follow=True)
        assert page.status_code == 200  # this session keeps access
        body = page.content.decode()
        assert "no longer work" in body
        new = body.split(f"{page_path(enquiry)}?t=", 1)[1].split("<", 1)[0]
        # Somebody else holding the old link gets nothing; the new one works.
        stranger = Client()
        assert stranger.get(old).status_code == 404
        assert stranger.get(f"{page_path(enquiry)}?t={new}").status_code == 302


def test_only_someone_with_access_may_replace_the_link(client, enquiry):
    assert client.post(replace_path(enquiry)).status_code == 404
    enquiry.refresh_from_db()
    assert enquiry.status_link_generation == 0


def test_an_answer_posted_from_a_page_opened_with_the_token_is_taken(client, enquiry):
    with time_machine.travel(NOW, tick=False):
        response = client.post(link_path(enquiry), {"body": "Thanks, and the preschool?"})
        assert response.status_code == 302
        assert "?t=" not in response["Location"]
        assert enquiry.messages.filter(body="Thanks, and the preschool?").exists()
