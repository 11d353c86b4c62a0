"""Helpers for browser journeys that navigate like people.

A journey opens /<lang>/ once and then only clicks visible links and buttons, found
by role and accessible name in the page's language (the project's catalogues, via
Django's gettext). tests/e2e/test_journey_rules.py holds every journey to that.
"""

from __future__ import annotations

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.utils import translation

from tests.e2e.crawl import DEFAULT_VIEWPORT, axe_violations
from tests.e2e.pages import DEMO_PASSWORD, PHONE_VIEWPORT
from tests.e2e.test_axe import describe

#: Every journey runs in these languages at these widths.
JOURNEY_LANGUAGES = ["sv", "en", "ar"]
VIEWPORTS = {"390": PHONE_VIEWPORT, "1280": DEFAULT_VIEWPORT}
#: The one combination that also runs the heavy assertions (axe on every page).
FULL_CHECK = ("en", "1280")


def combinations():
    """pytest params (lang, width) for every language at every width."""
    return [
        pytest.param(lang, width, id=f"{lang}-{width}")
        for lang in JOURNEY_LANGUAGES
        for width in VIEWPORTS
    ]


def tr(lang: str, msgid: str) -> str:
    """``msgid`` as the portal shows it in ``lang`` (project and allauth catalogues)."""
    with translation.override(lang):
        return translation.gettext(msgid)


def new_context(browser, width: str, **kwargs):
    return browser.new_context(viewport=VIEWPORTS[width], color_scheme="light", **kwargs)


def start(context, portal, lang: str):
    """The one typed address of a journey: the home page in ``lang``."""
    page = context.new_page()
    page.goto(portal.url(f"/{lang}/"))  # the one typed address
    return page


def link(page, lang: str, msgid: str, within: str = "body"):
    return page.locator(within).get_by_role("link", name=tr(lang, msgid), exact=True).first


def button(page, lang: str, msgid: str, within: str = "main"):
    return page.locator(within).get_by_role("button", name=tr(lang, msgid), exact=True).first


def click(page, locator) -> None:
    """Click something that loads a new page, and wait for it."""
    assert locator.is_visible(), f"not visible on {page.url}: {locator}"
    with page.expect_navigation():
        locator.click()


def click_link(page, lang: str, msgid: str, within: str = "body") -> None:
    click(page, link(page, lang, msgid, within))


def sign_in(page, lang: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Click "Sign in" in the header and sign in; the page is then where allauth sends."""
    click_link(page, lang, "Sign in", "header")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    click(page, page.locator("main form button[type=submit]").first)
    assert "/accounts/login/" not in page.url, f"signing in as {email} failed: {page.url}"


def open_staff_admin(page, lang: str) -> None:
    """From a signed-in portal page: "Staff admin" in the header, through the
    reauthentication and TOTP set-up production asks of staff, to the admin index."""
    click_link(page, lang, "Staff admin", "header")
    if "/reauthenticate/" in page.url:
        page.fill("input[name=password]", DEMO_PASSWORD)
        click(page, page.locator("main form button[type=submit]").first)
    if "/2fa/totp/activate/" in page.url:
        secret = page.input_value("#authenticator_secret")
        page.fill("input[name=code]", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
        click(page, page.locator("main form button[type=submit]").first)
        if not page.url.endswith("/admin/"):
            click_link(page, lang, "Staff admin", "header")
    assert page.url.endswith("/admin/"), f"the admin did not open: {page.url}"


def open_the_enquiry_form(page, lang: str) -> None:
    """From the home page: the front door's "Ask a question"."""
    click_link(page, lang, "Ask a question", "main")
    assert "/enquiries/new/" in page.url, page.url


def open_my_page(page, lang: str) -> None:
    """From any page, signed in: the header's "My page"."""
    click_link(page, lang, "My page", "header")
    assert page.url.endswith(f"/{lang}/my/"), page.url


def open_a_guide(page, lang: str, topic: str = "housing", guide: str = "finding-housing") -> None:
    """Guides in the header, a topic, a guide (content links: their names come from
    the database, so they are found by address)."""
    click_link(page, lang, "Guides", "header")
    click(page, page.locator(f"main a[href='/{lang}/guides/{topic}/']").first)
    click(page, page.locator(f"main a[href='/{lang}/guides/{topic}/{guide}/']").first)


def assert_axe_clean(page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {where} ({page.url}):\n{describe(violations)}"


def checker(lang: str, width: str):
    """check(page, where): the page fits its viewport, and in the FULL_CHECK
    combination it is also axe-clean (axe takes a second or two a page)."""
    full = (lang, width) == FULL_CHECK

    def check(page, where: str) -> None:
        assert_fits(page, where)
        if full:
            assert_axe_clean(page, f"{where} ({lang}, {width} px)")

    return check


def assert_fits(page, where: str) -> None:
    """Nothing on the page is wider than the viewport."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{where} is {width} px wide at {viewport} px ({page.url})"
