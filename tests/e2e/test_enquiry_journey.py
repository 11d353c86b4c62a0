"""A newcomer asks in Persian, staff of Östersunds kommun reply in the admin, and the
newcomer reads the reply on the status page and answers — public pages axe-clean."""

from __future__ import annotations

import sqlite3
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.e2e.crawl import DEFAULT_VIEWPORT, axe_violations
from tests.e2e.test_axe import describe

pytestmark = pytest.mark.browser

PASSWORD = "demo-house-2026!"  # demo/directory.py DEMO_PASSWORD
#: The demo handler of Östersunds kommun who answers in Persian (demo/directory.py).
HANDLER = "ostersund.handler.fa@example.org"
QUESTION = "دخترم در کدام مدرسه در اوسترسوند می‌تواند درس بخواند؟"
REPLY = "سلام! مدرسه محله شما را از طریق سایت کمون انتخاب کنید."
ANSWER = "متشکرم! برای پیش‌دبستانی هم همین‌طور است؟"


def assert_axe_clean(page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {where} ({page.url}):\n{describe(violations)}"


def demo_ids(portal) -> tuple[int, int]:
    """The school topic and Östersund, from the portal's own database."""
    with sqlite3.connect(portal.log_path.parent / "portal.sqlite3") as db:
        topic = db.execute("SELECT id FROM relocation_topic WHERE slug='family-school'").fetchone()
        place = db.execute("SELECT id FROM portal_municipality WHERE code='2380'").fetchone()
    return topic[0], place[0]


def staff_sign_in_with_totp(context, portal):
    """Production mode: staff set up TOTP before the admin opens."""
    page = context.new_page()
    page.goto(portal.url("/en/accounts/login/?next=/admin/"))
    page.fill("input[name=login]", HANDLER)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.goto(portal.url("/admin/"))
    if "/reauthenticate/" in page.url:
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
    if "/2fa/totp/activate/" in page.url:
        secret = page.input_value("#authenticator_secret")
        code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
        page.fill("input[name=code]", code)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        page.goto(portal.url("/admin/"))
    assert page.url.endswith("/admin/"), f"the admin did not open: {page.url}"
    return page


def test_a_persian_enquiry_is_answered_in_the_admin_and_the_newcomer_answers_back(browser, portal):
    topic_id, ostersund_id = demo_ids(portal)
    newcomer_context = browser.new_context(viewport=DEFAULT_VIEWPORT, color_scheme="light")
    staff_context = browser.new_context(viewport=DEFAULT_VIEWPORT, color_scheme="light")
    try:
        newcomer = newcomer_context.new_page()
        newcomer.goto(portal.url("/fa/enquiries/new/"))
        assert newcomer.get_attribute("html", "dir") == "rtl"
        assert_axe_clean(newcomer, "enquiry form (fa)")

        # Without consent: an error, and nothing typed is lost.
        newcomer.select_option("#id_topic", str(topic_id))
        newcomer.select_option("#id_municipality", str(ostersund_id))
        newcomer.select_option("#id_language", "fa")
        newcomer.fill("#id_message", QUESTION)
        newcomer.fill("#id_contact_email", "family.fa@example.org")
        with newcomer.expect_navigation():
            newcomer.click("main form button[type=submit] >> nth=0")
        assert newcomer.locator("#error-summary").count() == 1
        assert newcomer.input_value("#id_message") == QUESTION
        assert_axe_clean(newcomer, "enquiry form with an error (fa)")

        newcomer.check("#id_consent")
        with newcomer.expect_navigation():
            newcomer.click("main form button[type=submit] >> nth=0")
        assert "/fa/enquiries/sent/" in newcomer.url
        reference = newcomer.locator(".reference").inner_text().replace("-", "")
        assert_axe_clean(newcomer, "enquiry sent (fa)")
        link = newcomer.locator("main a.button").get_attribute("href")
        assert f"/fa/enquiries/{reference}/?t=" in link
        with newcomer.expect_navigation():
            newcomer.click("main a.button")
        # The token is exchanged for a session: the address bar no longer shows it.
        status_url = newcomer.url
        assert status_url.endswith(f"/fa/enquiries/{reference}/")
        assert "Östersunds kommun" in newcomer.locator("main").inner_text()
        assert_axe_clean(newcomer, "status page (fa)")

        staff = staff_sign_in_with_totp(staff_context, portal)
        staff.goto(portal.url(f"/admin/enquiries/enquiry/?q={reference}"))
        with staff.expect_navigation():
            staff.click(f"#result_list a:text('{reference}')")
        assert QUESTION in staff.locator("#content").inner_text()
        staff.fill("#id_reply", REPLY)
        with staff.expect_navigation():
            staff.click("input[name=_save]")
        assert "/admin/enquiries/enquiry/" in staff.url
        assert staff.locator(".errornote").count() == 0

        newcomer.goto(status_url)
        assert REPLY in newcomer.locator("#conversation + ul").inner_text()
        assert_axe_clean(newcomer, "status page with a reply (fa)")
        newcomer.fill("#id_body", ANSWER)
        with newcomer.expect_navigation():
            newcomer.click("main form button[type=submit]")
        conversation = newcomer.locator("#conversation + ul").inner_text()
        assert ANSWER in conversation
        assert conversation.index(REPLY) < conversation.index(ANSWER)
        assert_axe_clean(newcomer, "status page after answering (fa)")
    finally:
        newcomer_context.close()
        staff_context.close()
