"""Search on the embedded tier (SQLite): a simpler search that still answers sensibly."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.guides.factories import GuideFactory, TopicFactory, make_guides

pytestmark = pytest.mark.django_db


@pytest.fixture
def registration_guide(region):
    return GuideFactory(
        topic=TopicFactory(slug="registration-id-bank"),
        organisation=region,
        slug="personnummer",
        title_sv="Personnummer och folkbokföring",
        title_en="Personal identity number and population registration",
        body_sv="## Så gör du\n\nAnmäl flytt till Skatteverket.",
        body_en="## How to do it\n\nNotify the Tax Agency. You also need a bank account.",
    )


def search(client, query, language="en"):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_word_in_the_title_finds_the_guide(client, registration_guide):
    assert "Personal identity number" in search(client, "identity")


def test_two_words_must_both_appear(client, registration_guide):
    assert "Personal identity number" in search(client, "bank account")
    assert "No guides found" in search(client, "bank elephant")


def test_the_matching_word_is_highlighted_in_the_snippet(client, registration_guide):
    assert "<mark>Tax</mark>" in search(client, "tax")


def test_a_swedish_reader_finds_the_swedish_text(client, registration_guide):
    html = search(client, "personnummer", language="sv")
    assert "Personnummer och folkbokföring" in html


def test_a_reader_gets_fallback_results_marked_with_their_language(client, registration_guide):
    html = search(client, "identity", language="uk")
    # On the content, not the <li>: the list's numbers keep the page's direction
    # (on an Arabic page an ltr <li> put its number outside the page, 6 px too wide).
    assert '<li><div lang="en" dir="ltr">' in html


def test_an_empty_query_gets_a_helpful_page(client, registration_guide):
    html = search(client, "")
    assert "What are you looking for?" in html


def test_a_query_of_only_punctuation_gets_a_helpful_page(client, registration_guide):
    html = search(client, "!!! ??? ---")
    assert "Nothing to search for" in html


def test_a_very_long_query_does_not_fail(client, registration_guide):
    search(client, "bank " * 500)


def test_a_query_with_html_is_escaped(client, registration_guide):
    html = search(client, "<script>alert(1)</script>")
    assert "<script>alert(1)</script>" not in html


def test_the_query_keeps_its_own_direction_inside_an_arabic_sentence(
    client, registration_guide, parse_html
):
    page = parse_html(search(client, "bank account", language="ar"))
    heading = page.find("h2", id="results-title")
    assert [e.text for e in page.find_all("bdi") if heading in e.ancestors] == ["bank account"]

    page = parse_html(search(client, "elephant", language="ar"))
    heading = page.find("h2", id="results-title")
    assert [e.text for e in page.find_all("bdi") if heading in e.ancestors] == ["elephant"]


def test_a_query_with_html_is_escaped_inside_its_bdi(client, registration_guide):
    html = search(client, "<b>moose</b>")
    assert "<bdi>&lt;b&gt;moose&lt;/b&gt;</bdi>" in html


def test_unpublished_guides_are_not_found(client, region):
    GuideFactory(organisation=region, title_en="Hidden draft about moose", published=False)
    assert "Hidden draft" not in search(client, "moose")


def test_search_issues_the_same_number_of_queries_for_5_and_200_guides(client, settings, region):
    settings.PAGE_CACHE_SECONDS = 0  # count the queries of searching, not of a cache hit
    topic = TopicFactory()
    make_guides(5, topic=topic, organisation=region)
    client.get("/en/search/", {"q": "guide"})
    with CaptureQueriesContext(connection) as few:
        client.get("/en/search/", {"q": "guide"})
    make_guides(195, topic=topic, organisation=region)
    with CaptureQueriesContext(connection) as many:
        client.get("/en/search/", {"q": "guide"})
    assert len(few) == len(many)
