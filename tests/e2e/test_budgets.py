"""Weight budgets per page (first visit, compressed), images and use without JavaScript."""

from __future__ import annotations

import re

import pytest

from tests.e2e import summary
from tests.e2e.crawl import PageResult
from tests.e2e.pages import (
    BUDGET_CSS_BYTES,
    BUDGET_FONT_BYTES,
    BUDGET_JS_BYTES,
    BUDGET_TOTAL_BYTES,
    LANGUAGES,
    NEWCOMER_EMAIL,
    NEWCOMER_PASSWORD,
)

pytestmark = pytest.mark.browser

FONT = re.compile(r"\.(woff2?|ttf|otf|eot)(\?|$)")


def weights(result: PageResult) -> dict[str, int]:
    out = {"total": 0, "css": 0, "js": 0, "html": 0, "other": 0}
    for resource in result.resources:
        size = resource["transfer"]
        out["total"] += size
        url = resource["url"].split("?")[0]
        if resource["type"] == "navigation":
            out["html"] += size
        elif url.endswith(".css"):
            out["css"] += size
        elif url.endswith((".js", ".mjs")) or resource["type"] == "script":
            out["js"] += size
        else:
            out["other"] += size
    return out


def test_pages_stay_within_the_weight_budget(crawled: list[PageResult], subtests):
    heaviest: dict[str, tuple[int, str, dict[str, int]]] = {}
    for result in crawled:
        with subtests.test(msg=f"budget: {result.label}"):
            assert result.error is None, result.error
            w = weights(result)
            if w["total"] > heaviest.get(result.spec.name, (-1,))[0]:
                heaviest[result.spec.name] = (w["total"], result.lang, w)
            assert w["total"] > 0, "nothing was measured"
            assert w["total"] <= BUDGET_TOTAL_BYTES, f"{w['total']} bytes in total"
            assert w["css"] <= BUDGET_CSS_BYTES, f"{w['css']} bytes of CSS"
            assert w["js"] <= BUDGET_JS_BYTES, f"{w['js']} bytes of JavaScript"
            fonts = [r for r in result.resources if FONT.search(r["url"])]
            heavy = [
                f"{r['url']} ({r['transfer']} B)"
                for r in fonts
                if r["transfer"] > BUDGET_FONT_BYTES
            ]
            assert not heavy, f"web fonts over budget: {heavy}"
    for name, (total, lang, w) in sorted(heaviest.items()):
        summary.add(
            "Transferred bytes per page (first visit, compressed; heaviest language)",
            f"{name} [{lang}]: {total} B (html {w['html']}, css {w['css']}, js {w['js']}, "
            f"other {w['other']})",
        )


def test_images_have_dimensions_and_load_lazily_below_the_fold(crawled: list[PageResult], subtests):
    for result in crawled:
        with subtests.test(msg=f"images: {result.label}"):
            assert result.error is None, result.error
            problems = []
            for img in result.dom["images"]:
                if not (img["width"] and img["height"]):
                    problems.append(f"{img['src']}: no width/height attributes")
                if not img["aboveFold"] and img["loading"] != "lazy":
                    problems.append(f"{img['src']}: below the fold without loading=lazy")
                if img["aboveFold"] and img["loading"] == "lazy":
                    problems.append(f"{img['src']}: above the fold but loading=lazy")
            assert not problems, "\n".join(problems)


CORE_PAGES = ["/{lang}/", "/{lang}/accessibility/", "/{lang}/privacy/", "/{lang}/accounts/signup/"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_core_pages_and_sign_in_work_without_javascript(browser, portal, lang):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        for path in CORE_PAGES:
            response = page.goto(portal.url(path.format(lang=lang)))
            assert response is not None, path
            assert response.status == 200, path
            assert page.locator("h1").count() == 1, path
        page.goto(portal.url(f"/{lang}/accounts/login/"))
        page.fill("input[name=login]", NEWCOMER_EMAIL)
        page.fill("input[name=password]", NEWCOMER_PASSWORD)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        # Signing in lands on My page (plan, questions, buddy, events).
        assert page.url == portal.url(f"/{lang}/my/"), f"after signing in: {page.url}"
        assert page.locator("header form[action$='/accounts/logout/'] button").count() == 1
    finally:
        context.close()
