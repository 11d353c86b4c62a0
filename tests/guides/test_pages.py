"""The public guide pages: library, topic, guide, municipality."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.models import GuideFeedback
from guides.services import guide_save
from tests.guides.factories import (
    AuthorityLinkFactory,
    GuideFactory,
    TopicFactory,
    make_guides,
)

pytestmark = pytest.mark.django_db
# A browser's post from the portal's own page (the feedback form carries no token).
SAME_ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture
def county_guide(topic, region):
    guide = GuideFactory(
        subject="housing",
        slug="finding-housing",
        topic=topic,
        organisation=region,
        title_sv="Hitta bostad i länet",
        title_en="Finding housing in the county",
    )
    AuthorityLinkFactory(
        guide=guide, label_sv="Boverket", label_en="Boverket (EN)", url="https://www.boverket.se/"
    )
    return guide


@pytest.fixture
def are_guide(topic, are, are_kommun):
    return GuideFactory(
        subject="housing",
        slug="housing-in-are",
        topic=topic,
        organisation=are_kommun,
        municipality=are,
        title_sv="Bostad i Åre",
        title_en="Housing in Åre",
    )


def queries_for(client, url):
    client.get(url)  # warm up (sessions, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- pages answer ---------------------------------------------------------------------------


def test_the_library_lists_topics_and_stages(client, county_guide):
    html = page(client, "/en/guides/")
    assert "Housing" in html
    assert "The first weeks" in html
    assert html.count("<h1") == 1


def test_the_library_lists_the_guides_of_a_chosen_stage(client, county_guide):
    html = page(client, "/en/guides/?stage=first_weeks")
    assert "Finding housing in the county" in html


def test_the_topic_page_lists_its_published_guides(client, county_guide, topic, region):
    GuideFactory(topic=topic, organisation=region, title_en="Secret draft", published=False)
    html = page(client, "/en/guides/housing/")
    assert "Finding housing in the county" in html
    assert "Secret draft" not in html


def test_an_unpublished_guide_is_not_found(client, topic, region):
    guide = GuideFactory(topic=topic, organisation=region, published=False)
    assert client.get(f"/en/guides/housing/{guide.slug}/").status_code == 404


def test_a_guide_under_the_wrong_topic_is_not_found(client, county_guide):
    TopicFactory(slug="healthcare")
    assert client.get("/en/guides/healthcare/finding-housing/").status_code == 404


def test_the_guide_page_shows_on_this_page_navigation_from_its_headings(client, county_guide):
    html = page(client, "/en/guides/housing/finding-housing/")
    assert 'class="on-this-page"' in html
    assert 'href="#how-to-do-it"' in html
    assert '<h2 id="how-to-do-it">' in html


def test_the_guide_page_has_open_graph_tags(client, county_guide):
    html = page(client, "/en/guides/housing/finding-housing/")
    assert '<meta property="og:title" content="Finding housing in the county">' in html
    assert 'property="og:url"' in html


def test_the_guide_page_links_to_the_authority_and_shows_the_last_review(client, county_guide):
    html = page(client, "/en/guides/housing/finding-housing/")
    assert 'href="https://www.boverket.se/"' in html
    assert "Boverket (EN)" in html
    assert 'datetime="2026-10-01"' in html


def test_the_guide_page_has_a_print_stylesheet(client, county_guide):
    html = page(client, "/en/guides/housing/finding-housing/")
    assert re.search(r'guides-print\.css" media="print"', html)


def test_a_municipal_guide_shows_that_municipalitys_contact_point(client, are_guide):
    html = page(client, "/en/guides/housing/housing-in-are/")
    assert "international@are.example.org" in html


def test_a_county_guide_shows_the_contact_of_the_readers_chosen_municipality(
    client, county_guide, are_kommun
):
    html = page(client, "/en/guides/housing/finding-housing/?municipality=are")
    assert "international@are.example.org" in html


def test_the_guide_page_links_the_local_and_county_versions_of_a_subject(
    client, county_guide, are_guide
):
    html = page(client, "/en/guides/housing/finding-housing/")
    assert "Housing in Åre" in html


# --- municipality choice: local first ---------------------------------------------------------


def test_a_chosen_municipality_puts_its_guide_before_the_county_guide(
    client, county_guide, are_guide
):
    html = page(client, "/en/guides/housing/?municipality=are")
    assert html.index("Housing in Åre") < html.index("Finding housing in the county")


def test_without_a_municipality_the_county_guide_comes_first(client, county_guide, are_guide):
    html = page(client, "/en/guides/housing/")
    assert html.index("Finding housing in the county") < html.index("Housing in Åre")


def test_the_municipality_chosen_by_a_newcomer_is_saved_in_the_profile(
    client, newcomer_in_are, ostersund, county_guide
):
    client.force_login(newcomer_in_are)
    client.post("/en/guides/municipality/", {"municipality": "ostersund", "next": "/en/"})
    newcomer_in_are.newcomer_profile.refresh_from_db()
    assert newcomer_in_are.newcomer_profile.municipality == ostersund


def test_a_signed_in_newcomer_sees_the_profile_municipality_first(
    client, newcomer_in_are, county_guide, are_guide
):
    client.force_login(newcomer_in_are)
    html = page(client, "/en/guides/housing/")
    assert html.index("Housing in Åre") < html.index("Finding housing in the county")


def test_the_municipality_chooser_refuses_to_redirect_off_site(client, county_guide, are):
    response = client.post(
        "/en/guides/municipality/", {"municipality": "are", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/en/guides/?municipality=are"


def test_the_former_chooser_address_leads_to_the_page_with_the_municipality_in_it(
    client, county_guide, are
):
    response = client.post(
        "/en/guides/municipality/", {"municipality": "are", "next": "/en/guides/?stage=first_weeks"}
    )
    assert response["Location"] == "/en/guides/?stage=first_weeks&municipality=are"
    assert "sessionid" not in response.cookies  # an anonymous reader gets no session


# --- languages ----------------------------------------------------------------------------------


def test_a_guide_without_ukrainian_shows_english_with_a_ukrainian_notice_and_lang_en(
    client, county_guide
):
    html = page(client, "/uk/guides/housing/finding-housing/")
    article = re.search(r"<article[^>]*>", html).group(0)
    assert 'lang="en"' in article
    assert 'dir="ltr"' in article
    assert "Finding housing in the county" in html
    assert html.count('class="notice notice-translation"') == 1  # exactly one notice
    assert '<html lang="uk"' in html


def test_a_guide_without_english_falls_back_to_swedish(client, topic, region):
    guide = GuideFactory(topic=topic, organisation=region, title_en="", body_en="", summary_en="")
    html = page(client, f"/ar/guides/housing/{guide.slug}/")
    article = re.search(r"<article[^>]*>", html).group(0)
    assert 'lang="sv"' in article
    assert 'dir="ltr"' in article


def test_a_guide_in_the_readers_language_has_no_notice_and_no_lang_override(client, county_guide):
    html = page(client, "/en/guides/housing/finding-housing/")
    assert "notice-translation" not in html
    assert re.search(r"<article[^>]*>", html).group(0).count("lang=") == 0


def test_an_outdated_translation_carries_a_notice(client, county_guide):
    county_guide.body_sv = "Ny text"
    guide_save(guide=county_guide, changed_fields=["body_sv"])
    html = page(client, "/en/guides/housing/finding-housing/")
    assert "may be out of date" in html


def test_a_machine_translation_carries_a_notice(client, topic, region):
    guide = GuideFactory(
        topic=topic, organisation=region, title_uk="Житло", body_uk="Текст", sync=["uk"]
    )
    html = page(client, f"/en/guides/housing/{guide.slug}/")
    assert "translated by machine" not in html
    html = page(client, f"/uk/guides/housing/{guide.slug}/")
    assert "notice-translation" in html


# --- feedback -----------------------------------------------------------------------------------


def test_feedback_is_stored_with_the_readers_language(client, county_guide):
    response = client.post(
        "/de/guides/housing/finding-housing/feedback/",
        {"helpful": "no", "comment": "Mehr Links"},
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 302
    feedback = GuideFeedback.objects.get()
    assert (feedback.helpful, feedback.comment, feedback.language) == (False, "Mehr Links", "de")


def test_feedback_without_an_answer_is_refused_and_keeps_the_comment(client, county_guide):
    response = client.post(
        "/en/guides/housing/finding-housing/feedback/", {"comment": "Hello"}, headers=SAME_ORIGIN
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert ">Hello</textarea>" in response.content.decode()
    assert not GuideFeedback.objects.exists()


def test_the_feedback_form_has_labelled_radios_and_a_described_comment(client, county_guide):
    html = page(client, "/sv/guides/housing/finding-housing/")
    form = html[html.index('<section id="feedback"') :]
    assert "<legend>Var det här till hjälp?</legend>" in form
    for index, (value, label) in enumerate([("yes", "Ja"), ("no", "Nej")]):
        assert (
            f'<input type="radio" name="helpful" value="{value}" id="id_helpful_{index}" required> '
            f'<label for="id_helpful_{index}" class="inline-label">{label}</label>'
        ) in form
    assert " checked" not in form
    assert '<label for="id_comment">' in form
    assert 'aria-describedby="comment-help"' in form
    # The page is public: the form carries no token (the origin is checked instead).
    assert 'name="csrfmiddlewaretoken"' not in form


def test_a_refused_feedback_keeps_the_answer_and_escapes_the_comment(client, county_guide):
    response = client.post(
        "/en/guides/housing/finding-housing/feedback/",
        {"helpful": "yes", "comment": "<script>alert(1)</script>" + "x" * 1000},
        headers=SAME_ORIGIN,
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="yes" id="id_helpful_0" required checked>' in html
    assert 'value="no" id="id_helpful_1" required>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert 'class="errorlist"' in html  # the comment's own error (too long)
    assert not GuideFeedback.objects.exists()


# --- municipality page --------------------------------------------------------------------------


def test_the_municipality_page_lists_its_guides_and_contacts(client, are_guide, county_guide):
    html = page(client, "/en/municipalities/are/")
    assert "Housing in Åre" in html
    assert "Finding housing in the county" not in html
    assert "international@are.example.org" in html


def test_an_unknown_municipality_is_not_found(client, db):
    assert client.get("/en/municipalities/nowhere/").status_code == 404


def test_the_sitemap_lists_published_guides_in_every_language(client, county_guide):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/sv/guides/housing/finding-housing/" in xml
    assert "/fa/guides/housing/finding-housing/" in xml


# --- same number of queries with 5 and 200 guides ------------------------------------------------


PAGES = [
    "/en/guides/",
    "/en/guides/?stage=first_weeks",
    "/en/guides/housing/",
    "/en/guides/housing/finding-housing/",
    "/uk/guides/housing/finding-housing/",
    "/en/municipalities/are/",
]


@pytest.mark.parametrize("url", PAGES)
def test_each_guide_page_issues_the_same_number_of_queries_for_5_and_200_guides(
    client, settings, url, county_guide, are_guide, topic, region, are_kommun, are
):
    settings.PAGE_CACHE_SECONDS = 0  # count the queries of rendering, not of a cache hit
    make_guides(3, topic=topic, organisation=region)
    make_guides(2, topic=topic, organisation=are_kommun, municipality=are)
    few = queries_for(client, url)
    make_guides(150, topic=topic, organisation=region)
    make_guides(45, topic=topic, organisation=are_kommun, municipality=are)
    many = queries_for(client, url)
    assert few == many


def captured_sql(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in captured]


def test_a_guide_page_reads_everything_it_shows_in_six_queries(
    client, settings, county_guide, are_guide
):
    """The guide page's reads are hand-written (relocation/selectors/guide_page.py) and
    leave the fields it does not show deferred. A template that touched one would load
    it with an extra query per object, which this count catches."""
    settings.PAGE_CACHE_SECONDS = 0
    for url in ("/en/guides/housing/finding-housing/", "/ar/guides/housing/housing-in-are/"):
        statements = captured_sql(client, url)
        # The guide with its topic, municipality and owner; its translation statuses;
        # its authority links; the versions of the subject; the related guides; the
        # chooser's municipalities (and, for a municipal guide, its contact point).
        expected = 6 if url.endswith("finding-housing/") else 7
        assert len(statements) == expected, "\n".join(statements)


def test_a_guide_page_for_a_reader_who_chose_a_municipality_stays_within_a_fixed_count(
    client, settings, county_guide, are_guide, are, are_kommun
):
    settings.PAGE_CACHE_SECONDS = 0
    url = f"/en/guides/housing/finding-housing/?municipality={are.slug}"
    statements = captured_sql(client, url)
    # Six, plus the chosen municipality and its contact point.
    assert len(statements) == 8, "\n".join(statements)
    page_html = client.get(url).content.decode()
    assert are_kommun.contact_email in page_html


def test_a_second_answer_on_the_same_guide_in_one_visit_is_not_counted(client, county_guide):
    url = "/en/guides/housing/finding-housing/feedback/"
    client.post(url, {"helpful": "yes"}, headers=SAME_ORIGIN)
    response = client.post(url, {"helpful": "no"}, headers=SAME_ORIGIN)
    assert response.status_code == 302
    assert list(GuideFeedback.objects.values_list("helpful", flat=True)) == [True]


def test_a_topic_name_shown_in_a_fallback_language_carries_its_lang(client, county_guide):
    html = page(client, "/de/guides/housing/")
    assert '<h1 lang="en" dir="ltr">Housing</h1>' in html
