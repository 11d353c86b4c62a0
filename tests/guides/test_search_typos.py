"""Typo tolerance, the same on the embedded tier (SQLite, RapidFuzz) as on PostgreSQL
(trigrams, then RapidFuzz; the services tier runs these tests there too): a search
that finds nothing is tried again with each misspelt word replaced by the closest word
of the published guides' texts in the reader's languages (the demo guides here)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.directory import seed_directory
from demo.guides import seed_guides
from demo.topics import seed_topics
from guides.models import SearchWord
from guides.selectors.guide_search import guides_search
from guides.services import search_words_refresh
from tests.guides.factories import GuideFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_guides(db):
    seed_directory()
    seed_topics()
    seed_guides()


def slugs(outcome):
    return [hit.guide.slug for hit in outcome.hits]


TYPOS = [
    ("personummer", "personnummer", "personnummer-population-registration"),
    ("skatteverkt", "skatteverket", "personnummer-population-registration"),
    ("korkort", "körkort", "driving-licence-exchange"),
]


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(("typo", "word", "slug"), TYPOS)
def test_a_misspelt_word_finds_its_guide(demo_guides, language, typo, word, slug):
    outcome = guides_search(typo, language)
    assert outcome.method == "corrected"
    assert outcome.corrected == word
    assert slug in slugs(outcome)


def test_the_search_page_says_what_it_searched_for_instead(client, demo_guides, settings):
    settings.PAGE_CACHE_SECONDS = 0
    html = client.get("/sv/search/", {"q": "korkort"}).content.decode()
    assert "/sv/guides/transport-driving/driving-licence-exchange/" in html
    assert "<bdi>körkort</bdi>" in html


def test_a_word_spelt_right_is_not_corrected(demo_guides):
    outcome = guides_search("körkort", "sv")
    assert outcome.method in {"contains", "fulltext"}  # SQLite, PostgreSQL
    assert outcome.corrected == ""
    assert "driving-licence-exchange" in slugs(outcome)


def test_a_word_far_from_every_guide_word_finds_nothing(demo_guides):
    outcome = guides_search("xylofonorkester", "sv")
    assert outcome.hits == []
    assert outcome.corrected == ""


def test_the_vocabulary_holds_only_published_texts(region):
    topic = TopicFactory()
    GuideFactory(topic=topic, organisation=region, body_sv="Renskötsel i fjällen.")
    GuideFactory(topic=topic, organisation=region, body_sv="Hemligt utkast.", published=False)
    search_words_refresh()
    words = set(SearchWord.objects.filter(language="sv").values_list("word", flat=True))
    assert {"renskötsel", "fjällen"} <= words
    assert "hemligt" not in words


def test_a_corrected_search_issues_a_fixed_number_of_queries(demo_guides):
    with CaptureQueriesContext(connection) as found:
        guides_search("körkort", "sv")
    with CaptureQueriesContext(connection) as one_typo:
        guides_search("korkort", "sv")
    with CaptureQueriesContext(connection) as two_typos:
        guides_search("personummer skatteverkt", "sv")
    # The first search, the vocabulary, the corrected search (and its hits).
    assert len(found) < len(one_typo) == len(two_typos)
