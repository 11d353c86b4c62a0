"""A newcomer asks for a buddy (in Arabic), the ambassador accepts on the dashboard,
and they exchange a message — every page axe-clean."""

from __future__ import annotations

import pytest

from tests.e2e.crawl import DEFAULT_VIEWPORT, axe_violations
from tests.e2e.test_axe import describe

pytestmark = pytest.mark.browser

PASSWORD = "demo-house-2026!"  # demo/directory.py DEMO_PASSWORD
#: A demo newcomer with no buddy request yet, and the demo ambassador whose
#: interests overlap most with the request below (demo/ambassadors.py).
NEWCOMER = "newcomer.undecided@example.org"
AMBASSADOR = "ambassador.are@example.org"


def assert_axe_clean(page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {where} ({page.url}):\n{describe(violations)}"


def sign_in(context, portal, email: str, lang: str = "en"):
    page = context.new_page()
    page.goto(portal.url(f"/{lang}/accounts/login/"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/accounts/login/" not in page.url, f"signing in as {email} failed"
    return page


def test_a_newcomer_asks_for_a_buddy_the_ambassador_accepts_and_they_exchange_messages(
    browser, portal
):
    newcomer_context = browser.new_context(viewport=DEFAULT_VIEWPORT, color_scheme="light")
    ambassador_context = browser.new_context(viewport=DEFAULT_VIEWPORT, color_scheme="light")
    try:
        newcomer = sign_in(newcomer_context, portal, NEWCOMER, "ar")
        newcomer.goto(portal.url("/ar/buddy/"))
        assert newcomer.get_attribute("html", "dir") == "rtl"
        assert_axe_clean(newcomer, "buddy request form (ar)")

        # Submitting without consent keeps the answers and explains why.
        newcomer.fill("#id_first_name", "Noor")
        newcomer.check("input[name=languages][value=en]")
        for interest in ("skiing", "family", "food"):
            newcomer.check(f"input[name=interests][value={interest}]")
        newcomer.select_option("#id_household", "partner")
        newcomer.fill("#id_help_with", "Finding a ski club for the children.")
        with newcomer.expect_navigation():
            newcomer.click("main form button[type=submit]")
        assert newcomer.locator("#error-summary").count() == 1
        assert newcomer.input_value("#id_help_with") == "Finding a ski club for the children."
        assert_axe_clean(newcomer, "buddy request form with an error (ar)")

        newcomer.check("#id_consent")
        with newcomer.expect_navigation():
            newcomer.click("main form button[type=submit]")
        assert newcomer.url == portal.url("/ar/buddy/")
        assert newcomer.locator("form[action$='/buddy/withdraw/']").count() == 1
        assert_axe_clean(newcomer, "buddy request sent (ar)")

        ambassador = sign_in(ambassador_context, portal, AMBASSADOR)
        ambassador.goto(portal.url("/en/ambassadors/dashboard/"))
        assert "Noor" not in ambassador.content(), "the newcomer's name shows before accepting"
        assert_axe_clean(ambassador, "ambassador dashboard with an offer")
        with ambassador.expect_navigation():
            ambassador.click("form[action*='/accept/'] button")
        assert "/en/buddy/matches/" in ambassador.url
        assert "Noor" in ambassador.locator("main").inner_text()
        assert_axe_clean(ambassador, "match page (ambassador)")
        ambassador.fill("#id_body", "Hello Noor! Welcome to Åre.")
        with ambassador.expect_navigation():
            ambassador.click("main form button[type=submit]")
        assert "Hello Noor! Welcome to Åre." in ambassador.locator(".chat").inner_text()

        newcomer.goto(portal.url("/ar/buddy/"))
        with newcomer.expect_navigation():
            newcomer.click("main a[href*='/buddy/matches/']")
        assert "Hello Noor! Welcome to Åre." in newcomer.locator(".chat").inner_text()
        assert "Ambassador in Åre" in newcomer.locator("main").inner_text()
        newcomer.fill("#id_body", "شكراً! Thank you, see you soon.")
        with newcomer.expect_navigation():
            newcomer.click("main form button[type=submit]")
        assert "see you soon" in newcomer.locator(".chat").inner_text()
        assert_axe_clean(newcomer, "match page (newcomer, ar)")

        ambassador.reload()
        assert "see you soon" in ambassador.locator(".chat").inner_text()
    finally:
        newcomer_context.close()
        ambassador_context.close()
