"""Full-page screenshots of the pages people live in, for a human to look at.

Written to test-results/screenshots/<name>-<lang>-<width>.png (CI keeps test-results/):
the home page, a guide, the enquiry form, My page, the staff queue and an enquiry in
the admin, at 390 px and 1280 px, in Swedish and Arabic. Each page must also fit its
viewport. Reached by clicking, like the journeys.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.journeys import (
    VIEWPORTS,
    assert_fits,
    click,
    click_link,
    open_a_guide,
    open_my_page,
    open_staff_admin,
    open_the_enquiry_form,
    sign_in,
    start,
)
from tests.e2e.pages import NEWCOMER_EMAIL
from tests.e2e.server import ROOT

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "test-results" / "screenshots"
LANGUAGES = ["sv", "ar"]
#: Demo staff of Östersunds kommun (demo/directory.py) who see the county's queue.
STAFF = "ostersund.handler@example.org"


def shoot(page, name: str, lang: str) -> None:
    """Both widths, full page; the page must fit each."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        page.evaluate("window.scrollTo(0, 0)")
        assert_fits(page, f"{name} ({lang}, {width} px)")
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{lang}-{width}.png"), full_page=True)


@pytest.fixture(scope="module")
def staff_page(browser, portal) -> Iterator:
    """One staff session for the module (TOTP is set up once)."""
    context = browser.new_context(viewport=VIEWPORTS["1280"], color_scheme="light")
    page = start(context, portal, "en")
    sign_in(page, "en", STAFF)
    open_staff_admin(page, "en")
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages(browser, portal, lang):
    context = browser.new_context(viewport=VIEWPORTS["1280"], color_scheme="light")
    try:
        page = start(context, portal, lang)
        shoot(page, "home", lang)
        open_a_guide(page, lang)
        shoot(page, "guide", lang)
        click_link(page, lang, "Home", "header")
        open_the_enquiry_form(page, lang)
        shoot(page, "enquiry-form", lang)
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_my_page(browser, portal, lang):
    context = browser.new_context(viewport=VIEWPORTS["1280"], color_scheme="light")
    try:
        page = start(context, portal, lang)
        sign_in(page, lang, NEWCOMER_EMAIL)
        if not page.url.endswith(f"/{lang}/my/"):
            open_my_page(page, lang)
        shoot(page, "my-page", lang)
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_staff_queue_and_an_enquiry(staff_page, lang):
    page = staff_page
    # The admin has no language prefix: it follows the browser's language.
    page.context.set_extra_http_headers({"Accept-Language": lang})
    page.set_viewport_size(VIEWPORTS["1280"])
    click(page, page.locator("#site-name a"))
    click(page, page.locator("#content a[href$='/admin/enquiries/enquiry/']").first)
    assert page.get_attribute("html", "lang") == lang
    shoot(page, "staff-queue", lang)
    page.set_viewport_size(VIEWPORTS["1280"])
    click(page, page.locator("#result_list tbody a").first)
    assert page.locator("#id_reply").count() == 1, "no reply box on the enquiry page"
    shoot(page, "staff-enquiry", lang)
