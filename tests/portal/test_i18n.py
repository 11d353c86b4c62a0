"""Every page in every launch language: lang/dir, hreflang, footer, language switcher."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

LANGUAGES = ["sv", "en", "de", "es", "pl", "uk", "ar", "fa"]
RIGHT_TO_LEFT = {"ar", "fa"}
NAMES_IN_THEMSELVES = {
    "sv": "svenska",
    "en": "English",
    "de": "Deutsch",
    "es": "español",
    "pl": "polski",
    "uk": "українська",
    "ar": "العربية",
    "fa": "فارسی",
}
#: Each page as the path after the language prefix.
PAGES = {
    "home": "/",
    "accessibility": "/accessibility/",
    "privacy": "/privacy/",
    "sign-in": "/accounts/login/",
    "sign-up": "/accounts/signup/",
    "not-found": "/no-such-page/",
}
every_page_in_every_language = pytest.mark.parametrize(
    ("lang", "page"), [(lang, page) for lang in LANGUAGES for page in PAGES]
)


@pytest.fixture
def get_page(client, db, parse_html):
    def get(lang: str, page: str, query: str = ""):
        path = f"/{lang}{PAGES[page]}" + (f"?{query}" if query else "")
        response = client.get(path)
        assert response.status_code == (404 if page == "not-found" else 200)
        return parse_html(response)

    return get


@every_page_in_every_language
def test_html_lang_is_the_language_of_the_prefix(get_page, lang, page):
    assert get_page(lang, page).find("html").attrs["lang"] == lang


@every_page_in_every_language
def test_pages_are_right_to_left_exactly_in_arabic_and_persian(get_page, lang, page):
    expected = "rtl" if lang in RIGHT_TO_LEFT else "ltr"
    assert get_page(lang, page).find("html").attrs["dir"] == expected


@every_page_in_every_language
def test_each_page_links_its_versions_in_all_languages_and_x_default(get_page, lang, page):
    alternates = {
        link.attrs["hreflang"]: link.attrs["href"]
        for link in get_page(lang, page).find_all("link", rel="alternate")
    }
    expected = {code: f"http://testserver/{code}{PAGES[page]}" for code in LANGUAGES}
    # x-default: the unprefixed address, which redirects to the visitor's language.
    expected["x-default"] = f"http://testserver{PAGES[page]}"
    assert alternates == expected


@every_page_in_every_language
def test_the_footer_links_the_accessibility_and_privacy_pages_of_the_same_language(
    get_page, lang, page
):
    footer_links = {
        anchor.attrs["href"]
        for anchor in get_page(lang, page).find_all("a")
        if anchor.inside("footer")
    }
    assert {f"/{lang}/accessibility/", f"/{lang}/privacy/"} <= footer_links


@every_page_in_every_language
def test_the_language_switcher_links_the_same_page_in_every_language(get_page, lang, page):
    switcher = [
        anchor
        for anchor in get_page(lang, page).find_all("a")
        if anchor.inside("nav", css_class="language-switcher")
    ]
    assert [anchor.attrs["href"] for anchor in switcher] == [
        f"/{code}{PAGES[page]}" for code in LANGUAGES
    ]
    current = [anchor.attrs["hreflang"] for anchor in switcher if anchor.attrs.get("aria-current")]
    assert current == [lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_switcher_keeps_the_query_string(get_page, lang):
    page = get_page(lang, "home", query="topic=housing&page=2")
    hrefs = [
        anchor.attrs["href"]
        for anchor in page.find_all("a")
        if anchor.inside("nav", css_class="language-switcher")
    ]
    assert hrefs == [f"/{code}/?topic=housing&page=2" for code in LANGUAGES]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_switcher_names_each_language_in_itself(get_page, lang):
    switcher = {
        anchor.attrs["lang"]: anchor.text.strip().casefold()
        for anchor in get_page(lang, "home").find_all("a")
        if anchor.inside("nav", css_class="language-switcher")
    }
    expected = {code: name.casefold() for code, name in NAMES_IN_THEMSELVES.items()}
    # Arabic script may carry optional vowel marks (shadda); compare without them.
    assert {k: v.replace("\u0651", "") for k, v in switcher.items()} == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_name_in_the_switcher_carries_its_own_direction(get_page, lang):
    directions = {
        anchor.attrs["lang"]: anchor.attrs["dir"]
        for anchor in get_page(lang, "home").find_all("a")
        if anchor.inside("nav", css_class="language-switcher")
    }
    assert directions == {code: "rtl" if code in RIGHT_TO_LEFT else "ltr" for code in LANGUAGES}


def test_the_root_redirects_to_a_language_prefix(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url in {f"/{code}/" for code in LANGUAGES}


def test_the_root_redirects_to_the_browsers_language(client, db):
    response = client.get("/", headers={"accept-language": "uk,en;q=0.5"})
    assert response.url == "/uk/"


def test_the_root_redirects_to_swedish_by_default(client, db):
    assert client.get("/").url == "/sv/"


def test_an_unprefixed_page_redirects_to_its_prefixed_address(client, db):
    response = client.get("/privacy/")
    assert response.status_code == 302
    assert response.url == "/sv/privacy/"


def test_the_x_default_address_of_a_page_leads_to_the_page_in_the_browsers_language(client, db):
    response = client.get("/privacy/", headers={"accept-language": "fa"})
    assert response.url == "/fa/privacy/"


# --- sitemap -----------------------------------------------------------------------------

#: The fixed pages in the sitemap, as the path after the language prefix.
FIXED_PAGES = ["", "accessibility/", "privacy/"]
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


@pytest.fixture
def sitemap(client, db):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return ET.fromstring(response.content)  # noqa: S314 - our own sitemap, not untrusted input


def test_the_sitemap_lists_home_accessibility_and_privacy_in_every_language(sitemap):
    locations = {url.findtext("sm:loc", namespaces=NS) for url in sitemap.findall("sm:url", NS)}
    expected = {f"http://testserver/{code}/{path}" for code in LANGUAGES for path in FIXED_PAGES}
    assert expected <= locations


def test_every_fixed_page_in_the_sitemap_has_alternates_in_all_languages_and_x_default(sitemap):
    checked = 0
    for entry in sitemap.findall("sm:url", NS):
        location = entry.findtext("sm:loc", namespaces=NS)
        path = location.removeprefix("http://testserver/").split("/", 1)[1]
        if path not in FIXED_PAGES:
            continue
        alternates = {
            link.get("hreflang"): link.get("href") for link in entry.findall("xhtml:link", NS)
        }
        expected = {code: f"http://testserver/{code}/{path}" for code in LANGUAGES}
        expected["x-default"] = f"http://testserver/{path}"
        assert alternates == expected, location
        checked += 1
    assert checked == len(FIXED_PAGES) * len(LANGUAGES)


def test_the_language_switcher_escapes_a_hostile_query_string(client, db):
    body = client.get('/en/?q="><script>alert(1)</script>').content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body or "%3Cscript%3E" in body
