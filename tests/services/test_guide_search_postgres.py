"""Guide search on PostgreSQL: full text per language, ranking, highlights, typos."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.directory import seed_directory
from demo.guides import seed_guides
from demo.topics import seed_topics
from guides.models import Guide
from guides.selectors.guide_search import guides_search
from guides.services import guide_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_guides(db):
    # The test database is built without migrations: add what 0003 would have added.
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    seed_directory()
    seed_topics()
    seed_guides()


def slugs(outcome) -> list[str]:
    return [hit.guide.slug for hit in outcome.hits]


def test_personnummer_finds_the_registration_guide_first_in_swedish(demo_guides):
    outcome = guides_search("personnummer", "sv")
    assert outcome.method == "fulltext"
    assert slugs(outcome)[0] == "personnummer-population-registration"
    assert outcome.hits[0].language == "sv"


def test_bank_account_finds_the_bank_guide_first_in_english(demo_guides):
    outcome = guides_search("bank account", "en")
    assert slugs(outcome)[0] == "bank-account-and-bankid"
    assert outcome.hits[0].language == "en"


def test_english_stemming_matches_other_word_forms(demo_guides):
    assert "bank-account-and-bankid" in slugs(guides_search("banking accounts", "en"))


def test_swedish_stemming_matches_other_word_forms(demo_guides):
    assert "finding-housing" in slugs(guides_search("bostaden", "sv"))


def test_a_typo_still_finds_the_registration_guide(demo_guides):
    outcome = guides_search("personummer", "sv")
    assert outcome.method == "corrected"
    assert outcome.corrected == "personnummer"
    assert slugs(outcome)[0] == "personnummer-population-registration"


def test_a_typo_in_english_still_finds_the_registration_guide(demo_guides):
    outcome = guides_search("personummer", "en")
    assert "personnummer-population-registration" in slugs(outcome)[:3]


def test_results_are_ranked_by_relevance(demo_guides):
    outcome = guides_search("personnummer", "en")
    scores = [hit.score for hit in outcome.hits]
    assert len(scores) > 1
    assert scores == sorted(scores, reverse=True)


def test_matches_are_highlighted_in_the_snippet(demo_guides):
    outcome = guides_search("winter tyres", "en")
    assert slugs(outcome)[0] == "winter-driving"
    assert "<mark>" in outcome.hits[0].snippet


def test_readers_language_comes_first_then_the_fallbacks(demo_guides):
    outcome = guides_search("personnummer", "de")
    languages = [hit.language for hit in outcome.hits]
    assert languages[0] == "de"
    assert "en" in languages
    first_fallback = languages.index("en")
    assert all(code == "de" for code in languages[:first_fallback])


def test_a_ukrainian_reader_finds_the_machine_translated_text(demo_guides):
    outcome = guides_search("BankID", "uk")
    assert outcome.hits[0].language == "uk"


def test_unpublished_guides_are_not_found(demo_guides):
    Guide.objects.filter(slug="personnummer-population-registration").update(published=False)
    assert "personnummer-population-registration" not in slugs(guides_search("personnummer", "sv"))


def test_an_edit_updates_the_search_index(demo_guides):
    guide = Guide.objects.get(slug="winter-driving")
    guide.body_en = guide.body_en + "\n\nCarry a snow shovel (zebracorn)."
    guide_save(guide=guide, changed_fields=["body_en"])
    assert slugs(guides_search("zebracorn", "en")) == ["winter-driving"]


def test_junk_and_operators_do_not_break_the_search(demo_guides):
    for junk in ["'", '"', "&&", "!(", "a | b", "-", "personnummer & | !", "\\", "%_"]:
        guides_search(junk, "sv")


def test_the_search_page_issues_the_same_number_of_queries_for_few_and_many_guides(
    client, settings, demo_guides
):
    settings.PAGE_CACHE_SECONDS = 0  # count the queries of searching, not of a cache hit
    from guides.models import Topic
    from portal.models import Organisation
    from tests.guides.factories import make_guides

    client.get("/en/search/", {"q": "tax return"})
    with CaptureQueriesContext(connection) as few:
        response = client.get("/en/search/", {"q": "tax return"})
    assert "tax-and-tax-return" in response.content.decode()
    make_guides(
        160,
        topic=Topic.objects.get(slug="money-tax-insurance"),
        organisation=Organisation.objects.get(slug="region-jh"),
    )
    Guide.objects.filter(slug__startswith="guide-").update(body_en="## Tax\n\nYour tax return.")
    from guides.services import guide_translations_sync

    for guide in Guide.objects.filter(slug__startswith="guide-"):
        guide_translations_sync(guide=guide, changed_languages=["en"])
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/search/", {"q": "tax return"})
    assert response.status_code == 200
    assert len(few) == len(many)


# --- misspelt words: corrected against the words of the published guides ----------------------


def _add_to_body(slug: str, text: str) -> Guide:
    guide = Guide.objects.get(slug=slug)
    guide.body_en = guide.body_en + "\n\n" + text
    guide_save(guide=guide, changed_fields=["body_en"])
    return guide


def test_a_misspelt_word_of_the_text_not_the_title_is_corrected(demo_guides):
    _add_to_body("winter-driving", "Carry a snow shovel (zebracorn).")
    outcome = guides_search("zebracorm", "en")
    assert outcome.method == "corrected"
    assert outcome.corrected == "zebracorn"
    assert slugs(outcome) == ["winter-driving"]


def test_each_misspelt_word_of_a_query_is_corrected_and_the_others_kept(demo_guides):
    outcome = guides_search("winter tyrres", "en")
    assert outcome.method == "corrected"
    assert outcome.corrected == "winter tyres"
    assert slugs(outcome)[0] == "winter-driving"


def test_a_correction_keeps_the_operators_of_the_query(demo_guides):
    outcome = guides_search('"winter tyrres" -xqzvwj', "en")
    assert outcome.corrected == '"winter tyres" -xqzvwj'
    assert slugs(outcome)[0] == "winter-driving"


def test_words_of_unpublished_guides_are_never_suggested(demo_guides):
    guide = _add_to_body("winter-driving", "The quokkaville depot lends shovels.")
    assert guides_search("quokaville", "en").corrected == "quokkaville"
    guide.published = False
    guide_save(guide=guide, changed_fields=["published"])
    assert guides_search("quokaville", "en").hits == []  # the word is not published
    from guides.tasks import rebuild_search_words

    rebuild_search_words.delay()  # the nightly rebuild drops words no longer published
    outcome = guides_search("quokaville", "en")
    assert outcome.corrected == ""
    assert outcome.hits == []


def test_a_word_like_no_word_of_the_guides_is_not_corrected(demo_guides):
    outcome = guides_search("xqzvwj", "en")
    assert outcome.corrected == ""
    assert outcome.method == "similar"
    assert outcome.hits == []


def test_the_search_page_says_what_it_searched_for_instead_in_the_readers_language(
    client, settings, demo_guides
):
    settings.PAGE_CACHE_SECONDS = 0
    html = client.get("/sv/search/", {"q": "personummer"}).content.decode()
    assert "Ingen guide innehåller ”<bdi>personummer</bdi>”" in html
    assert "guider hittades för ”<bdi>personnummer</bdi>”" in html
    assert "personnummer-population-registration" in html


def test_a_corrected_search_issues_the_same_number_of_queries_for_few_and_many_guides(
    client, settings, demo_guides
):
    settings.PAGE_CACHE_SECONDS = 0
    from guides.models import Topic
    from portal.models import Organisation
    from tests.guides.factories import make_guides

    client.get("/en/search/", {"q": "tax retturn"})
    with CaptureQueriesContext(connection) as few:
        response = client.get("/en/search/", {"q": "tax retturn"})
    assert "tax-and-tax-return" in response.content.decode()
    assert "the closest words in our guides" in response.content.decode()
    make_guides(
        120,
        topic=Topic.objects.get(slug="money-tax-insurance"),
        organisation=Organisation.objects.get(slug="region-jh"),
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/search/", {"q": "tax retturn"})
    assert "tax-and-tax-return" in response.content.decode()
    assert len(few) == len(many)
