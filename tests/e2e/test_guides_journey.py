"""A newcomer opens the guides, a topic and a guide, chooses Åre, searches, tries the
move plan, then signs in, saves the situation and ticks a step — by clicking from
the home page, in sv, en and ar at 390 and 1280 px; axe-clean in one combination."""

from __future__ import annotations

import pytest

from tests.e2e.journeys import (
    button,
    checker,
    click,
    click_link,
    combinations,
    new_context,
    open_my_page,
    sign_in,
    start,
)
from tests.e2e.pages import NEWCOMER_EMAIL

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("lang", "width"), combinations())
def test_topic_guide_are_search_and_move_plan(browser, portal, lang, width):
    check = checker(lang, width)
    context = new_context(browser, width)
    try:
        page = start(context, portal, lang)
        click_link(page, lang, "Guides", "header")
        assert page.url.endswith(f"/{lang}/guides/")
        check(page, "guides")

        # A topic, then a guide (content links: their names come from the database).
        click(page, page.locator(f"main a[href='/{lang}/guides/housing/']").first)
        check(page, "topic")
        click(page, page.locator(f"main a[href='/{lang}/guides/housing/finding-housing/']").first)
        article_lang = page.locator("article.guide").get_attribute("lang")
        if article_lang and article_lang != lang:
            # Not yet in this language: the fallback says so.
            assert page.locator(".notice-translation").count() == 1
        check(page, "guide")

        # Choose Åre: the local guide and Åre's contact point appear.
        page.select_option("#id_municipality", "are")
        click(page, page.locator(".contact-point form button[type=submit]"))
        # The choice is in the address (a GET form), so a shared cache can keep the page.
        assert page.url.endswith(f"/{lang}/guides/housing/finding-housing/?municipality=are")
        assert page.locator(f"a[href='/{lang}/guides/housing/housing-in-are/']").count() >= 1
        assert page.locator("a[href='mailto:international@are.example.org']").count() == 1
        check(page, "guide with Åre chosen")

        # Search from the guide library.
        click_link(page, lang, "Guides", "header")
        page.fill("#id_guides_q", "personnummer")
        click(page, page.locator("form.search-form button[type=submit]"))
        assert f"/{lang}/search/" in page.url
        assert page.locator(".search-results li").count() >= 1
        check(page, "search results")

        # The move plan a visitor can try before signing up.
        click_link(page, lang, "Guides", "header")
        click_link(page, lang, "See your move plan", "main")
        assert f"/{lang}/my/plan/preview/" in page.url
        page.select_option("#id_citizenship", "non_eu")
        page.fill("#id_children_count", "1")
        click(page, button(page, lang, "Show my checklist"))
        assert page.locator(".plan-step").count() >= 5
        check(page, "move plan preview")

        # Sign in, open My page, save the situation and tick a step.
        sign_in(page, lang, NEWCOMER_EMAIL)
        open_my_page(page, lang)
        click_link(page, lang, "Edit my situation", "main")
        assert page.url.endswith(f"/{lang}/my/situation/")
        check(page, "situation form")
        page.select_option("#id_citizenship", "non_eu")
        page.fill("#id_children_count", "1")
        page.select_option("#id_municipality", "are")
        click(page, button(page, lang, "Save and update my plan"))
        assert page.url.endswith(f"/{lang}/my/")
        check(page, "my page")
        before = page.locator(".plan-step-done").count()
        click(page, page.locator(".plan-step:not(.plan-step-done) form.tick-form button").first)
        assert page.locator(".plan-step-done").count() == before + 1
        check(page, "my page after ticking")
    finally:
        context.close()
