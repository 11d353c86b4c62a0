"""A newcomer asks in Polish about preschool in Duved: "Show matching guides first"
suggests Åre (from the place name) and the family and school topic (the topic
classifier seed_demo trains), lists the preschool guide, and the newcomer sends the
question anyway — by clicking from /pl/, at 390 and 1280 px; axe-clean at 1280.
At 1280 px the Åre handler then finds it in the admin, sees "Written in Polish
(detected)" and inserts the reply template, which comes in Polish."""

from __future__ import annotations

import sqlite3

import pytest
from playwright.sync_api import expect

from demo.enquiries import REPLY_TEMPLATE
from tests.e2e.journeys import (
    assert_axe_clean,
    assert_fits,
    button,
    click,
    new_context,
    open_staff_admin,
    open_the_enquiry_form,
    sign_in,
    start,
    tr,
)

pytestmark = pytest.mark.browser

LANG = "pl"
QUESTION = "Czy w Duved jest przedszkole dla mojego syna? Przeprowadzamy się tam w marcu."


def demo_rows(portal) -> dict:
    with sqlite3.connect(portal.log_path.parent / "portal.sqlite3") as db:
        topic_id, topic_name = db.execute(
            "SELECT id, COALESCE(NULLIF(name_pl, ''), name_en) FROM relocation_topic "
            "WHERE slug='family-school'"
        ).fetchone()
        are_id = db.execute("SELECT id FROM portal_municipality WHERE code='2321'").fetchone()[0]
    return {"topic": topic_id, "topic_name": topic_name, "are": are_id}


@pytest.mark.parametrize("width", ["390", "1280"])
def test_a_polish_question_about_preschool_in_duved_gets_suggestions_and_is_sent(
    browser, portal, width
):
    rows = demo_rows(portal)
    context = new_context(browser, width)
    try:
        page = start(context, portal, LANG)
        open_the_enquiry_form(page, LANG)
        page.select_option("#id_topic", str(rows["topic"]))
        page.select_option("#id_language", LANG)
        page.fill("#id_message", QUESTION)
        the_live_suggestion_offers_are_and_use_selects_it(page, rows, width)
        click(page, button(page, LANG, "Show matching guides first"))

        suggestions = page.locator(".suggestions").inner_text()
        assert "Åre" in suggestions  # the place named in the text
        assert page.input_value("#id_municipality") == str(rows["are"])
        assert rows["topic_name"] in page.locator(".suggested-topics").inner_text()
        guides = page.locator(".suggestions ul.guide-answers a")
        assert any(
            "/preschool-and-school/" in (a.get_attribute("href") or "") for a in guides.all()
        )
        assert page.input_value("#id_message") == QUESTION
        assert_fits(page, "guides step")
        if width == "1280":
            assert_axe_clean(page, "the guides step with suggestions")

        page.fill("#id_contact_email", f"family.duved.{width}@example.org")
        page.check("#id_consent")
        click(page, button(page, LANG, "Send question"))
        assert f"/{LANG}/enquiries/sent/" in page.url
        assert_fits(page, "enquiry sent")
        reference = page.locator(".reference").inner_text().replace("-", "")
    finally:
        context.close()
    if width == "1280":
        the_are_handler_sees_the_polish_text_and_inserts_the_polish_template(
            browser, portal, reference
        )


def the_live_suggestion_offers_are_and_use_selects_it(page, rows: dict, width: str) -> None:
    """While writing, before any submit: the polite live region under the message
    names Åre; nothing is selected until the newcomer clicks "Use"."""
    region = page.locator("#id_message-suggestions[role=status]")
    expect(region).to_contain_text("Åre", timeout=10_000)
    assert page.input_value("#id_municipality") != str(rows["are"])
    if width == "1280":
        assert_axe_clean(page, "the enquiry form with live suggestions")
    use = region.get_by_role(
        "button", name=tr(LANG, "Use the suggestion: %(name)s") % {"name": "Åre"}, exact=True
    )
    use.click()
    assert page.input_value("#id_municipality") == str(rows["are"])
    assert "/enquiries/new/" in page.url  # no submit, no new page
    assert_fits(page, "live suggestions")


#: A demo handler of Åre kommun (demo/directory.py) no other journey signs in as.
HANDLER = "are.handler@example.org"


def the_are_handler_sees_the_polish_text_and_inserts_the_polish_template(
    browser, portal, reference: str
) -> None:
    context = new_context(browser, "1280")
    try:
        staff = start(context, portal, "en")
        sign_in(staff, "en", HANDLER)
        open_staff_admin(staff, "en")
        click(staff, staff.locator("#content a[href$='/admin/enquiries/enquiry/']").first)
        staff.fill("#searchbar", reference)
        click(staff, staff.locator("#changelist-search [type=submit]"))
        rows = staff.locator("#result_list tbody tr th a")
        assert rows.count() == 1, staff.locator("#content").inner_text()[:2000]
        click(staff, rows.first)
        content = staff.locator("#content").inner_text()
        assert QUESTION in content
        written = tr("en", "Written in %(language)s (detected)") % {"language": "Polish"}
        assert written in content
        click(staff, staff.locator(".enq-templates a").first)
        assert staff.input_value("textarea#id_reply").strip() == REPLY_TEMPLATE["pl"][1]
    finally:
        context.close()
