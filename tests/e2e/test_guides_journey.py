"""A newcomer opens the guides, a topic and a guide, chooses Åre, searches, tries the
move plan, then signs in, saves the situation and ticks a step — by clicking from
the home page, in sv, en and ar at 390 and 1280 px; axe-clean in one combination."""

from __future__ import annotations

import pytest

from tests.e2e.journeys import (
    FULL_CHECK,
    assert_axe_clean,
    assert_fits,
    button,
    click,
    click_link,
    combinations,
    link,
    new_context,
    sign_in,
    start,
)
from tests.e2e.pages import NEWCOMER_EMAIL

pytestmark = pytest.mark.browser


def open_my_page(page, lang: str) -> None:
    """From any page, signed in. The header's "My page" link when it has one (the
    front door); until then the way that exists: Guides → See your move plan."""
    mine = link(page, lang, "My page", "header")
    if mine.count():
        click(page, mine)
    else:
        click_link(page, lang, "Guides", "header")
        click_link(page, lang, "See your move plan", "main")
    assert page.url.endswith(f"/{lang}/my/"), page.url


@pytest.mark.parametrize(("lang", "width"), combinations())
def test_topic_guide_are_search_and_move_plan(browser, portal, lang, width):
    full = (lang, width) == FULL_CHECK
    context = new_context(browser, width)
    try:
        page = start(context, portal, lang)
        click_link(page, lang, "Guides", "header")
        assert page.url.endswith(f"/{lang}/guides/")
        assert_fits(page, "guides")
        if full:
            assert_axe_clean(page, "guides")

        # A topic, then a guide (content links: their names come from the database).
        click(page, page.locator(f"main a[href='/{lang}/guides/housing/']").first)
        assert_fits(page, "topic")
        if full:
            assert_axe_clean(page, "topic")
        click(page, page.locator(f"main a[href='/{lang}/guides/housing/finding-housing/']").first)
        article_lang = page.locator("article.guide").get_attribute("lang")
        if article_lang and article_lang != lang:
            # Not yet in this language: the fallback says so.
            assert page.locator(".notice-translation").count() == 1
        assert_fits(page, "guide")
        if full:
            assert_axe_clean(page, "guide")

        # Choose Åre: the local guide and Åre's contact point appear.
        page.select_option("#id_municipality", "are")
        click(page, page.locator(".contact-point form button[type=submit]"))
        # The choice is in the address (a GET form), so a shared cache can keep the page.
        assert page.url.endswith(f"/{lang}/guides/housing/finding-housing/?municipality=are")
        assert page.locator(f"a[href='/{lang}/guides/housing/housing-in-are/']").count() >= 1
        assert page.locator("a[href='mailto:international@are.example.org']").count() == 1
        assert_fits(page, "guide with Åre chosen")
        if full:
            assert_axe_clean(page, "guide with Åre chosen")

        # Search from the guide library.
        click_link(page, lang, "Guides", "header")
        page.fill("#id_guides_q", "personnummer")
        click(page, page.locator("form.search-form button[type=submit]"))
        assert f"/{lang}/search/" in page.url
        assert page.locator(".search-results li").count() >= 1
        assert_fits(page, "search results")
        if full:
            assert_axe_clean(page, "search results")

        # The move plan a visitor can try before signing up.
        click_link(page, lang, "Guides", "header")
        click_link(page, lang, "See your move plan", "main")
        assert f"/{lang}/my/plan/preview/" in page.url
        page.select_option("#id_citizenship", "non_eu")
        page.fill("#id_children_count", "1")
        click(page, button(page, lang, "Show my checklist"))
        assert page.locator(".plan-step").count() >= 5
        assert_fits(page, "move plan preview")
        if full:
            assert_axe_clean(page, "move plan preview")

        # Sign in, open My page, save the situation and tick a step.
        sign_in(page, lang, NEWCOMER_EMAIL)
        open_my_page(page, lang)
        click_link(page, lang, "Edit my situation", "main")
        assert page.url.endswith(f"/{lang}/my/situation/")
        if full:
            assert_axe_clean(page, "situation form")
        page.select_option("#id_citizenship", "non_eu")
        page.fill("#id_children_count", "1")
        page.select_option("#id_municipality", "are")
        click(page, button(page, lang, "Save and update my plan"))
        assert page.url.endswith(f"/{lang}/my/")
        assert_fits(page, "my page")
        if full:
            assert_axe_clean(page, "my page")
        before = page.locator(".plan-step-done").count()
        click(page, page.locator(".plan-step:not(.plan-step-done) form.tick-form button").first)
        assert page.locator(".plan-step-done").count() == before + 1
        if full:
            assert_axe_clean(page, "my page after ticking")
    finally:
        context.close()
