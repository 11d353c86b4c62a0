"""The Target markets admin view in a browser: the county desk's coordinator signs in,
opens it from the admin's front page by clicking, and the page (shortlists with their
evidence, the campaign table, the data files) is axe-clean."""

from __future__ import annotations

import pytest

from tests.e2e.crawl import axe_violations
from tests.e2e.test_axe import describe
from tests.e2e.test_insights_dashboard import sign_in_to_the_admin

pytestmark = pytest.mark.browser


def test_the_county_desk_opens_target_markets_and_it_is_axe_clean(browser, portal):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme="light", locale="en-GB"
    )
    page = context.new_page()
    sign_in_to_the_admin(page, portal)
    # The same coordinator as the dashboard's test: one two-factor secret, shared.
    with page.expect_navigation():
        page.locator("#content a[href='/admin/markets/marketdataimport/']").first.click()
    with page.expect_navigation():
        page.click("#content a[href$='/shortlist/']")
    assert page.url.endswith("/admin/markets/marketdataimport/shortlist/")
    assert page.locator("#sector-healthcare").count() == 1
    assert page.locator("table caption").first.is_visible()
    violations = axe_violations(page)
    assert not violations, f"axe on Target markets:\n{describe(violations)}"
    context.close()
