"""Privacy between the two sides of a match, over every page an ambassador can reach."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from ambassadors import services
from ambassadors.models import BuddyRequest, Match
from ambassadors.tasks import match_buddy_request
from tests.ambassadors.factories import AmbassadorFactory, BuddyRequestFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

NEWCOMER_SECRETS = {
    "first name": "Hiddenfirstname",
    "e-mail": "zephyrine.private@example.org",
    "phone": "+46 70 987 65 43",
    "help text": "HELPTEXT-91c2 finding a dentist",
}
NEVER_SHOWN = {"help text": NEWCOMER_SECRETS["help text"]}


@pytest.fixture
def newcomer_request(db):
    newcomer = UserFactory(
        email=NEWCOMER_SECRETS["e-mail"], first_name=NEWCOMER_SECRETS["first name"]
    )
    return BuddyRequestFactory(
        newcomer=newcomer,
        languages=["ti", "en"],
        phone=NEWCOMER_SECRETS["phone"],
        help_with=NEWCOMER_SECRETS["help text"],
        interests=["music"],
        household=BuddyRequest.Household.FAMILY,
        share_email=True,
    )


@pytest.fixture
def offer(newcomer_request, django_capture_on_commit_callbacks):
    ambassador = AmbassadorFactory(speaks=["ti", "sv"])
    with django_capture_on_commit_callbacks(execute=True):
        match_buddy_request.delay(newcomer_request.pk)
    return Match.objects.get(request=newcomer_request, ambassador=ambassador)


def ambassador_pages(match: Match) -> list[str]:
    """Every page an ambassador can reach in the ambassador part of the portal."""
    return [
        reverse("ambassadors:index"),
        reverse("ambassadors:code_of_conduct"),
        reverse("ambassadors:dashboard"),
        reverse("ambassadors:profile"),
        reverse("events:list"),
        reverse("ambassadors:match", args=[match.pk]),
        reverse("ambassadors:match_end", args=[match.pk]),
        reverse("ambassadors:match_concern", args=[match.pk]),
        reverse("home"),
    ]


def crawl(client, urls) -> dict[str, str]:
    pages = {}
    for url in urls:
        response = client.get(url, follow=True)
        pages[url] = response.content.decode()
    return pages


def found(pages: dict[str, str], secrets: dict[str, str]) -> list[str]:
    return [
        f"{label} on {url}"
        for url, body in pages.items()
        for label, secret in secrets.items()
        if secret.lower() in body.lower()
    ]


def test_before_acceptance_no_page_shows_the_ambassador_who_the_newcomer_is(client, offer):
    client.force_login(offer.ambassador.user)
    pages = crawl(client, ambassador_pages(offer))
    assert found(pages, NEWCOMER_SECRETS) == []
    # What the ambassador needs to decide, in broad terms (issue 15, point 4).
    dashboard = pages[reverse("ambassadors:dashboard")]
    assert "ትግርኛ" in dashboard
    assert "With children" in dashboard
    # Not vacuous: the offer itself is on the dashboard.
    assert (
        reverse("ambassadors:offer_accept", args=[offer.pk])
        in pages[reverse("ambassadors:dashboard")]
    )


def test_before_acceptance_the_match_pages_are_not_found_for_the_ambassador(client, offer):
    client.force_login(offer.ambassador.user)
    for url in ambassador_pages(offer)[5:8]:
        assert client.get(url).status_code == 404


def test_the_offer_email_carries_nothing_about_the_newcomer(offer):
    assert mail.outbox, "the ambassador was told about the offer"
    text = "\n".join(f"{m.subject}\n{m.body}" for m in mail.outbox)
    assert [label for label, s in NEWCOMER_SECRETS.items() if s.lower() in text.lower()] == []


def test_the_offer_email_says_what_the_ambassador_needs_to_decide(offer):
    offer_mail = [m for m in mail.outbox if m.to == [offer.ambassador.user.email]]
    assert offer_mail
    body = offer_mail[-1].body
    assert "ትግርኛ" in body
    assert "English" in body
    assert "With children" in body
    assert "Not decided yet" in body or offer.request.municipality.name in body


def test_after_acceptance_the_ambassador_sees_first_name_languages_and_chosen_contacts_only(
    client, offer
):
    services.offer_accept(match_id=offer.pk, user=offer.ambassador.user)
    client.force_login(offer.ambassador.user)
    pages = crawl(client, ambassador_pages(offer))
    match_page = pages[reverse("ambassadors:match", args=[offer.pk])]
    for label in ("first name", "e-mail", "phone"):
        assert NEWCOMER_SECRETS[label] in match_page, label
    assert "ትግርኛ" in match_page
    assert found(pages, NEVER_SHOWN) == []
    assert "With children" not in match_page
    assert "Practising Swedish" not in match_page


def test_an_email_address_the_newcomer_chose_not_to_share_stays_hidden(
    client, offer, newcomer_request
):
    BuddyRequest.objects.filter(pk=newcomer_request.pk).update(share_email=False)
    services.offer_accept(match_id=offer.pk, user=offer.ambassador.user)
    client.force_login(offer.ambassador.user)
    pages = crawl(client, ambassador_pages(offer))
    assert found(pages, {"e-mail": NEWCOMER_SECRETS["e-mail"]}) == []


def test_the_newcomer_sees_only_the_ambassadors_first_name_languages_and_contacts(
    client, offer, newcomer_request
):
    services.offer_accept(match_id=offer.pk, user=offer.ambassador.user)
    ambassador = offer.ambassador
    client.force_login(newcomer_request.newcomer)
    body = client.get(reverse("ambassadors:match", args=[offer.pk])).content.decode()
    assert ambassador.user.first_name in body
    assert ambassador.phone in body
    assert ambassador.user.email in body
    assert ambassador.bio not in body
    assert ambassador.availability not in body


def test_the_newcomer_cannot_see_the_match_page_before_acceptance(client, offer):
    client.force_login(offer.request.newcomer)
    assert client.get(reverse("ambassadors:match", args=[offer.pk])).status_code == 404


def test_someone_else_cannot_see_a_match_page(client, offer):
    services.offer_accept(match_id=offer.pk, user=offer.ambassador.user)
    client.force_login(UserFactory())
    assert client.get(reverse("ambassadors:match", args=[offer.pk])).status_code == 404
    assert client.get(reverse("ambassadors:match_concern", args=[offer.pk])).status_code == 404


def test_after_the_match_ends_contact_details_are_no_longer_shown(client, offer):
    services.offer_accept(match_id=offer.pk, user=offer.ambassador.user)
    services.match_end(match_id=offer.pk, user=offer.ambassador.user, rating=4, comment="")
    client.force_login(offer.ambassador.user)
    pages = crawl(client, ambassador_pages(offer))
    assert found(pages, {k: NEWCOMER_SECRETS[k] for k in ("e-mail", "phone", "help text")}) == []
