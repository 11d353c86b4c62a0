"""A newcomer asks a question in Persian, staff of Östersunds kommun reply in the
admin, and the newcomer reads the reply on the status page and answers — by clicking
from the home page, in sv, en and ar at 390 and 1280 px; public pages axe-clean in
one combination."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from tests.e2e.journeys import (
    button,
    checker,
    click,
    click_link,
    combinations,
    new_context,
    open_staff_admin,
    open_the_enquiry_form,
    sign_in,
    start,
)

pytestmark = pytest.mark.browser

#: The demo handler of Östersunds kommun who answers in Persian (demo/directory.py).
HANDLER = "ostersund.handler.fa@example.org"
QUESTION = "دخترم در کدام مدرسه در اوسترسوند می‌تواند درس بخواند؟"
REPLY = "سلام! مدرسه محله شما را از طریق سایت کمون انتخاب کنید."
ANSWER = "متشکرم! برای پیش‌دبستانی هم همین‌طور است؟"


def demo_ids(portal) -> tuple[int, int]:
    """The school topic and Östersund, from the portal's own database."""
    with sqlite3.connect(portal.log_path.parent / "portal.sqlite3") as db:
        topic = db.execute("SELECT id FROM relocation_topic WHERE slug='family-school'").fetchone()
        place = db.execute("SELECT id FROM portal_municipality WHERE code='2380'").fetchone()
    return topic[0], place[0]


@pytest.fixture(scope="module")
def staff(browser, portal) -> Iterator:
    """The handler's admin, signed in once for every combination (production asks
    staff to set up TOTP, and a second sign-in would need a fresh code)."""
    context = new_context(browser, "1280")
    page = start(context, portal, "en")
    sign_in(page, "en", HANDLER)
    open_staff_admin(page, "en")
    yield page
    context.close()


@pytest.mark.parametrize(("lang", "width"), combinations())
def test_a_persian_enquiry_is_answered_in_the_admin_and_the_newcomer_answers_back(
    browser, portal, staff, lang, width
):
    check = checker(lang, width)
    topic_id, ostersund_id = demo_ids(portal)
    newcomer_context = new_context(browser, width)
    try:
        newcomer = start(newcomer_context, portal, lang)
        open_the_enquiry_form(newcomer, lang)
        assert newcomer.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
        check(newcomer, "enquiry form")

        # Without consent: an error, and nothing typed is lost.
        newcomer.select_option("#id_topic", str(topic_id))
        newcomer.select_option("#id_municipality", str(ostersund_id))
        newcomer.select_option("#id_language", "fa")
        newcomer.fill("#id_message", QUESTION)
        newcomer.fill("#id_contact_email", f"family.{lang}{width}@example.org")
        click(newcomer, button(newcomer, lang, "Send question"))
        assert newcomer.locator("#error-summary").count() == 1
        assert newcomer.input_value("#id_message") == QUESTION
        check(newcomer, "enquiry form with an error")

        newcomer.check("#id_consent")
        click(newcomer, button(newcomer, lang, "Send question"))
        assert f"/{lang}/enquiries/sent/" in newcomer.url
        shown = newcomer.locator(".reference").inner_text()  # as people read it: XXXXX-XXXXX
        reference = shown.replace("-", "")
        check(newcomer, "enquiry sent")
        click_link(newcomer, lang, "Follow your question", "main")
        # The token is exchanged for a session: the address bar no longer shows it.
        assert newcomer.url.endswith(f"/{lang}/enquiries/{reference}/")
        assert "Östersunds kommun" in newcomer.locator("main").inner_text()
        check(newcomer, "status page")

        staff.set_viewport_size(newcomer.viewport_size)
        click(staff, staff.locator("#site-name a"))
        click(staff, staff.locator("#content a[href$='/admin/enquiries/enquiry/']").first)
        staff.fill("#searchbar", shown)  # pasted as the newcomer quoted it, with its dash
        click(staff, staff.locator("#changelist-search [type=submit]"))
        click(staff, staff.locator(f"#result_list a:text('{shown}')"))
        assert QUESTION in staff.locator("#content").inner_text()
        staff.fill("#id_reply", REPLY)
        click(staff, staff.locator("input[name=_save]"))
        assert "/admin/enquiries/enquiry/" in staff.url
        assert staff.locator(".errornote").count() == 0

        newcomer.reload()
        assert REPLY in newcomer.locator("#conversation + ul").inner_text()
        check(newcomer, "status page with a reply")
        newcomer.fill("#id_body", ANSWER)
        click(newcomer, button(newcomer, lang, "Send answer"))
        conversation = newcomer.locator("#conversation + ul").inner_text()
        assert ANSWER in conversation
        assert conversation.index(REPLY) < conversation.index(ANSWER)
        check(newcomer, "status page after answering")
    finally:
        newcomer_context.close()
