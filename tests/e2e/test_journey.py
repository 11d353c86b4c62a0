"""A visitor's first steps: switch language and back, read the accessibility statement,
sign up — by clicking from the home page, in sv, en and ar at 390 and 1280 px."""

from __future__ import annotations

import pytest

from tests.e2e.journeys import (
    checker,
    click,
    click_link,
    combinations,
    new_context,
    start,
    tr,
)

pytestmark = pytest.mark.browser

MISMATCH = "You must type the same password each time."  # allauth's SignupForm message
#: Where the language switcher goes and comes back from.
OTHER = {"sv": "en", "en": "ar", "ar": "sv"}


def assert_language(page, lang: str) -> None:
    assert page.get_attribute("html", "lang") == lang
    assert page.get_attribute("html", "dir") == ("rtl" if lang in ("ar", "fa") else "ltr")


def test_the_root_sends_a_browser_to_its_language(browser, portal):
    context = browser.new_context(locale="en-GB")
    try:
        page = context.new_page()
        page.goto(portal.url("/"))
        assert page.url == portal.url("/en/"), "/ should send an English browser to /en/"
    finally:
        context.close()


@pytest.mark.parametrize(("lang", "width"), combinations())
def test_visitor_switches_language_reads_the_statement_and_signs_up(browser, portal, lang, width):
    check = checker(lang, width)
    context = new_context(browser, width)
    try:
        page = start(context, portal, lang)
        assert_language(page, lang)
        check(page, "home")

        # There and back with the language switcher (each language names itself).
        other = OTHER[lang]
        click(page, page.locator(f"nav.language-switcher a[hreflang='{other}']"))
        page.wait_for_url(portal.url(f"/{other}/"))
        assert_language(page, other)
        click(page, page.locator(f"nav.language-switcher a[hreflang='{lang}']"))
        page.wait_for_url(portal.url(f"/{lang}/"))
        assert_language(page, lang)

        click_link(page, lang, "Accessibility statement", "footer")
        assert page.url == portal.url(f"/{lang}/accessibility/")
        assert_language(page, lang)
        assert page.locator("h1").count() == 1
        check(page, "accessibility statement")

        click_link(page, lang, "Create account", "header")
        assert page.url == portal.url(f"/{lang}/accounts/signup/")
        check(page, "sign-up")

        email = f"journey.visitor.{lang}{width}@example.org"
        page.fill("#id_email", email)
        page.fill("#id_password1", "snowy-mountain-road-2026")
        page.fill("#id_password2", "snowy-mountain-road-2027")
        click(page, page.locator("main form button[type=submit]").first)
        expected = tr(lang, MISMATCH)
        if lang != "en":
            assert expected != MISMATCH, f"allauth's message has no {lang} translation"
        error = page.locator("#id_password2_error")
        assert error.count() == 1, "no error shown for the mismatched password"
        assert error.inner_text().strip() == expected.strip()
        assert page.input_value("#id_email") == email, "the e-mail typed was lost"
        assert "id_password2_error" in (
            page.get_attribute("#id_password2", "aria-describedby") or ""
        )
        assert page.get_attribute("#id_password2", "aria-invalid") == "true"
        assert_language(page, lang)
        check(page, "sign-up with an error")

        page.fill("#id_password1", "snowy-mountain-road-2026")
        page.fill("#id_password2", "snowy-mountain-road-2026")
        click(page, page.locator("main form button[type=submit]").first)
        assert page.url == portal.url(f"/{lang}/accounts/confirm-email/"), page.url
        assert_language(page, lang)
        check(page, "verification e-mail sent")
    finally:
        context.close()
