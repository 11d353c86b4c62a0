"""The newcomer's front door (issue 15, point 1): every page that a newcomer starts
from leads in one click to the enquiry form, the buddy form and (signed in) My page,
in every language; signing in lands on My page."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone, translation

from ambassadors.models import BuddyRequest
from events.models import Event, EventRegistration
from guides.models import Stage
from tests.ambassadors.factories import BuddyRequestFactory
from tests.guides.factories import GuideFactory, TopicFactory
from tests.portal.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
LANGUAGES = ["sv", "en", "de", "es", "pl", "uk", "ar", "fa"]
NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _english_urls():
    with translation.override("en"):
        yield


def path(name, lang, **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


@pytest.fixture
def guide(region):
    topic = TopicFactory(slug="housing")
    return GuideFactory(topic=topic, organisation=region, subject="housing", slug="housing")


def start_pages(lang, guide) -> dict[str, str]:
    with translation.override(lang):
        return {
            "home": reverse("home"),
            "guide": guide.get_absolute_url(),
            "topic": guide.topic.get_absolute_url(),
            "empty search": reverse("guides:search") + "?q=zzqxwv",
        }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_start_page_leads_to_the_enquiry_form_and_the_buddy_form(client, guide, lang):
    enquiry_form = path("enquiries:enquiry_new", lang)
    buddy_form = path("ambassadors:buddy", lang)
    for name, url in start_pages(lang, guide).items():
        response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        main = html.split('<main id="main"', 1)[1]
        # In the page itself, not only in the header.
        assert enquiry_form in hrefs(main), name
        assert buddy_form in hrefs(main), name
        assert path("guides:my", lang) not in hrefs(html), name  # signed out: no My page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_header_links_jobs_employers_buddy_and_for_the_signed_in_my_page(
    client, newcomer_in_are, lang
):
    html = client.get(path("home", lang)).content.decode()
    header = html.split("<header", 1)[1].split("</header>", 1)[0]
    for name in ("employers:jobs", "employers:index", "ambassadors:buddy", "account_login"):
        assert path(name, lang) in hrefs(header), name
    client.force_login(newcomer_in_are)
    html = client.get(path("home", lang)).content.decode()
    header = html.split("<header", 1)[1].split("</header>", 1)[0]
    assert path("guides:my", lang) in hrefs(header)
    assert path("account_email", lang) not in hrefs(header)  # not the sign-in library's page


def test_the_guides_questions_box_keeps_the_contact_address_and_links_the_form(client, guide):
    html = client.get(guide.get_absolute_url()).content.decode()
    box = html.split('id="contact-title"', 1)[1].split("</section>", 1)[0]
    assert "/en/enquiries/new/" in hrefs(box)
    assert any(href.startswith("mailto:") for href in hrefs(box))


def test_the_home_pages_one_inbox_card_is_a_link_to_the_form(client):
    html = client.get("/en/").content.decode()
    assert '<a href="/en/enquiries/new/">One inbox for your questions</a>' in html


def test_signing_in_lands_on_my_page(client, newcomer_in_are):
    newcomer_in_are.set_password("a long password 1")
    newcomer_in_are.save()
    _verified(newcomer_in_are)
    response = client.post(
        "/en/accounts/login/", {"login": newcomer_in_are.email, "password": "a long password 1"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/my/"


def test_signing_in_keeps_the_page_asked_for(client, newcomer_in_are):
    newcomer_in_are.set_password("a long password 1")
    newcomer_in_are.save()
    _verified(newcomer_in_are)
    response = client.post(
        "/en/accounts/login/?next=/en/buddy/",
        {"login": newcomer_in_are.email, "password": "a long password 1"},
    )
    assert response["Location"] == "/en/buddy/"


def _verified(user):
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


@time_machine.travel(NOW, tick=False)
def test_my_page_shows_plan_questions_buddy_events_data_and_settings(client, newcomer_in_are):
    GuideFactory(stage=Stage.BEFORE_MOVING, title_en="Finding housing")
    BuddyRequestFactory(newcomer=newcomer_in_are, status=BuddyRequest.Status.WAITING)
    event = Event.objects.create(
        slug="fika",
        title="Fika for newcomers",
        kind=Event.Kind.MEETUP,
        organisation=OrganisationFactory(),
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
        place="The library",
    )
    Event.objects.create(
        slug="past",
        title="A past event",
        kind=Event.Kind.MEETUP,
        organisation=event.organisation,
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=-2),
        place="The library",
    )
    EventRegistration.objects.create(
        event=event, user=newcomer_in_are, status=EventRegistration.Status.CONFIRMED
    )
    client.force_login(newcomer_in_are)
    html = client.get("/en/my/").content.decode()
    links = hrefs(html)
    assert "Finding housing" in html  # the plan
    assert "/en/enquiries/new/" in links  # questions
    assert "On the waiting list" in html
    assert "/en/buddy/" in links
    assert "Fika for newcomers" in html
    assert "You are registered." in html
    assert "A past event" not in html
    assert "/en/enquiries/my-data.json" in links
    assert "/en/enquiries/delete-account/" in links
    assert "/en/accounts/email/" in links
