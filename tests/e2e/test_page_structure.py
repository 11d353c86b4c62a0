"""Language, direction, headings, titles and hreflang alternates of every page."""

from __future__ import annotations

import html.parser
import urllib.parse
from collections import defaultdict

import pytest

from tests.e2e.crawl import PageResult
from tests.e2e.httpclient import fetch
from tests.e2e.pages import EXTRA_PAGES, LANGUAGES, PHONE_VIEWPORT, RTL_LANGUAGES

pytestmark = pytest.mark.browser


def _page_url(url: str) -> str:
    """The page's address without query and fragment (what hreflang links point to)."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def test_pages_answer_with_the_expected_status(crawled: list[PageResult], subtests):
    for result in crawled:
        with subtests.test(msg=f"status: {result.label}"):
            assert result.error is None, result.error
            assert result.status == result.spec.status, f"HTTP {result.status} at {result.url}"


def test_html_lang_and_dir_match_the_page_language(crawled: list[PageResult], subtests):
    for result in crawled:
        with subtests.test(msg=f"lang/dir: {result.label}"):
            assert result.error is None, result.error
            assert result.dom["lang"] == result.lang
            assert result.dom["dir"] == ("rtl" if result.lang in RTL_LANGUAGES else "ltr")


def test_no_page_is_wider_than_a_phone(crawled: list[PageResult], subtests):
    """At 390 px nothing scrolls sideways: long e-mails and links wrap, tables scroll
    inside their own container (in every language, right-to-left included)."""
    limit = PHONE_VIEWPORT["width"]
    for result in crawled:
        with subtests.test(msg=f"width at {limit} px: {result.label}"):
            assert result.error is None, result.error
            width = result.overflow["scrollWidth"]
            assert width <= limit, (
                f"{width} px wide at a {limit} px viewport; sticking out:\n  "
                + "\n  ".join(result.overflow["culprits"])
            )


def test_every_page_has_exactly_one_h1(crawled: list[PageResult], subtests):
    for result in crawled:
        with subtests.test(msg=f"h1: {result.label}"):
            assert result.error is None, result.error
            assert len(result.dom["h1"]) == 1, f"h1 elements: {result.dom['h1']}"
            assert result.dom["h1"][0], "the h1 is empty"


def test_titles_are_present_and_unique_within_a_language(crawled: list[PageResult], subtests):
    by_title: dict[tuple[str, str], set[str]] = defaultdict(set)
    for result in crawled:
        if result.error is None:
            by_title[(result.lang, result.dom["title"].strip())].add(_page_url(result.url))
    for result in crawled:
        with subtests.test(msg=f"title: {result.label}"):
            assert result.error is None, result.error
            title = result.dom["title"].strip()
            assert title, "empty <title>"
            others = by_title[(result.lang, title)] - {_page_url(result.url)}
            assert not others, f"title {title!r} is also the title of {sorted(others)}"


class _AlternateParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.alternates: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "alternate" in (a.get("rel") or "").split() and a.get("hreflang"):
            self.alternates.append({"hreflang": a["hreflang"], "href": a.get("href")})


def test_hreflang_alternates_are_complete_absolute_and_reciprocal(
    crawled: list[PageResult], subtests
):
    known = {_page_url(r.url): r.dom.get("alternates", []) for r in crawled if r.error is None}

    def alternates_of(url: str) -> list[dict]:
        if url not in known:
            parser = _AlternateParser()
            parser.feed(fetch(url).body.decode("utf-8", "replace"))
            known[url] = parser.alternates
        return known[url]

    for result in crawled:
        with subtests.test(msg=f"hreflang: {result.label}"):
            assert result.error is None, result.error
            alternates = result.dom["alternates"]
            by_lang = {a["hreflang"]: a["href"] for a in alternates}
            assert len(by_lang) == len(alternates), f"duplicate hreflang: {alternates}"
            assert sorted(by_lang) == sorted([*LANGUAGES, "x-default"])
            for lang, href in by_lang.items():
                parts = urllib.parse.urlsplit(href)
                assert parts.scheme in ("http", "https"), f"hreflang={lang}: {href!r}"
                assert parts.netloc, f"hreflang={lang} is not absolute: {href!r}"
            me = _page_url(result.url)
            assert by_lang[result.lang] == me, (
                f"hreflang={result.lang} should point to the page itself ({me}), "
                f"not {by_lang[result.lang]}"
            )
            for lang, href in by_lang.items():
                if lang == "x-default":
                    continue
                back = {a["hreflang"]: a["href"] for a in alternates_of(href)}
                assert back.get(result.lang) == me, (
                    f"{href} (hreflang={lang}) does not point back to {me}: "
                    f"its hreflang={result.lang} is {back.get(result.lang)!r}"
                )


def test_pages_log_no_console_errors(crawled: list[PageResult], subtests):
    for result in crawled:
        with subtests.test(msg=f"console: {result.label}"):
            assert result.error is None, result.error
            assert not result.console_errors, "\n".join(result.console_errors)


def test_sitemap_lists_every_public_page_in_every_language(crawled: list[PageResult]):
    extra = {spec.name for spec in EXTRA_PAGES}
    languages: dict[str, set[str]] = defaultdict(set)
    for result in crawled:
        if result.spec.name not in extra:
            languages[result.spec.name].add(result.lang)
    assert languages, "the sitemap lists no page"
    incomplete = {
        name: sorted(langs) for name, langs in languages.items() if langs != set(LANGUAGES)
    }
    assert not incomplete, f"sitemap pages missing languages: {incomplete}"
