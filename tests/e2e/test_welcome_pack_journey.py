"""A signed-in newcomer (the demo family moving to Åre) finds the welcome pack from
My page by clicking; the page is axe-clean, and the PDF and calendar download."""

from __future__ import annotations

import pytest

from tests.e2e.journeys import (
    assert_axe_clean,
    assert_fits,
    click_link,
    combinations,
    new_context,
    open_my_page,
    sign_in,
    start,
)

pytestmark = pytest.mark.browser

#: demo/directory.py: non-EU, moving to Åre with a partner and two children, Arabic.
NEWCOMER = "newcomer.are@example.org"


@pytest.mark.parametrize(("lang", "width"), combinations())
def test_a_newcomer_opens_the_welcome_pack_from_my_page_and_downloads_the_pdf(
    browser, portal, lang, width
):
    context = new_context(browser, width)
    try:
        page = start(context, portal, lang)
        sign_in(page, lang, NEWCOMER)
        open_my_page(page, lang)
        click_link(page, lang, "Open my welcome pack", "main")
        assert page.url == portal.url(f"/{lang}/my/welcome-pack/")
        assert page.get_attribute("html", "lang") == lang
        assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
        assert "Åre" in page.locator("main").inner_text()
        assert_fits(page, "welcome pack")
        assert_axe_clean(page, f"welcome pack ({lang}, {width} px)")

        href = page.locator("main a[href$='welcome-pack.pdf']").first.get_attribute("href")
        response = page.request.get(portal.url(href))
        assert response.status == 200
        assert response.headers["content-type"] == "application/pdf"
        assert response.body().startswith(b"%PDF-")

        href = page.locator("main a[href$='first-week.ics']").first.get_attribute("href")
        ics = page.request.get(portal.url(href))
        assert ics.status == 200
        assert b"BEGIN:VEVENT" in ics.body()
    finally:
        context.close()
