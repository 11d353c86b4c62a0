"""The newcomer's enquiry pages: submit, confirmation, status page, answer back."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from enquiries.models import Enquiry, EnquiryMessage
from enquiries.services.routing import enquiry_route
from enquiries.services.submission import enquiry_status_token
from guides.models import Guide
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    EnquiryFactory,
    EnquiryMessageFactory,
    RoutedEnquiryFactory,
    healthcare_fixture,
    routing_fixture,
    schools_fixture,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db
LANGUAGES = ["sv", "en", "de", "es", "pl", "uk", "ar", "fa"]


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(f"enquiries:{name}", kwargs=kwargs or None)


def status_url(enquiry, lang="en", token=True):
    path = url("enquiry_status", lang, reference=enquiry.reference)
    return f"{path}?t={enquiry_status_token(reference=enquiry.reference)}" if token else path


@pytest.fixture
def form_data(schools, are):
    return {
        "topic": schools.pk,
        "municipality": are.pk,
        "language": "ar",
        "message": "Which school can my daughter go to in Åre?",
        "contact_email": "Parent@Example.org",
        "consent": "on",
        "website": "",
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_form_answers_in_every_language_with_one_heading(client, schools, lang):
    response = client.get(url("enquiry_new", lang))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1") == 1
    assert f'lang="{lang}"' in body


def test_the_consent_links_the_privacy_notice(client, schools):
    body = client.get(url("enquiry_new")).content.decode()
    assert 'href="/en/privacy/"' in body


def test_a_valid_enquiry_is_saved_and_the_reference_shown(
    client, form_data, routing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("enquiry_new"), form_data)
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.contact_email == "parent@example.org"
    sent = client.get(response["Location"])
    assert enquiry.display_reference in sent.content.decode()


def test_an_error_keeps_everything_typed_and_is_summarised_for_screen_readers(client, form_data):
    form_data["contact_email"] = "not-an-address"
    response = client.post(url("enquiry_new"), form_data)
    body = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in body
    assert "Which school can my daughter go to in Åre?" in body
    assert 'value="not-an-address"' in body
    assert 'aria-invalid="true"' in body
    assert not Enquiry.objects.exists()


def test_consent_is_required(client, form_data):
    del form_data["consent"]
    response = client.post(url("enquiry_new"), form_data)
    assert response.status_code == 400
    assert not Enquiry.objects.exists()


def test_a_filled_honeypot_saves_nothing(client, form_data):
    form_data["website"] = "http://spam.example"
    response = client.post(url("enquiry_new"), form_data)
    assert response.status_code == 400
    assert not Enquiry.objects.exists()


def test_the_client_ip_is_limited_and_a_spoofed_forwarded_for_is_ignored(
    client, form_data, settings
):
    settings.ENQUIRY_RATE_LIMIT_PER_IP = 2
    statuses = []
    for n in range(3):
        form_data["contact_email"] = f"person{n}@example.org"
        response = client.post(url("enquiry_new"), form_data, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
        statuses.append(response.status_code)
    assert statuses == [302, 302, 429]
    assert Enquiry.objects.count() == 2


def test_behind_a_trusted_proxy_each_real_client_has_its_own_limit(client, form_data, settings):
    settings.ENQUIRY_RATE_LIMIT_PER_IP = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    statuses = []
    for n in range(2):
        form_data["contact_email"] = f"person{n}@example.org"
        response = client.post(
            url("enquiry_new"), form_data, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}"
        )
        statuses.append(response.status_code)
    assert statuses == [302, 302]


def test_the_contact_email_is_limited(client, form_data, settings):
    settings.ENQUIRY_RATE_LIMIT_PER_EMAIL = 1
    first = client.post(url("enquiry_new"), form_data, REMOTE_ADDR="192.0.2.1")
    second = client.post(url("enquiry_new"), form_data, REMOTE_ADDR="192.0.2.2")
    assert (first.status_code, second.status_code) == (302, 429)
    assert "try again in an hour" in second.content.decode()


def test_matching_guides_are_suggested_before_sending_and_nothing_is_lost(
    client, form_data, schools, are_kommun
):
    Guide.objects.create(
        subject="school-places",
        slug="school-places",
        topic=schools,
        organisation=are_kommun,
        stage="first_weeks",
        title="Finding a school place",
        summary="How to apply for a school place for your daughter.",
        published=True,
    )
    form_data["preview"] = "1"
    response = client.post(url("enquiry_new"), form_data)
    body = response.content.decode()
    assert "Finding a school place" in body
    assert "Which school can my daughter go to in Åre?" in body
    assert not Enquiry.objects.exists()


def test_the_status_page_shows_status_organisation_promise_and_replies(
    client, are_kommun, staff_of_are
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    EnquiryMessageFactory(enquiry=enquiry, author=staff_of_are, body="Here is the answer.")
    body = client.get(status_url(enquiry), follow=True).content.decode()
    assert "Åre kommun" in body
    assert "Waiting for an answer" in body
    assert "16 business hours" in body
    assert "Here is the answer." in body


def test_the_status_page_gives_times_as_valid_html_date_times(client, are_kommun, staff_of_are):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    EnquiryMessageFactory(enquiry=enquiry, author=staff_of_are, body="Here is the answer.")
    body = client.get(status_url(enquiry), follow=True).content.decode()
    stamps = re.findall(r'<time datetime="([^"]*)"', body)
    assert len(stamps) >= 2  # when it was sent, and the reply
    for stamp in stamps:
        # To the second with the offset: HTML allows no microseconds here.
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}", stamp), stamp


def test_internal_notes_never_reach_the_status_page(client, are_kommun, staff_of_are):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    EnquiryMessageFactory(
        enquiry=enquiry, kind=EnquiryMessage.Kind.NOTE, author=staff_of_are, body="NOTE-ONLY"
    )
    assert "NOTE-ONLY" not in client.get(status_url(enquiry), follow=True).content.decode()


def test_the_status_page_is_not_found_without_a_valid_token(client, are_kommun):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    assert client.get(status_url(enquiry, token=False)).status_code == 404
    assert client.get(status_url(enquiry, token=False) + "?t=forged").status_code == 404


def test_a_signed_in_newcomer_sees_their_enquiry_without_a_token(
    client, are_kommun, newcomer_in_are
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun, user=newcomer_in_are)
    client.force_login(newcomer_in_are)
    assert client.get(status_url(enquiry, token=False)).status_code == 200
    assert enquiry.display_reference in client.get(url("my_enquiries")).content.decode()


def test_another_signed_in_user_cannot_see_it_without_the_token(
    client, are_kommun, newcomer_in_are
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun, user=newcomer_in_are)
    client.force_login(UserFactory(email="someone.else@example.org"))
    assert client.get(status_url(enquiry, token=False)).status_code == 404


def test_the_newcomer_answers_back_and_the_clock_restarts(client, are_kommun, staff_of_are):
    enquiry = RoutedEnquiryFactory(
        organisation=are_kommun, status=Enquiry.Status.WAITING, due_at=None, assignee=staff_of_are
    )
    response = client.post(status_url(enquiry), {"body": "Thanks! And the preschool?"})
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.OPEN
    assert enquiry.due_at is not None
    assert "And the preschool?" in client.get(status_url(enquiry), follow=True).content.decode()


def test_an_empty_answer_is_refused_with_a_message(client, are_kommun):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    response = client.post(status_url(enquiry), {"body": ""})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_the_status_page_makes_the_same_queries_for_one_and_many_messages(
    client, are_kommun, staff_of_are
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    EnquiryMessageFactory(enquiry=enquiry, author=staff_of_are)
    client.get(status_url(enquiry), follow=True)
    with CaptureQueriesContext(connection) as few:
        client.get(status_url(enquiry), follow=True)
    for _ in range(20):
        EnquiryMessageFactory(enquiry=enquiry, author=staff_of_are)
    with CaptureQueriesContext(connection) as many:
        client.get(status_url(enquiry), follow=True)
    assert len(few) == len(many)


def test_my_enquiries_makes_the_same_queries_for_one_and_many(client, are_kommun, newcomer_in_are):
    client.force_login(newcomer_in_are)
    RoutedEnquiryFactory(organisation=are_kommun, user=newcomer_in_are)
    client.get(url("my_enquiries"))
    with CaptureQueriesContext(connection) as few:
        client.get(url("my_enquiries"))
    for _ in range(15):
        RoutedEnquiryFactory(organisation=are_kommun, user=newcomer_in_are)
    with CaptureQueriesContext(connection) as many:
        client.get(url("my_enquiries"))
    assert len(few) == len(many)


def test_the_arabic_confirmation_links_the_arabic_status_page(
    client, form_data, routing, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("enquiry_new"), form_data)
    enquiry = Enquiry.objects.get()
    (sent,) = [m for m in mailoutbox if m.to == [enquiry.contact_email]]
    link = re.search(r"http\S+", sent.body).group(0)
    path = link.split("127.0.0.1:8000", 1)[1]
    assert path.startswith(f"/ar/enquiries/{enquiry.reference}/?t=")
    assert client.get(path, follow=True).status_code == 200


def test_an_enquiry_routed_later_shows_its_organisation(client, routing, schools, are):
    enquiry = EnquiryFactory(topic=schools, municipality=are)
    page = client.get(status_url(enquiry), follow=True)
    assert "finding the right organisation" in page.content.decode()
    enquiry_route(enquiry_id=enquiry.pk)
    assert "Åre kommun" in client.get(status_url(enquiry), follow=True).content.decode()


def test_the_include_for_the_newcomers_own_page_lists_their_enquiries_and_data_links(
    rf, are_kommun, newcomer_in_are
):
    from django.template.loader import render_to_string

    enquiry = RoutedEnquiryFactory(organisation=are_kommun, user=newcomer_in_are)
    request = rf.get("/en/my/")
    request.user = newcomer_in_are
    with translation.override("en"):
        html = render_to_string("enquiries/_my_enquiries.html", {"request": request})
    assert enquiry.display_reference in html
    assert "/en/enquiries/my-data.json" in html
    assert "/en/enquiries/delete-account/" in html


def test_the_form_is_in_the_sitemap_in_every_language(client, schools):
    body = client.get("/sitemap.xml").content.decode()
    for lang in LANGUAGES:
        assert f"/{lang}/enquiries/new/" in body
