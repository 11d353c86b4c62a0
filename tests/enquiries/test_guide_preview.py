"""'Show matching guides first' needs only the topic (issue 15): no e-mail address or
consent before the guides, nothing typed is lost, and no enquiry is created."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from enquiries.models import Enquiry
from guides.models import Guide
from tests.enquiries.factories import schools_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

QUESTION = "Which school can my daughter go to in Åre?"


@pytest.fixture
def school_guide(schools, are_kommun):
    return Guide.objects.create(
        subject="school-places",
        slug="school-places",
        topic=schools,
        organisation=are_kommun,
        stage="first_weeks",
        title="Finding a school place",
        summary="How to apply for a school place for your daughter.",
        published=True,
    )


def preview(client, **data):
    with translation.override("en"):
        path = reverse("enquiries:enquiry_new")
    return client.post(path, {"preview": "1", "website": "", **data})


def test_guides_show_without_e_mail_or_consent_and_no_error_is_shown(
    client, schools, are, school_guide
):
    response = preview(
        client, topic=schools.pk, municipality=are.pk, language="ar", message=QUESTION
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Finding a school place" in body
    assert "error-summary" not in body
    assert "Enter the e-mail address" not in body
    assert "agree to the processing" not in body
    assert QUESTION in body
    assert not Enquiry.objects.exists()


def test_everything_typed_is_kept_including_the_e_mail_and_the_consent(
    client, schools, are, school_guide
):
    body = preview(
        client,
        topic=schools.pk,
        municipality=are.pk,
        language="ar",
        message=QUESTION,
        contact_email="parent@example.org",
        consent="on",
    ).content.decode()
    assert 'value="parent@example.org"' in body
    assert f'<option value="{schools.pk}" selected>' in body
    assert f'<option value="{are.pk}" selected>' in body
    assert '<option value="ar" selected>' in body
    assert "checked" in body.split('name="consent"', 1)[1].split(">", 1)[0]
    assert not Enquiry.objects.exists()


def test_without_a_topic_the_preview_asks_for_one_and_keeps_the_text(client, schools):
    body = preview(client, message=QUESTION, language="en").content.decode()
    assert "Choose the topic of your question." in body
    assert QUESTION in body
    assert "Enter the e-mail address" not in body
    assert not Enquiry.objects.exists()
