"""The triage desk by clicking: a handler of Åre kommun starts at /sv/, signs in, and
sends a reply from a reply template in at most four clicks — in sv, en and ar at
1280 px and 390 px (signed in once; each run starts at /<lang>/ and clicks).

**The click count** starts once the handler is signed in and on the staff admin's
front page (signing in — the "Sign in" link, typing, submitting, the two-factor step
and the "Staff admin" link — is not counted) and ends when the reply is sent:
every ``click()`` of a link or button in between counts one. The path is: the
enquiry queue (1), the first enquiry of "My work" (2), "Insert: <template>" (3),
"Save" (4). At 1280 px the queue's table is no wider than its container (no
horizontal scroll); the queue and the enquiry page are axe-clean.
"""

from __future__ import annotations

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.e2e.crawl import axe_violations
from tests.e2e.journeys import VIEWPORTS, combinations, start
from tests.e2e.test_axe import describe

pytestmark = pytest.mark.browser

PASSWORD = "demo-house-2026!"  # demo/directory.py DEMO_PASSWORD
#: The demo handler of Åre kommun who answers in Arabic (demo/directory.py).
HANDLER = "are.handler.ar@example.org"
MAX_CLICKS = 4
#: The TOTP secret set up on the first sign-in, for the next one (same portal).
SECRETS: dict[str, str] = {}
#: The last TOTP time step used: a code is accepted once, so the next sign-in waits.
USED_STEPS: list[int] = []


def totp(secret: str) -> str:
    while USED_STEPS and int(time.time()) // 30 <= USED_STEPS[-1]:
        time.sleep(0.5)
    step = int(time.time()) // 30
    USED_STEPS.append(step)
    return format_hotp_value(hotp_value(secret, step))


def sign_in_from_the_home_page(page, portal, email: str = HANDLER) -> None:
    """/sv/ → "Logga in" → credentials → the header's staff admin link (not counted);
    the two-factor secret set up on a first sign-in is kept for the next one."""
    page.goto(portal.url("/sv/"))  # the one typed address
    with page.expect_navigation():
        page.click("header a[href*='/accounts/login/']")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if "/2fa/authenticate/" in page.url:
        page.fill("input[name=code]", totp(SECRETS[email]))
        with page.expect_navigation():
            page.click("main form button[type=submit]")
    with page.expect_navigation():
        page.click("header a[href='/admin/']")
    if "/reauthenticate/" in page.url:
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
    if "/2fa/totp/activate/" in page.url:
        SECRETS[email] = page.input_value("#authenticator_secret")
        page.fill("input[name=code]", totp(SECRETS[email]))
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        if not page.url.endswith("/admin/"):
            with page.expect_navigation():  # still part of signing in: not counted
                page.click("header a[href='/admin/']")
    assert page.url.endswith("/admin/"), f"the admin did not open: {page.url}"


def assert_axe_clean(page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {where} ({page.url}):\n{describe(violations)}"


@pytest.fixture(scope="module")
def handler_context(browser, portal):
    """The handler signs in once from /sv/ (production asks for two factors; a code is
    accepted once, so every language and width reuses this signed-in browser)."""
    context = browser.new_context(viewport=VIEWPORTS["1280"], color_scheme="light")
    page = context.new_page()
    sign_in_from_the_home_page(page, portal)
    page.close()
    yield context
    context.close()


@pytest.mark.parametrize(("lang", "width"), combinations())
def test_a_reply_from_a_template_is_sent_in_four_clicks(handler_context, portal, lang, width):
    page = start(handler_context, portal, lang)
    page.set_viewport_size(VIEWPORTS[width])
    clicks = 0

    def click(selector: str) -> None:
        nonlocal clicks
        clicks += 1
        with page.expect_navigation():
            page.locator(selector).first.click()

    try:
        # Signed in: the header's staff admin link (not counted), then the clicks.
        with page.expect_navigation():
            page.click("header a[href='/admin/']")
        if "/reauthenticate/" in page.url:
            page.fill("input[name=password]", PASSWORD)
            with page.expect_navigation():
                page.click("main form button[type=submit]")
        assert page.url.endswith("/admin/"), page.url

        click("a[href='/admin/enquiries/enquiry/']")  # 1: the queue ("My work")
        assert page.locator("#result_list tbody tr").count() > 0, "My work is empty"
        if width == "1280":
            fits = page.evaluate(
                """() => {
                    const table = document.querySelector('#result_list');
                    const box = table.closest('.results') || table.parentElement;
                    const widths = [...table.querySelectorAll('thead th')]
                        .map((th) => `${th.className}:${th.offsetWidth}`).join(' ');
                    return [table.scrollWidth, box.clientWidth, widths];
                }"""
            )
            assert fits[0] <= fits[1], f"the queue scrolls sideways at 1280 px: {fits}"
            assert fits[1] <= 1280
            for column in ("ref", "state", "promise", "topic_short", "municipality", "lang"):
                assert page.locator(f"#result_list th.column-{column}").is_visible()
            assert page.locator("#result_list th.column-assignee_short").is_visible()
            assert page.locator("#result_list th.column-received").is_visible()
        page.screenshot(path=f"test-results/triage-queue-{lang}-{width}.png", full_page=True)
        assert_axe_clean(page, "the queue")

        click("#result_list tbody tr th a")  # 2: the first enquiry of my work
        assert page.locator(".enq-thread .enq-body[dir=auto]").count() > 0
        assert page.locator("textarea#id_reply[dir=auto]").count() == 1
        assert_axe_clean(page, "the enquiry page")

        click(".enq-templates a")  # 3: insert the template
        inserted = page.input_value("textarea#id_reply")
        assert inserted.strip(), "the template was not inserted"

        click("input[name=_save]")  # 4: send
        assert page.locator(".messagelist .success").count() > 0, page.url
        assert clicks <= MAX_CLICKS, f"{clicks} clicks from signed in to reply sent"
        page.screenshot(path=f"test-results/triage-sent-{lang}-{width}.png", full_page=True)
    finally:
        page.close()
