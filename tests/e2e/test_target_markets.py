"""The Target markets admin view in a browser: the county desk's coordinator signs in,
opens it from the admin, and the page (shortlists with their evidence, the campaign
table, the data files) is axe-clean."""

from __future__ import annotations

import pytest

from tests.e2e.crawl import axe_violations
from tests.e2e.test_axe import describe
from tests.e2e.test_triage_desk import totp

pytestmark = pytest.mark.browser

PASSWORD = "demo-house-2026!"  # demo/directory.py DEMO_PASSWORD
COORDINATOR = "region.coordinator@example.org"
SECRETS: dict[str, str] = {}


def sign_in_to_the_admin(page, portal) -> None:
    page.goto(portal.url("/en/accounts/login/"))
    page.fill("input[name=login]", COORDINATOR)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if "/2fa/authenticate/" in page.url:
        page.fill("input[name=code]", totp(SECRETS[COORDINATOR]))
        with page.expect_navigation():
            page.click("main form button[type=submit]")
    page.goto(portal.url("/admin/"))
    if "/reauthenticate/" in page.url:
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
    if "/2fa/totp/activate/" in page.url:
        SECRETS[COORDINATOR] = page.input_value("#authenticator_secret")
        page.fill("input[name=code]", totp(SECRETS[COORDINATOR]))
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        page.goto(portal.url("/admin/"))
    assert page.url.endswith("/admin/"), f"the admin did not open: {page.url}"


def test_the_county_desk_opens_target_markets_and_it_is_axe_clean(browser, portal):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme="light", locale="en-GB"
    )
    page = context.new_page()
    sign_in_to_the_admin(page, portal)
    page.goto(portal.url("/admin/markets/marketdataimport/"))
    with page.expect_navigation():
        page.click("#content a[href$='/shortlist/']")
    assert page.url.endswith("/admin/markets/marketdataimport/shortlist/")
    assert page.locator("#sector-healthcare").count() == 1
    assert page.locator("table caption").first.is_visible()
    violations = axe_violations(page)
    assert not violations, f"axe on Target markets:\n{describe(violations)}"
    context.close()
