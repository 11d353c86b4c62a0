"""A newcomer chooses a language, a topic, a guide, chooses Åre, searches, then signs
in, saves the move plan's situation and ticks a step — axe-clean on every page."""

from __future__ import annotations

import pytest

from tests.e2e.crawl import DEFAULT_VIEWPORT, axe_violations
from tests.e2e.test_axe import describe

pytestmark = pytest.mark.browser

PASSWORD = "demo-house-2026!"  # demo/directory.py DEMO_PASSWORD
NEWCOMER = "newcomer.are@example.org"


def assert_axe_clean(page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {where} ({page.url}):\n{describe(violations)}"


def test_language_topic_guide_are_search_and_move_plan(browser, portal):
    context = browser.new_context(viewport=DEFAULT_VIEWPORT, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(portal.url("/en/guides/"))
        assert_axe_clean(page, "guides (en)")

        # Choose a language.
        with page.expect_navigation():
            page.click(".language-switcher a[hreflang=de]")
        assert page.url.endswith("/de/guides/")
        assert page.get_attribute("html", "lang") == "de"
        assert_axe_clean(page, "guides (de)")

        # A topic.
        with page.expect_navigation():
            page.click("a[href='/de/guides/housing/']")
        assert_axe_clean(page, "topic (de)")

        # A guide (no German text: English with a notice, lang on the block).
        with page.expect_navigation():
            page.click("a[href='/de/guides/housing/finding-housing/']")
        assert page.locator("article.guide").get_attribute("lang") == "en"
        assert page.locator(".notice-translation").count() == 1
        assert_axe_clean(page, "guide (de)")

        # Choose Åre: the local guide and Åre's contact point appear.
        page.select_option("#id_municipality", "are")
        with page.expect_navigation():
            page.click(".contact-point form button[type=submit]")
        # The choice is in the address (a GET form), so a shared cache can keep the page.
        assert page.url.endswith("/de/guides/housing/finding-housing/?municipality=are")
        assert page.locator("a[href='/de/guides/housing/housing-in-are/']").count() >= 1
        assert page.locator("a[href='mailto:international@are.example.org']").count() == 1
        assert_axe_clean(page, "guide with Åre chosen (de)")

        # The ten essentials are machine translated into German.
        page.goto(
            portal.url("/de/guides/registration-id-bank/personnummer-population-registration/")
        )
        assert page.locator("article.guide").get_attribute("lang") is None
        assert page.locator(".notice-translation").count() == 1
        assert_axe_clean(page, "machine-translated guide (de)")

        # Search.
        page.goto(portal.url("/de/guides/"))
        page.fill("#id_guides_q", "personnummer")
        with page.expect_navigation():
            page.click("form.search-form button[type=submit]")
        assert "/de/search/" in page.url
        assert page.locator(".search-results li").count() >= 1
        assert_axe_clean(page, "search results (de)")

        # The move plan preview for a visitor.
        page.goto(portal.url("/de/my/"))
        assert "/de/my/plan/preview/" in page.url
        page.select_option("#id_citizenship", "non_eu")
        page.fill("#id_children_count", "1")
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        assert page.locator(".plan-step").count() >= 5
        assert_axe_clean(page, "move plan preview (de)")

        # Sign in, save the situation and tick a step.
        page.goto(portal.url("/de/accounts/login/?next=/de/my/situation/"))
        page.fill("input[name=login]", NEWCOMER)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        assert "/de/my/situation/" in page.url
        assert_axe_clean(page, "situation form (de)")
        page.select_option("#id_citizenship", "non_eu")
        page.fill("#id_children_count", "1")
        page.select_option("#id_municipality", "are")
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        assert page.url.endswith("/de/my/")
        assert_axe_clean(page, "my page (de)")
        before = page.locator(".plan-step-done").count()
        with page.expect_navigation():
            page.click(".plan-step:not(.plan-step-done) form.tick-form button >> nth=0")
        assert page.locator(".plan-step-done").count() == before + 1
        assert_axe_clean(page, "my page after ticking (de)")
    finally:
        context.close()
