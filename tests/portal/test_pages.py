"""The fixed pages: home, accessibility statement, privacy notice, 404 and 500."""

from __future__ import annotations

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.test import override_settings
from django.urls import path
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from portal import views


def boom(request):
    raise RuntimeError("a bug")


#: This module doubles as a URLconf with a view that fails, to exercise handler500.
urlpatterns = i18n_patterns(path("boom/", boom), path("", views.home, name="home"))
handler500 = "portal.views.server_error"


# --- home --------------------------------------------------------------------------------


def test_the_home_page_names_the_five_entry_points(client, db, parse_html):
    page = parse_html(client.get("/en/"))
    entry_points = [a for a in page.find_all("a") if a.inside("ul", css_class="entry-points")]
    texts = [a.text.lower() for a in entry_points]
    assert len(texts) == 5
    for words in ("work", "family", "student or researcher", "employer", "ambassador"):
        assert any(words in text for text in texts), words


def test_each_entry_point_leads_to_a_section_on_the_page(client, db, parse_html):
    page = parse_html(client.get("/en/"))
    targets = [
        a.attrs["href"] for a in page.find_all("a") if a.inside("ul", css_class="entry-points")
    ]
    ids = {element.attrs.get("id") for element in page.elements}
    assert targets
    assert all(href.startswith("#") and href[1:] in ids for href in targets)


def test_the_home_page_has_one_main_heading(client, db, parse_html):
    page = parse_html(client.get("/en/"))
    assert len(page.find_all("h1")) == 1


def test_the_home_page_answers_head_requests_and_refuses_posts(client, db):
    assert client.head("/en/").status_code == 200
    assert client.post("/en/").status_code == 405


# --- accessibility statement -----------------------------------------------------------------


def test_the_accessibility_statement_links_diggs_complaint_form(client, db, parse_html):
    page = parse_html(client.get("/en/accessibility/"))
    hrefs = {a.attrs["href"] for a in page.find_all("a")}
    assert "https://www.digg.se/tdosanmalan" in hrefs


@pytest.mark.parametrize("lang", ["sv", "en", "ar"])
def test_the_accessibility_statement_shows_the_assessment_date_in_the_pages_language(
    client, db, lang
):
    with translation.override(lang):
        shown = date_format(views.ACCESSIBILITY_ASSESSED_ON, "DATE_FORMAT")
    assert shown in client.get(f"/{lang}/accessibility/").content.decode()


def test_the_accessibility_statement_names_the_law_and_the_standard(client, db):
    body = client.get("/en/accessibility/").content.decode()
    assert "2018:1937" in body
    assert "WCAG 2.1" in body
    assert "EN 301 549" in body


# --- privacy notice ---------------------------------------------------------------------------


def test_the_privacy_notice_names_the_legal_basis(client, db):
    body = client.get("/en/privacy/").content.decode()
    assert "Article 6(1)(e)" in body
    assert "Article 6(1)(a)" in body


def test_the_privacy_notice_says_how_long_data_is_kept(client, db, parse_html):
    page = parse_html(client.get("/en/privacy/"))
    headings = [h.text for h in page.find_all("h2")]
    assert any("How long we keep" in text for text in headings)
    assert "30 days" in client.get("/en/privacy/").content.decode()


def test_the_privacy_notice_names_the_rights_and_the_supervisory_authority(client, db):
    body = client.get("/en/privacy/").content.decode()
    for right in ("access", "corrected or deleted", "restrict or object", "machine-readable"):
        assert right in body
    assert 'href="https://www.imy.se/"' in body


def test_the_privacy_notice_gives_the_data_protection_contact(client, db, settings):
    settings.PRIVACY_EMAIL = "dpo@region.example.org"
    assert "dpo@region.example.org" in client.get("/en/privacy/").content.decode()


# --- 404 -------------------------------------------------------------------------------------


def test_an_unknown_address_answers_404_with_the_site_layout(client, db, parse_html):
    response = client.get("/sv/no-such-page/")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    assert "base.html" in [t.name for t in response.templates]
    page = parse_html(response)
    assert page.find_all("header", **{"class": "site-header"})
    assert page.find_all("footer", **{"class": "site-footer"})
    assert page.find_all("main", id="main")


@pytest.mark.parametrize("lang", ["sv", "en", "ar", "fa"])
def test_the_404_page_is_in_the_language_of_the_address(client, db, lang):
    with translation.override(lang):
        title = gettext("Page not found")
    body = client.get(f"/{lang}/no-such-page/").content.decode()
    assert f"<h1>{title}</h1>" in body


def test_the_404_page_in_swedish_is_in_swedish(client, db):
    with translation.override("sv"):
        if gettext("Page not found") == "Page not found":
            pytest.xfail("the Swedish catalogue does not translate the 404 page yet")
    body = client.get("/sv/no-such-page/").content.decode()
    assert "Page not found" not in body


# --- 500 -------------------------------------------------------------------------------------


def test_the_500_handler_needs_no_database(rf):
    # No ``db`` fixture: any query would fail this test.
    with translation.override("en"):
        response = views.server_error(rf.get("/en/"))
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.content.decode()


def test_the_500_handler_makes_no_queries_even_with_a_database(rf, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = views.server_error(rf.get("/sv/"))
    assert response.status_code == 500


@override_settings(ROOT_URLCONF=__name__)
def test_an_error_in_a_view_answers_500_with_the_error_page(client, db):
    client.raise_request_exception = False
    response = client.get("/en/boom/")
    assert response.status_code == 500
    assert "500.html" in [t.name for t in response.templates]
    assert 'href="/en/"' in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
def test_the_500_page_is_in_the_language_of_the_address(client, db, parse_html):
    client.raise_request_exception = False
    page = parse_html(client.get("/ar/boom/"))
    assert page.find("html").attrs == {"lang": "ar", "dir": "rtl"}


# --- robots.txt --------------------------------------------------------------------------


def test_robots_txt_points_crawlers_to_the_sitemap_and_keeps_them_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    # Public pages stay open: the admin is the only thing disallowed.
    assert [line for line in lines if line.startswith("Disallow")] == ["Disallow: /admin/"]
    assert client.get("/sitemap.xml").status_code == 200


@pytest.mark.parametrize("debug", [False, True])
def test_an_unknown_address_under_a_language_prefix_names_that_language(
    client, db, settings, debug
):
    settings.DEBUG = debug  # make run debugs: no technical 404 page in English either
    response = client.get("/sv/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="sv" dir="ltr">' in response.content.decode()
    response = client.get("/fa/no-such-page/")
    assert '<html lang="fa" dir="rtl">' in response.content.decode()


def test_an_unknown_address_without_its_slash_is_first_given_one(client, db):
    response = client.get("/sv/no-such-page")
    assert response.status_code == 301
    assert response["Location"] == "/sv/no-such-page/"
