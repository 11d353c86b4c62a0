"""The enquiry form's live suggestions (enquiries:suggest, used by
enquiries/static/enquiries/js/suggest.js): the municipality and topics a text being
written suggests, as JSON; nothing is stored."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from enquiries.models import Enquiry
from tests.enquiries.factories import healthcare_fixture, schools_fixture  # noqa: F401
from tests.enquiries.test_suggestions import HEALTH, SCHOOL, routed

pytestmark = pytest.mark.django_db

POLISH = "Czy w Duved jest przedszkole dla mojego syna? Przeprowadzamy się w marcu."
ARABIC = "هل توجد روضة أطفال في دوفيد لابني؟ سننتقل إلى هناك في شهر مارس."


@pytest.fixture
def model(schools, healthcare, settings):
    from enquiries.services.topics import topic_model_retrain

    settings.ENQUIRY_TOPIC_MIN_PER_TOPIC = 10
    routed(schools, SCHOOL)
    routed(healthcare, HEALTH)
    assert topic_model_retrain() is not None


def suggest(client, text, lang="en"):
    with translation.override(lang):
        path = reverse("enquiries:suggest")
    return client.post(path, {"text": text})


def test_a_polish_question_about_preschool_in_duved_suggests_are_and_schools(
    client, are, ostersund, schools, model, django_assert_max_num_queries
):
    enquiries = Enquiry.objects.count()
    with django_assert_max_num_queries(4):
        response = suggest(client, POLISH, "pl")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["municipality"] == {"pk": are.pk, "name": "Åre"}
    assert body["topics"][0] == {"pk": schools.pk, "name": schools.name}
    assert Enquiry.objects.count() == enquiries  # nothing is stored


def test_an_arabic_question_names_duved_in_arabic_script(client, are, ostersund):
    body = suggest(client, ARABIC, "ar").json()
    assert body["municipality"] == {"pk": are.pk, "name": "Åre"}
    assert body["topics"] == []  # no model yet: no topic suggestion


@pytest.mark.parametrize("text", ["", "   ", "Duved, förskola?"])
def test_an_empty_or_short_text_suggests_nothing(client, are, model, text):
    body = suggest(client, text).json()
    assert body == {"municipality": None, "topics": []}


def test_only_the_first_2000_characters_are_read(client, are, ostersund):
    body = suggest(client, "Where can I learn Swedish? " * 80 + "in Duved").json()
    assert body["municipality"] is None


def test_it_answers_only_a_post_with_the_csrf_token(are):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    with translation.override("en"):
        path = reverse("enquiries:suggest")
    assert client.get(path, {"text": POLISH}).status_code == 405
    assert client.post(path, {"text": POLISH}).status_code == 403


def test_the_form_loads_the_script_and_its_translated_labels(client):
    with translation.override("sv"):
        body = client.get(reverse("enquiries:enquiry_new")).content.decode()
        path = reverse("enquiries:suggest")
    assert "enquiries/js/suggest.js" in body
    assert f'data-suggest-url="{path}"' in body
    assert 'data-suggest-place="' in body
    assert "%(name)s" in body
