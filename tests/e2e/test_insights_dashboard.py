"""The insights dashboard by clicking: the county desk's coordinator signs in, opens
the staff admin and clicks the dashboard's link on its front page. The dashboard is
axe-clean at 1280 and 390 px, no wider than the window at 390 px, and every chart has
a text alternative (title and description) and a data table."""

from __future__ import annotations

import pytest

from tests.e2e.crawl import axe_violations
from tests.e2e.test_axe import describe
from tests.e2e.test_triage_desk import sign_in_from_the_home_page

pytestmark = pytest.mark.browser

#: The demo coordinator of the region, the county desk (demo/directory.py).
COUNTY_DESK = "region.coordinator@example.org"


def sign_in_to_the_admin(page, portal) -> None:
    """The county desk's coordinator, the way the triage desk's handler signs in."""
    sign_in_from_the_home_page(page, portal, COUNTY_DESK)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_county_desk_reaches_an_accessible_dashboard(browser, portal, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="light")
    page = context.new_page()
    try:
        sign_in_to_the_admin(page, portal)
        with page.expect_navigation():
            page.locator("a[href='/admin/insights/dailyfact/']").first.click()
        assert page.locator("h1").count() == 1
        charts = page.locator("svg.insights-chart")
        assert charts.count() > 0, "no chart on the dashboard"
        for index in range(charts.count()):
            chart = charts.nth(index)
            assert chart.get_attribute("role") == "img"
            assert (chart.locator("title").text_content() or "").strip()
            assert (chart.locator("desc").text_content() or "").strip()
            figure = chart.locator("xpath=ancestor::figure[1]")
            assert figure.locator("table caption").count() == 1
            assert figure.locator("th[scope=col]").count() >= 3
        if width == 390:
            wide = page.evaluate("() => document.documentElement.scrollWidth")
            assert wide <= 390, f"the dashboard is {wide} px wide at 390 px"
        page.screenshot(path=f"test-results/insights-dashboard-{width}.png", full_page=True)
        violations = axe_violations(page)
        assert not violations, f"axe on the dashboard:\n{describe(violations)}"
        with page.expect_navigation():
            page.select_option("#id_period", "year")
            page.click("form.insights-filters button[type=submit]")
        assert "period=year" in page.url
        violations = axe_violations(page)
        assert not violations, f"axe on the year's dashboard:\n{describe(violations)}"
    finally:
        context.close()
