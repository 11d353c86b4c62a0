"""The front door (issue 15, point 1), by clicking like a person: from /<lang>/ an
anonymous visitor reaches the enquiry form from the home page, from a guide (Guides →
a topic → a guide) and from a search without results; a newcomer signs in from the
header, lands on My page and reaches the buddy form and My page from the header.
In sv, en and ar, at 390 and 1280 px: no typed address after the first, no page
wider than the window, every page axe-clean."""

from __future__ import annotations

import pytest

from tests.e2e.crawl import axe_violations
from tests.e2e.test_axe import describe

pytestmark = pytest.mark.browser

PASSWORD = "demo-house-2026!"  # demo/directory.py DEMO_PASSWORD
#: A demo newcomer whose data no other journey changes (this one only reads).
NEWCOMER = "newcomer.ostersund@example.org"
VIEWPORTS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 800}}


def check(page, where: str, width: int) -> None:
    """axe-clean, and no wider than the window."""
    violations = axe_violations(page)
    assert not violations, f"axe on {where} ({page.url}):\n{describe(violations)}"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{where} ({page.url}) is {scroll_width} px wide at {width}"


def click(page, selector: str) -> None:
    link = page.locator(selector).first
    assert link.is_visible(), f"{selector} is not visible on {page.url}"
    with page.expect_navigation():
        link.click()


def go_home(page, lang: str) -> None:
    click(page, f"header.site-header a.brand[href='/{lang}/']")


@pytest.mark.parametrize("size", VIEWPORTS)
@pytest.mark.parametrize("lang", ["sv", "en", "ar"])
def test_the_front_door_by_clicking(browser, portal, lang, size):
    viewport = VIEWPORTS[size]
    width = viewport["width"]
    enquiry_form = f"/{lang}/enquiries/new/"
    context = browser.new_context(viewport=viewport, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(portal.url(f"/{lang}/"))  # the only typed address
        check(page, f"home ({lang}, {size})", width)

        # 1. Home page → the enquiry form (the "one inbox" card is a link).
        click(page, f"main .card a[href='{enquiry_form}']")
        assert page.url == portal.url(enquiry_form)
        check(page, f"enquiry form ({lang}, {size})", width)
        # A pasted text over the limit is kept whole; the live counter says it is too long.
        page.fill("#id_message", "x" * 5010)
        assert len(page.input_value("#id_message")) == 5010
        page.wait_for_selector(".char-counter-over")
        assert "5010" in page.inner_text("#id_message-counter")
        assert page.get_attribute("#id_message-counter", "aria-live") == "polite"

        # 2. Guides → a topic → a guide → the enquiry form.
        go_home(page, lang)
        click(page, f"header .main-nav a[href='/{lang}/guides/']")
        click(page, f"main .card a[href='/{lang}/guides/housing/']")
        assert page.locator(f"main .help-links a[href='{enquiry_form}']").count() == 1
        check(page, f"topic ({lang}, {size})", width)
        click(page, "main .guide-list a")
        assert page.locator("article.guide").count() == 1
        check(page, f"guide ({lang}, {size})", width)
        click(page, f"main .contact-point a[href='{enquiry_form}']")
        assert page.url == portal.url(enquiry_form)

        # 3. A search without results → the enquiry form.
        click(page, f"header .main-nav a[href='/{lang}/guides/']")
        page.fill("#id_guides_q", "qqxzvwk")
        with page.expect_navigation():
            page.click("form.search-form button[type=submit]")
        assert page.locator(".search-results li").count() == 0
        check(page, f"empty search ({lang}, {size})", width)
        click(page, f"main .help-links a[href='{enquiry_form}']")
        assert page.url == portal.url(enquiry_form)

        # 4. Sign in from the header: the newcomer lands on My page.
        click(page, f"header a[href^='/{lang}/accounts/login/']")
        page.fill("input[name=login]", NEWCOMER)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        assert page.url == portal.url(f"/{lang}/my/"), "signing in did not land on My page"
        assert page.locator("#plan-now").count() == 1
        check(page, f"my page ({lang}, {size})", width)

        # 5. The buddy form and My page from the header.
        click(page, f"header a[href='/{lang}/buddy/']")
        assert page.url == portal.url(f"/{lang}/buddy/")
        check(page, f"buddy form ({lang}, {size})", width)
        click(page, f"header a[href='/{lang}/my/']")
        assert page.url == portal.url(f"/{lang}/my/")
    finally:
        context.close()
