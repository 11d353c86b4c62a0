"""No broken internal link or asset on any crawled page."""

from __future__ import annotations

import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e import summary
from tests.e2e.crawl import PageResult
from tests.e2e.httpclient import fetch_following

pytestmark = pytest.mark.browser


def _same_origin_urls(crawled: list[PageResult], base_url: str) -> dict[str, list[PageResult]]:
    """Every same-origin href/src (fragment removed) -> the pages that have it."""
    origin = urllib.parse.urlsplit(base_url)[:2]
    urls: dict[str, list[PageResult]] = {}
    for result in crawled:
        for ref in result.dom.get("refs", []):
            url = ref["url"]
            if not url or urllib.parse.urlsplit(url)[:2] != origin:
                continue
            url = urllib.parse.urldefrag(url).url
            pages = urls.setdefault(url, [])
            if not pages or pages[-1] is not result:
                pages.append(result)
    return urls


def _shared_cookie(pages: list[PageResult]) -> str:
    """The session of the account every page with the link was crawled as (each
    crawling browser signs in on its own, so any of their cookies will do)."""
    accounts = {page.spec.account for page in pages}
    return pages[0].cookie_header if len(accounts) == 1 else ""


def test_every_internal_link_and_asset_answers(crawled: list[PageResult], portal, subtests):
    urls = _same_origin_urls(crawled, portal.base_url)
    assert urls, "the crawl found no internal links at all"
    started = time.monotonic()
    ordered = sorted(urls)
    # A link found only on signed-in pages is followed as that account (a newcomer's
    # enquiry status page answers 404 to anyone else); every other link anonymously.
    cookies = [_shared_cookie(urls[url]) for url in ordered]
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = dict(zip(ordered, pool.map(fetch_following, ordered, cookies), strict=True))
    redirects = 0
    for url in ordered:
        pages = urls[url]
        with subtests.test(msg=f"link {url} (on {len(pages)} pages, first {pages[0].label})"):
            answer, chain = answers[url]
            redirects += len(chain) > 1
            # A page that answers 404 on purpose links to itself in the other
            # languages (switcher, hreflang): those links answer 404 too.
            only_on_error_pages = all(p.spec.status != 200 for p in pages)
            allowed = {200} | ({p.spec.status for p in pages} if only_on_error_pages else set())
            assert answer.status in allowed, f"{' -> '.join(chain)} ended in HTTP {answer.status}"
    summary.add(
        "Links",
        f"{len(urls)} unique internal URLs checked in {time.monotonic() - started:.0f} s, "
        f"{redirects} redirect first",
    )


def test_in_page_links_have_a_target(crawled: list[PageResult], subtests):
    for result in crawled:
        with subtests.test(msg=f"fragments: {result.label}"):
            assert result.error is None, result.error
            assert not result.dom["missingFragments"], (
                f"links to missing ids: {result.dom['missingFragments']}"
            )
