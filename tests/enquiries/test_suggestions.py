"""Suggestions on the "Show matching guides first" step: the municipality the text
names is selected for the newcomer to confirm or change (no JavaScript needed)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from enquiries.models import Enquiry
from tests.enquiries.factories import healthcare_fixture, schools_fixture  # noqa: F401

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


# --- topics: the classifier and its fallback ---------------------------------------------
SCHOOL = [
    "Which school can my daughter go to?",
    "How do I apply for a preschool place?",
    "Is there an after-school club for my son?",
    "When does the school year start?",
]
HEALTH = [
    "Where is the nearest health centre?",
    "How do I find a dentist for my wife?",
    "Can I see a doctor without a personal number?",
    "Where do I get my vaccination?",
]


def routed(topic, texts, n=3):
    from tests.enquiries.factories import RoutedEnquiryFactory
    from tests.portal.factories import OrganisationFactory

    organisation = OrganisationFactory()
    for i in range(n):
        for text in texts:
            RoutedEnquiryFactory(topic=topic, message=f"{text} ({i})", organisation=organisation)


def test_with_too_few_labelled_enquiries_there_is_no_model_and_no_suggestion(
    schools, healthcare, settings
):
    from enquiries.models import TopicModelSnapshot
    from enquiries.services.topics import topic_model_retrain, topic_suggestions

    settings.ENQUIRY_TOPIC_MIN_PER_TOPIC = 20
    routed(schools, SCHOOL)
    routed(healthcare, HEALTH)
    assert topic_model_retrain() is None
    assert not TopicModelSnapshot.objects.exists()
    assert topic_suggestions("Which school can my son go to?") == []


def test_the_nightly_task_trains_on_routed_enquiries_and_the_preview_suggests_the_topic(
    client, schools, healthcare, settings
):
    from enquiries import tasks
    from enquiries.services.topics import topic_suggestions

    settings.ENQUIRY_TOPIC_MIN_PER_TOPIC = 10
    routed(schools, SCHOOL)
    routed(healthcare, HEALTH)
    assert tasks.retrain_topic_model.delay().get() == 24
    assert topic_suggestions("Which preschool can my son go to?")[0] == schools
    body = preview(
        client, topic="", language="en", message="Which preschool can my son go to?"
    ).content.decode()
    assert "Topics that may fit your question" in body
    assert re.search(rf'<option value="{schools.pk}" selected>', body)


def test_the_beat_schedule_retrains_nightly(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["enquiries-retrain-topic-model"]
    assert entry["task"] == "enquiries.tasks.retrain_topic_model"


# --- deflection: "This answered my question" ---------------------------------------------
def test_this_answered_my_question_counts_once_and_sends_nothing(client, schools, are_kommun):
    import time_machine

    from enquiries.models import DeflectionCount
    from guides.models import Guide

    guide = Guide.objects.create(
        subject="preschool",
        slug="preschool",
        topic=schools,
        organisation=are_kommun,
        stage="first_weeks",
        title="Preschool places",
        summary="How to apply for a preschool place.",
        published=True,
    )
    body = preview(
        client, topic=schools.pk, language="pl", message="Which preschool can my son go to?"
    ).content.decode()
    assert "This answered my question" in body
    with translation.override("pl"):
        path = reverse("enquiries:answered_by_guide")
    with time_machine.travel("2026-03-02 10:00 +01:00", tick=False):
        response = client.post(path, {"guide": guide.pk})
        client.post(path, {"guide": guide.pk})  # the same session, the same guide
        assert response.status_code == 200
        assert "enquiries/answered.html" in [t.name for t in response.templates]
        assert "Preschool places" in response.content.decode()
        row = DeflectionCount.objects.get()
        assert (str(row.date), row.topic, row.language, row.count) == (
            "2026-03-02",
            schools,
            "pl",
            1,
        )
    assert not Enquiry.objects.exists()
    assert client.post(path, {"guide": "nope"}).status_code == 404


def test_deflections_are_counted_per_day_topic_and_language(schools):
    import time_machine

    from enquiries.models import DeflectionCount
    from enquiries.services.deflection import deflection_record

    with time_machine.travel("2026-03-02 10:00 +01:00", tick=False):
        deflection_record(topic=schools, language="pl")
        deflection_record(topic=schools, language="pl")
        deflection_record(topic=schools, language="ar")
    with time_machine.travel("2026-03-03 10:00 +01:00", tick=False):
        deflection_record(topic=schools, language="pl")
    counts = {(str(r.date), r.language): r.count for r in DeflectionCount.objects.all()}
    assert counts == {("2026-03-02", "pl"): 2, ("2026-03-02", "ar"): 1, ("2026-03-03", "pl"): 1}
