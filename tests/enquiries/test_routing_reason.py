"""The routing reason is stored as facts and shown in the reader's language (issue 15):
a question sent from the Arabic pages does not leave Arabic topic names for Swedish staff."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from enquiries.models import RoutingDecision
from enquiries.services.routing import enquiry_route
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    EnquiryFactory,
    TopicFactory,
    healthcare_fixture,
    routing_fixture,
    schools_fixture,
)

pytestmark = pytest.mark.django_db
ARABIC = re.compile(r"[\u0600-\u06FF]")
facts_migration = importlib.import_module(
    "enquiries.migrations.0007_routing_facts_and_demo_enquiries"
)


@pytest.fixture
def schools_in_many_languages(schools):
    schools.name_sv = "Förskola och skola"
    schools.name_en = "Preschool and school"
    schools.name_ar = "المدرسة ورياض الأطفال"
    schools.save()
    return schools


def route_in(language, enquiry):
    with translation.override(language):
        return enquiry_route(enquiry_id=enquiry.pk)


def test_a_rule_decision_made_in_arabic_reads_in_swedish_with_its_facts(
    routing, schools_in_many_languages, are
):
    enquiry = EnquiryFactory(topic=schools_in_many_languages, municipality=are, language="ar")
    decision = route_in("ar", enquiry)
    decision.refresh_from_db()
    rule = routing["are_schools"]
    assert decision.facts == {
        "rule": rule.pk,
        "topic": schools_in_many_languages.pk,
        "municipality": are.pk,
        "language": rule.language,
    }
    assert not ARABIC.search(decision.reason)
    with translation.override("sv"):
        shown = decision.reason_shown()
    assert not ARABIC.search(shown)
    assert "Förskola och skola" in shown
    assert "Åre" in shown
    with translation.override("en"):
        assert "Preschool and school" in decision.reason_shown()


def test_a_fallback_decision_reads_in_the_readers_language(routing, region, are):
    other = TopicFactory(slug="starting-business", name_sv="Starta företag", name_ar="بدء عمل")
    decision = route_in("ar", EnquiryFactory(topic=other, municipality=are, language="ar"))
    decision.refresh_from_db()
    assert decision.kind == RoutingDecision.Kind.FALLBACK
    assert decision.facts == {"rule": None, "topic": other.pk, "municipality": are.pk}
    with translation.override("sv"):
        shown = decision.reason_shown()
    assert not ARABIC.search(shown)
    assert "Starta företag" in shown


def test_the_admin_history_shows_the_reason_in_swedish(
    client, superuser, routing, schools_in_many_languages, are
):
    enquiry = EnquiryFactory(topic=schools_in_many_languages, municipality=are, language="ar")
    route_in("ar", enquiry)
    client.force_login(superuser)
    with translation.override("sv"):
        path = reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])
    html = client.get(path, headers={"accept-language": "sv"}).content.decode()
    history = html.split('id="decisions-group"', 1)[-1] if 'id="decisions-group"' in html else html
    assert "المدرسة" not in history
    assert "Förskola och skola" in history


def test_decisions_written_before_the_facts_keep_their_text_and_gain_facts(
    routing, schools_in_many_languages, are
):
    enquiry = EnquiryFactory(topic=schools_in_many_languages, municipality=are)
    decision = route_in("en", enquiry)
    RoutingDecision.objects.filter(pk=decision.pk).update(
        facts={}, reason="rule 1: المدرسة / Åre / * → Åre kommun"
    )
    decision.refresh_from_db()
    assert "المدرسة" in decision.reason_shown()  # the old text until the migration

    facts_migration.facts_from_rules(apps, None)

    decision.refresh_from_db()
    assert decision.facts["rule"] == routing["are_schools"].pk
    with translation.override("sv"):
        assert "Förskola och skola" in decision.reason_shown()
