"""A visitor's first steps: switch to Arabic, read the accessibility statement, sign up."""

from __future__ import annotations

import pytest
from django.utils import translation

from tests.e2e.crawl import DEFAULT_VIEWPORT, axe_violations
from tests.e2e.test_axe import describe

pytestmark = pytest.mark.browser

MISMATCH = "You must type the same password each time."  # allauth's SignupForm message


def assert_axe_clean(page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {where} ({page.url}):\n{describe(violations)}"


def assert_arabic_rtl(page) -> None:
    assert page.get_attribute("html", "lang") == "ar"
    assert page.get_attribute("html", "dir") == "rtl"


def test_visitor_switches_to_arabic_reads_the_statement_and_signs_up(browser, portal):
    context = browser.new_context(locale="en-GB", viewport=DEFAULT_VIEWPORT)
    try:
        page = context.new_page()
        page.goto(portal.url("/"))
        assert page.url == portal.url("/en/"), "/ should send an English browser to /en/"
        assert_axe_clean(page, "home (en)")

        page.locator("nav.language-switcher a[hreflang='ar']").click()
        page.wait_for_url(portal.url("/ar/"))
        assert_arabic_rtl(page)
        assert_axe_clean(page, "home (ar)")

        page.locator("footer a[href='/ar/accessibility/']").click()
        page.wait_for_url(portal.url("/ar/accessibility/"))
        assert_arabic_rtl(page)
        assert page.locator("h1").count() == 1
        assert_axe_clean(page, "accessibility statement (ar)")

        page.locator("header a[href='/ar/accounts/signup/']").click()
        page.wait_for_url(portal.url("/ar/accounts/signup/"))
        assert_arabic_rtl(page)
        assert_axe_clean(page, "sign-up (ar)")

        email = "journey.visitor@example.org"
        page.fill("#id_email", email)
        page.fill("#id_password1", "snowy-mountain-road-2026")
        page.fill("#id_password2", "snowy-mountain-road-2027")
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        with translation.override("ar"):
            expected = translation.gettext(MISMATCH)
        assert expected != MISMATCH, "allauth's message has no Arabic translation"
        error = page.locator("#id_password2_error")
        assert error.count() == 1, "no error shown for the mismatched password"
        assert error.inner_text().strip() == expected.strip()
        assert page.input_value("#id_email") == email, "the e-mail typed was lost"
        assert "id_password2_error" in (
            page.get_attribute("#id_password2", "aria-describedby") or ""
        )
        assert page.get_attribute("#id_password2", "aria-invalid") == "true"
        assert_arabic_rtl(page)
        assert_axe_clean(page, "sign-up with an error (ar)")

        page.fill("#id_password1", "snowy-mountain-road-2026")
        page.fill("#id_password2", "snowy-mountain-road-2026")
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        assert page.url == portal.url("/ar/accounts/confirm-email/"), page.url
        assert_arabic_rtl(page)
        assert_axe_clean(page, "verification e-mail sent (ar)")
    finally:
        context.close()
