"""The ambassador and buddy pages, end to end through the Django test client."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ambassadors import services
from ambassadors.models import Ambassador, BuddyRequest, Concern, Feedback, Match, Message
from tests.ambassadors.factories import AmbassadorFactory, BuddyRequestFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["sv", "en", "de", "es", "pl", "uk", "ar", "fa"]


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(name, args=args)


def application(ostersund, **overrides):
    data = {
        "first_name": "Ambassador",
        "municipality": ostersund.pk,
        "language_sv": "fluent",
        "language_uk": "native",
        "countries_lived_in": ["UA", "PL"],
        "profession": "Nurse",
        "sector": "healthcare",
        "interests": ["music", "outdoors"],
        "capacity": "2",
        "availability": "Weekday evenings",
        "bio": "I moved here from Lviv in 2019.",
        "share_email": "on",
        "phone": "",
        "accepts_code_of_conduct": "on",
    }
    data.update(overrides)
    return data


@pytest.fixture
def active_match(ostersunds_kommun, ostersund, django_capture_on_commit_callbacks):
    ambassador = AmbassadorFactory(municipality=ostersund, organisation=ostersunds_kommun)
    request = BuddyRequestFactory(municipality=ostersund, organisation=ostersunds_kommun)
    from ambassadors.matching import buddy_request_match

    offer = buddy_request_match(request_id=request.pk)
    return services.offer_accept(match_id=offer.pk, user=ambassador.user)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ambassador_page_and_the_code_of_conduct_answer_in_every_language(client, lang):
    for name in ("ambassadors:index", "ambassadors:code_of_conduct"):
        response = client.get(url(name, lang=lang))
        assert response.status_code == 200
        assert f'lang="{lang}"' in response.content.decode()
        assert response.content.decode().count("<h1") == 1


def test_a_signed_in_visitor_applies_and_staff_of_the_municipality_are_told(
    client, newcomer_in_are, ostersunds_kommun, ostersund, django_capture_on_commit_callbacks
):
    client.force_login(newcomer_in_are)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("ambassadors:index"), application(ostersund))
    assert response.status_code == 302
    ambassador = Ambassador.objects.get(user=newcomer_in_are)
    assert ambassador.status == Ambassador.Status.PENDING
    assert ambassador.organisation == ostersunds_kommun
    assert sorted(ambassador.language_codes()) == ["sv", "uk"]
    assert [c.code for c in ambassador.countries_lived_in] == ["PL", "UA"]
    assert any(ostersunds_kommun.contact_email in m.to for m in mail.outbox)


def test_an_application_without_a_language_keeps_what_was_typed_and_says_why(
    client, newcomer_in_are, ostersund
):
    client.force_login(newcomer_in_are)
    data = application(ostersund, language_sv="", language_uk="")
    response = client.post(url("ambassadors:index"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in body
    assert "I moved here from Lviv in 2019." in body
    assert not Ambassador.objects.exists()


def test_an_application_without_the_code_of_conduct_is_refused(client, newcomer_in_are, ostersund):
    client.force_login(newcomer_in_are)
    data = application(ostersund)
    del data["accepts_code_of_conduct"]
    assert client.post(url("ambassadors:index"), data).status_code == 200
    assert not Ambassador.objects.exists()


def test_the_applicant_is_told_the_decision_in_their_language(
    staff_of_ostersund, django_capture_on_commit_callbacks
):
    ambassador = AmbassadorFactory(status=Ambassador.Status.PENDING, preferred_language="de")
    with django_capture_on_commit_callbacks(execute=True):
        services.ambassador_decline(
            ambassador_id=ambassador.pk, by=staff_of_ostersund, reason="We have enough in Berg."
        )
    sent = [m for m in mail.outbox if ambassador.user.email in m.to]
    assert len(sent) == 1
    assert "We have enough in Berg." in sent[0].body
    assert "/de/ambassadors/" in sent[0].body


def test_a_newcomer_asks_for_a_buddy_and_gets_an_offer_made(
    client, newcomer_in_are, are, are_kommun, django_capture_on_commit_callbacks
):
    ambassador = AmbassadorFactory(municipality=are, speaks=["ar"])
    client.force_login(newcomer_in_are)
    data = {
        "first_name": "Newcomer",
        "languages": ["ar", "en"],
        "municipality": are.pk,
        "interests": ["skiing"],
        "household": "family",
        "help_with": "Schools",
        "share_email": "on",
        "consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("ambassadors:buddy", lang="ar"), data)
    assert response.status_code == 302
    request = BuddyRequest.objects.get(newcomer=newcomer_in_are)
    assert request.organisation == are_kommun
    assert request.contact_language == "ar"
    assert Match.objects.get(request=request).ambassador == ambassador
    body = client.get(url("ambassadors:buddy")).content.decode()
    assert "We are asking an ambassador" in body


def test_a_buddy_request_without_consent_is_refused_and_keeps_the_answers(
    client, newcomer_in_are, are, are_kommun
):
    client.force_login(newcomer_in_are)
    data = {
        "first_name": "Newcomer",
        "languages": ["ar"],
        "household": "alone",
        "help_with": "Finding a flat in Järpen",
    }
    response = client.post(url("ambassadors:buddy"), data)
    assert response.status_code == 200
    assert "Finding a flat in Järpen" in response.content.decode()
    assert not BuddyRequest.objects.exists()


def test_the_buddy_page_needs_a_signed_in_user(client):
    response = client.get(url("ambassadors:buddy"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_ambassador_accepts_an_offer_from_the_dashboard(
    client, django_capture_on_commit_callbacks
):
    ambassador = AmbassadorFactory()
    request = BuddyRequestFactory()
    from ambassadors.matching import buddy_request_match

    offer = buddy_request_match(request_id=request.pk)
    client.force_login(ambassador.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("ambassadors:offer_accept", offer.pk))
    assert response["Location"] == url("ambassadors:match", offer.pk)
    request.refresh_from_db()
    assert request.status == BuddyRequest.Status.MATCHED
    assert any(request.newcomer.email in m.to for m in mail.outbox)


def test_an_offer_cannot_be_answered_with_a_get(client):
    ambassador = AmbassadorFactory()
    from ambassadors.matching import buddy_request_match

    offer = buddy_request_match(request_id=BuddyRequestFactory().pk)
    client.force_login(ambassador.user)
    assert client.get(url("ambassadors:offer_accept", offer.pk)).status_code == 405


def test_an_ambassador_pauses_and_resumes(client):
    ambassador = AmbassadorFactory()
    client.force_login(ambassador.user)
    client.post(url("ambassadors:pause"))
    ambassador.refresh_from_db()
    assert ambassador.is_paused
    client.post(url("ambassadors:resume"))
    ambassador.refresh_from_db()
    assert not ambassador.is_paused


def test_both_sides_exchange_messages_and_the_other_side_gets_an_email(
    client, active_match, django_capture_on_commit_callbacks
):
    client.force_login(active_match.request.newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("ambassadors:match", active_match.pk), {"body": "Hej! Fika on Friday?"})
    client.force_login(active_match.ambassador.user)
    page = client.get(url("ambassadors:match", active_match.pk)).content.decode()
    assert "Hej! Fika on Friday?" in page
    notice = [m for m in mail.outbox if active_match.ambassador.user.email in m.to][-1]
    assert "Fika" not in notice.body


def test_an_empty_message_is_refused_next_to_the_field(client, active_match):
    client.force_login(active_match.request.newcomer)
    response = client.post(url("ambassadors:match", active_match.pk), {"body": "  "})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Message.objects.exists()


def test_either_side_ends_the_match_with_feedback_and_frees_the_place(client, active_match):
    client.force_login(active_match.ambassador.user)
    client.post(url("ambassadors:match_end", active_match.pk), {"rating": "5", "comment": "Fun"})
    active_match.refresh_from_db()
    assert active_match.status == Match.Status.ENDED
    assert Ambassador.objects.get(pk=active_match.ambassador_id).reserved == 0
    client.force_login(active_match.request.newcomer)
    client.post(url("ambassadors:match_end", active_match.pk), {"rating": "4"})
    assert sorted(Feedback.objects.values_list("role", flat=True)) == ["ambassador", "newcomer"]


def test_a_concern_reaches_the_staff_of_the_responsible_organisation(
    client, active_match, staff_of_ostersund, ostersunds_kommun, django_capture_on_commit_callbacks
):
    client.force_login(active_match.request.newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("ambassadors:match_concern", active_match.pk),
            {"description": "He asked me for money."},
        )
    concern = Concern.objects.get()
    assert concern.organisation == ostersunds_kommun
    staff_mail = [m for m in mail.outbox if staff_of_ostersund.email in m.to]
    assert staff_mail
    assert "money" not in staff_mail[0].body


def test_the_dashboard_makes_the_same_number_of_queries_for_one_and_many_buddies(client):
    ambassador = AmbassadorFactory(capacity=5)
    from ambassadors.matching import buddy_request_match

    def add_buddy():
        offer = buddy_request_match(request_id=BuddyRequestFactory().pk)
        services.offer_accept(match_id=offer.pk, user=ambassador.user)

    client.force_login(ambassador.user)
    add_buddy()
    buddy_request_match(request_id=BuddyRequestFactory().pk)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("ambassadors:dashboard")).status_code == 200
    for _ in range(3):
        add_buddy()
    with CaptureQueriesContext(connection) as many:
        client.get(url("ambassadors:dashboard"))
    assert len(many) == len(few)


def test_the_match_page_makes_the_same_number_of_queries_for_few_and_many_messages(
    client, active_match
):
    newcomer = active_match.request.newcomer
    client.force_login(newcomer)
    services.message_send(match_id=active_match.pk, sender=newcomer, body="One")
    with CaptureQueriesContext(connection) as few:
        client.get(url("ambassadors:match", active_match.pk))
    for number in range(20):
        services.message_send(match_id=active_match.pk, sender=newcomer, body=f"M{number}")
    with CaptureQueriesContext(connection) as many:
        client.get(url("ambassadors:match", active_match.pk))
    assert len(many) == len(few)


def profile_data(**overrides):
    data = {
        "language_en": "fluent",
        "language_fa": "good",
        "capacity": "3",
        "availability": "Weekends",
        "interests": ["food"],
        "share_email": "on",
    }
    data.update(overrides)
    return data


def test_an_ambassador_edits_languages_and_capacity_and_a_waiting_request_is_offered(
    client, django_capture_on_commit_callbacks
):
    ambassador = AmbassadorFactory(capacity=1, speaks=["en"])
    waiting = BuddyRequestFactory(languages=["fa"])
    from ambassadors.matching import buddy_request_match

    buddy_request_match(request_id=waiting.pk)
    client.force_login(ambassador.user)
    assert client.get(url("ambassadors:profile")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("ambassadors:profile"), profile_data())
    assert response.status_code == 302
    ambassador.refresh_from_db()
    assert (ambassador.capacity, sorted(ambassador.language_codes())) == (3, ["en", "fa"])
    assert Match.objects.get(request=waiting).ambassador == ambassador


def test_capacity_cannot_be_set_below_the_current_load(client):
    ambassador = AmbassadorFactory(capacity=2)
    from ambassadors.matching import buddy_request_match

    buddy_request_match(request_id=BuddyRequestFactory().pk)
    buddy_request_match(request_id=BuddyRequestFactory().pk)
    client.force_login(ambassador.user)
    response = client.post(url("ambassadors:profile"), profile_data(capacity="1"))
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    ambassador.refresh_from_db()
    assert ambassador.capacity == 2
