"""The written language: detected on submission, preferred by routing, shown to and
corrected by staff."""

from __future__ import annotations

import pytest
from django.urls import reverse

from enquiries.models import Enquiry, EnquiryEvent
from enquiries.services.language import detect_language, language_written
from enquiries.services.routing import enquiry_route
from enquiries.services.submission import enquiry_submit
from portal.models import StaffMembership
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    EnquiryFactory,
    RoutedEnquiryFactory,
    TopicFactory,
    healthcare_fixture,
    routing_fixture,
    schools_fixture,
)
from tests.enquiries.test_admin import inline_management
from tests.portal.factories import StaffMembershipFactory, StaffUserFactory

ARABIC = "مرحبا، أين يمكنني تسجيل ابني في المدرسة في دوفيد؟"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ARABIC, "ar"),
        ("سلام، چطور می‌توانم برای پسرم پیش‌دبستانی پیدا کنم؟", "fa"),
        ("Привіт, де можна знайти житло в Естерсунді?", "uk"),
        ("Czy w Duved jest przedszkole dla mojego syna?", "pl"),
        ("Wo finde ich eine Wohnung in Östersund, bitte?", "de"),
        ("¿Dónde puedo encontrar vivienda en Åre con mi familia?", "es"),
        ("Hello, how do I get a personal identity number?", "en"),
        ("Hur ansöker jag om förskoleplats i Krokom?", "sv"),
    ],
)
def test_each_launch_language_is_detected(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hej!",  # too short
        "مرحبا hello",  # too short and mixed
        "Hello there, مرحبا بكم في السويد يا أصدقاء",  # mixed scripts
        "12345 67890 12345 67890 12345",  # no letters
    ],
)
def test_short_mixed_or_unclear_texts_fall_back_to_the_chosen_language(text):
    assert detect_language(text) is None
    assert language_written(text, chosen="en") == "en"


@pytest.mark.django_db
def test_an_arabic_text_sent_with_english_chosen_goes_to_the_arabic_speaking_handler(
    routing, schools, are, are_kommun
):
    english = StaffMembershipFactory(
        user=StaffUserFactory(email="english@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.HANDLER,
        languages=["sv", "en"],
    ).user
    arabic = StaffMembershipFactory(
        user=StaffUserFactory(email="arabic@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.HANDLER,
        languages=["sv", "ar"],
    ).user
    assert english.pk < arabic.pk  # with the chosen language alone, english would win
    enquiry = enquiry_submit(
        topic=schools,
        municipality=are,
        language="en",
        message=ARABIC,
        contact_email="newcomer@example.org",
    )
    assert enquiry.language == "en"
    assert enquiry.detected_language == "ar"
    enquiry_route(enquiry_id=enquiry.pk)
    enquiry.refresh_from_db()
    assert enquiry.assignee == arabic


@pytest.mark.django_db
def test_without_a_reader_of_the_written_language_a_handler_of_the_chosen_one_is_assigned(
    routing, schools, are, are_kommun
):
    english = StaffMembershipFactory(
        user=StaffUserFactory(email="english@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.HANDLER,
        languages=["en"],
    ).user
    enquiry = EnquiryFactory(topic=schools, municipality=are, language="en", detected_language="fa")
    enquiry_route(enquiry_id=enquiry.pk)
    enquiry.refresh_from_db()
    assert enquiry.assignee == english


@pytest.mark.django_db
def test_staff_see_the_detected_language_and_correct_it(client, staff_of_are, are_kommun):
    client.force_login(staff_of_are)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    enquiry = RoutedEnquiryFactory(organisation=are_kommun, language="en", detected_language="ar")
    url = reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])
    page = client.get(url).content.decode()
    assert "Written in Arabic (detected)" in page
    response = client.post(
        url,
        {
            "assignee": "",
            "reply": "",
            "internal_note": "",
            "written_in": "fa",
            **inline_management(),
        },
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.detected_language == "fa"
    assert enquiry.language_corrected_at is not None
    event = EnquiryEvent.objects.get(enquiry=enquiry, action=EnquiryEvent.Action.LANGUAGE_CORRECTED)
    assert event.actor == staff_of_are
    assert event.detail == "ar → fa"
    assert "Written in Persian (corrected)" in client.get(url).content.decode()
    assert Enquiry.objects.get(pk=enquiry.pk).written_language == "fa"
