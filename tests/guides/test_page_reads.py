"""The guide page's hand-written reads (relocation/selectors/guide_page.py): the same
objects, values and types as the ORM gives, on SQLite and PostgreSQL."""

import datetime

import pytest

from guides.models import Guide, TranslationStatus
from guides.selectors.guide_page import (
    municipality_contact,
    municipality_options,
    published_guide_page,
)
from tests.guides.factories import AuthorityLinkFactory, GuideFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(topic, are, are_kommun):
    guide = GuideFactory(
        subject="housing", slug="housing-in-are", topic=topic, organisation=are_kommun,
        municipality=are, title_sv="Bostad i Åre", title_en="Housing in Åre",
        applies_to=["families", "partners"], last_reviewed=datetime.date(2026, 3, 2),
    )  # fmt: skip
    AuthorityLinkFactory(guide=guide, label_sv="Kommunen", url="https://are.se/", order=2)
    AuthorityLinkFactory(guide=guide, label_sv="Boverket", url="https://boverket.se/", order=1)
    return guide


def test_the_guide_comes_with_its_relations_and_typed_values(guide, topic, are, are_kommun):
    page = published_guide_page(
        topic_slug=topic.slug, guide_slug=guide.slug, languages=["uk", "en", "sv"]
    )
    loaded = page.guide
    assert isinstance(loaded, Guide)
    assert loaded.pk == guide.pk
    # Database values converted as the ORM converts them (dates, JSON, booleans).
    assert loaded.last_reviewed == datetime.date(2026, 3, 2)
    assert loaded.applies_to == ["families", "partners"]
    assert loaded.published is True
    assert (loaded.topic, loaded.municipality, loaded.organisation) == (topic, are, are_kommun)
    assert loaded.title_en == "Housing in Åre"
    assert loaded.title_uk is None
    assert page.statuses["sv"] == TranslationStatus.UP_TO_DATE
    assert [link.label_sv for link in page.links] == ["Boverket", "Kommunen"]
    # Languages outside the reader's chain are not read.
    assert {"title_de", "body_ar", "body_fa"} <= loaded.get_deferred_fields()


def test_only_a_published_guide_under_its_own_topic_is_found(guide, topic):
    languages = ["en", "sv"]
    assert (
        published_guide_page(topic_slug="other", guide_slug=guide.slug, languages=languages) is None
    )
    Guide.objects.filter(pk=guide.pk).update(published=False)
    assert (
        published_guide_page(topic_slug=topic.slug, guide_slug=guide.slug, languages=languages)
        is None
    )


def test_municipality_options_and_contact(are, are_kommun, ostersund, ostersunds_kommun):
    assert municipality_options() == sorted(
        [(are.slug, are.name), (ostersund.slug, ostersund.name)], key=lambda o: o[1]
    )
    assert municipality_contact(are.pk) == are_kommun
    assert municipality_contact(are.pk).contact_email == are_kommun.contact_email
    assert municipality_contact(None) is None
