"""Words for the reader (issue 15, point 4): the newcomer reads the status in their own
terms, and a text over the limit is never cut silently."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from enquiries.forms import EnquiryForm
from enquiries.models import Enquiry
from enquiries.services.submission import enquiry_status_token
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    RoutedEnquiryFactory,
    schools_fixture,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_urls():
    with translation.override("en"):
        yield


def status_page(client, enquiry) -> str:
    path = reverse("enquiries:enquiry_status", kwargs={"reference": enquiry.reference})
    token = enquiry_status_token(reference=enquiry.reference)
    return client.get(f"{path}?t={token}", follow=True).content.decode()


def test_the_newcomer_reads_we_are_waiting_for_your_answer_not_staff_wording(client, are_kommun):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun, status=Enquiry.Status.WAITING)
    html = status_page(client, enquiry)
    assert "We are waiting for your answer" in html
    assert "Waiting for the newcomer" not in html


@pytest.mark.parametrize("lang", ["sv", "de", "es", "pl", "uk", "ar", "fa"])
def test_the_newcomers_status_wording_is_translated(lang):
    enquiry = Enquiry(status=Enquiry.Status.WAITING)
    with translation.override(lang):
        assert enquiry.newcomer_status_display != "We are waiting for your answer"


def test_staff_keep_their_own_label():
    enquiry = Enquiry(status=Enquiry.Status.WAITING)
    with translation.override("en"):
        assert enquiry.get_status_display() == "Waiting for the newcomer"
        assert enquiry.newcomer_status_display == "We are waiting for your answer"


def test_my_questions_list_uses_the_newcomers_wording(client, newcomer_in_are, are_kommun):
    RoutedEnquiryFactory(
        organisation=are_kommun, status=Enquiry.Status.WAITING, user=newcomer_in_are
    )
    client.force_login(newcomer_in_are)
    html = client.get("/en/my/").content.decode()
    assert "We are waiting for your answer" in html
    assert "Waiting for the newcomer" not in html


def test_the_question_box_has_no_maxlength_that_cuts_a_paste_but_a_counter_limit(schools):
    html = str(EnquiryForm()["message"])
    assert "maxlength" not in html.replace("data-maxlength", "")
    assert 'data-maxlength="5000"' in html
    assert "data-counter=" in html


def test_a_question_over_the_limit_is_refused_clearly_and_kept(client, schools, are):
    text = "Which school? " + "x" * 5000
    response = client.post(
        "/en/enquiries/new/",
        {
            "topic": schools.pk,
            "municipality": are.pk,
            "language": "en",
            "message": text,
            "contact_email": "parent@example.org",
            "consent": "on",
            "website": "",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert f"Too long: {len(text)} of at most 5000 characters" in html
    assert text in html  # nothing cut
    assert not Enquiry.objects.exists()
