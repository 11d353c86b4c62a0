"""User-written text on the public pages carries dir="auto" (issue 15): an Arabic
message with Latin words in it keeps its order on a Swedish or English page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from ambassadors import services as ambassador_services
from ambassadors.matching import buddy_request_match
from config.celery import app
from enquiries.services.submission import enquiry_status_token
from tests.ambassadors.factories import AmbassadorFactory, BuddyRequestFactory
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    EnquiryMessageFactory,
    RoutedEnquiryFactory,
    routing_fixture,
    schools_fixture,
)
from tests.guides.factories import GuideFactory

pytestmark = pytest.mark.django_db

ARABIC = "مرحبا، أين أجد مدرسة Åre skola؟"


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def element_with(html: str, text: str) -> str:
    """The opening tag of the element whose content starts with ``text``."""
    match = re.search(r"<(\w+)([^>]*)>\s*" + re.escape(text), html)
    assert match, text
    return match.group(0)


def textarea(html: str, name: str) -> str:
    """The opening tag of the text field (textarea or input) called ``name``."""
    match = re.search(rf'<(?:textarea|input)[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def get(client, name, lang="en", **kwargs) -> str:
    with translation.override(lang):
        path = reverse(name, kwargs=kwargs or None)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_the_question_and_the_replies_on_the_status_page_have_dir_auto(
    client, are_kommun, staff_of_are
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun, message=ARABIC, language="ar")
    EnquiryMessageFactory(enquiry=enquiry, author=staff_of_are, body="الجواب: Skolverket " + "١")
    with translation.override("sv"):
        path = reverse("enquiries:enquiry_status", kwargs={"reference": enquiry.reference})
    token = enquiry_status_token(reference=enquiry.reference)
    html = client.get(f"{path}?t={token}", follow=True).content.decode()
    assert 'dir="auto"' in element_with(html, ARABIC)
    assert 'dir="auto"' in element_with(html, "الجواب")
    assert 'dir="auto"' in textarea(html, "body")


def test_the_enquiry_form_and_the_guide_feedback_take_text_with_dir_auto(client, region):
    html = get(client, "enquiries:enquiry_new")
    assert 'dir="auto"' in textarea(html, "message")
    guide = GuideFactory(organisation=region)
    html = client.get(guide.get_absolute_url()).content.decode()
    assert 'dir="auto"' in textarea(html, "comment")


def test_chat_messages_and_the_partners_name_on_the_match_page_have_dir_auto(
    client, ostersunds_kommun, ostersund
):
    ambassador = AmbassadorFactory(
        municipality=ostersund, organisation=ostersunds_kommun, user__first_name="سفير"
    )
    request = BuddyRequestFactory(
        municipality=ostersund, organisation=ostersunds_kommun, newcomer__first_name="قادم"
    )
    offer = buddy_request_match(request_id=request.pk)
    match = ambassador_services.offer_accept(match_id=offer.pk, user=ambassador.user)
    client.force_login(request.newcomer)
    with translation.override("en"):
        path = reverse("ambassadors:match", args=[match.pk])
    client.post(path, {"body": ARABIC})
    html = client.get(path).content.decode()
    assert 'dir="auto"' in element_with(html, ARABIC)
    assert 'dir="auto"' in element_with(html, "سفير")
    assert 'dir="auto"' in textarea(html, "body")
    client.force_login(ambassador.user)
    html = get(client, "ambassadors:dashboard")
    assert 'dir="auto"' in element_with(html, "قادم")


def test_the_ambassador_application_takes_the_bio_with_dir_auto(client, newcomer_in_are):
    client.force_login(newcomer_in_are)
    html = get(client, "ambassadors:index")
    for name in ("bio", "availability", "first_name", "profession"):
        assert 'dir="auto"' in textarea(html, name), name


def test_the_buddy_request_takes_its_text_with_dir_auto(client, newcomer_in_are):
    client.force_login(newcomer_in_are)
    html = get(client, "ambassadors:buddy")
    assert 'dir="auto"' in textarea(html, "help_with")
