"""A signed-in newcomer (the demo family moving to Åre, in Arabic) finds the welcome
pack from My page; the page is axe-clean and the PDF downloads."""

from __future__ import annotations

import pytest

from tests.e2e.crawl import DEFAULT_VIEWPORT, axe_violations
from tests.e2e.test_axe import describe
from tests.e2e.test_buddy_journey import sign_in

pytestmark = pytest.mark.browser

#: demo/directory.py: non-EU, moving to Åre with a partner and two children, Arabic.
NEWCOMER = "newcomer.are@example.org"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_newcomer_opens_the_welcome_pack_from_my_page_and_downloads_the_pdf(
    browser, portal, lang
):
    context = browser.new_context(viewport=DEFAULT_VIEWPORT, color_scheme="light")
    try:
        page = sign_in(context, portal, NEWCOMER, lang)
        page.goto(portal.url(f"/{lang}/"))
        # Home → Guides → "See your move plan" (My page) → the welcome pack.
        with page.expect_navigation():
            page.click(f".main-nav a[href='/{lang}/guides/']")
        with page.expect_navigation():
            page.click(f"main a[href='/{lang}/my/']")
        with page.expect_navigation():
            page.click(f"main a[href='/{lang}/my/welcome-pack/']")
        assert page.url == portal.url(f"/{lang}/my/welcome-pack/")
        assert page.get_attribute("html", "lang") == lang
        assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
        assert "Åre" in page.locator("main").inner_text()
        violations = axe_violations(page)
        assert not violations, f"axe on the welcome pack ({lang}):\n{describe(violations)}"

        href = page.get_attribute("main a[href$='welcome-pack.pdf']", "href")
        response = page.request.get(portal.url(href))
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF-")

        ics = page.request.get(portal.url(f"/{lang}/my/welcome-pack/first-week.ics"))
        assert ics.status == 200
        assert b"BEGIN:VEVENT" in ics.body()
    finally:
        context.close()
