"""Suggestions on the "Show matching guides first" step: the municipality the text
names is selected for the newcomer to confirm or change (no JavaScript needed)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from enquiries.models import Enquiry
from tests.enquiries.factories import schools_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

POLISH = "Czy w Duved jest przedszkole dla mojego syna? Przeprowadzamy się w marcu."


def preview(client, **data):
    with translation.override("en"):
        path = reverse("enquiries:enquiry_new")
    return client.post(path, {"preview": "1", "website": "", **data})


def selected_municipality(body: str) -> str | None:
    select = re.search(r'<select name="municipality".*?</select>', body, re.S).group()
    chosen = re.search(r'<option value="(\d*)" selected>', select)
    return chosen.group(1) if chosen else None


def test_the_place_named_in_the_text_is_suggested_and_selected(client, schools, are, ostersund):
    body = preview(client, topic=schools.pk, municipality="", language="pl", message=POLISH)
    body = body.content.decode()
    assert "we suggest that municipality" in body
    assert selected_municipality(body) == str(are.pk)
    assert not Enquiry.objects.exists()


def test_the_newcomers_own_choice_is_kept(client, schools, are, ostersund):
    body = preview(
        client, topic=schools.pk, municipality=ostersund.pk, language="pl", message=POLISH
    ).content.decode()
    assert selected_municipality(body) == str(ostersund.pk)


def test_no_place_no_suggestion(client, schools, are):
    body = preview(
        client, topic=schools.pk, language="en", message="Which school can my son go to?"
    ).content.decode()
    assert "we suggest that municipality" not in body
    assert selected_municipality(body) in (None, "")  # "Not decided yet"
