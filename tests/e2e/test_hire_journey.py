"""An employer refers a hire in Ukrainian with a partner and a child; the hire opens the
invitation from the e-mail, creates an account (no second address check: the link
came to that address), accepts and sees the move plan filled in; the employer sees
"accepted" and the checklist, and nothing else of the hire — every page axe-clean.

The employer starts at /en/ and clicks; the hire starts where a hire starts: the
link in the invitation e-mail (the one typed address of that side), then clicks."""

from __future__ import annotations

import datetime
import email
import email.policy
import re
import time

import pytest

from tests.e2e.journeys import (
    assert_axe_clean,
    assert_fits,
    click,
    click_link,
    new_context,
    open_my_page,
    sign_in,
    start,
)

pytestmark = pytest.mark.browser

EMPLOYER = "employer.1@example.org"  # demo/employers.py: Fjällvårdens Hemtjänst AB, Åre
HIRE_PASSWORD = "snowy-mountain-road-2026"
INVITATION = re.compile(r"/uk/hires/invitation/\?t=([\w-]+)")


def console_emails(log: str) -> list[str]:
    """The bodies of the e-mails the console backend wrote to the portal's log (each
    followed by a line of 79 dashes; quoted-printable or base64 as Python encodes)."""
    bodies = []
    for chunk in log.split("-" * 79 + "\n"):
        start = chunk.find("Content-Type: ")
        if start < 0:
            continue
        message = email.message_from_string(chunk[start:], policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        if body is not None:
            bodies.append(body.get_content())
    return bodies


def invitation_links(portal) -> list[str]:
    """The invitation links in the portal's console mail, oldest first (the outbox
    keeps no token once the e-mail is sent)."""
    log = portal.log_path.read_text(encoding="utf-8", errors="replace")
    return [m for body in console_emails(log) for m in INVITATION.findall(body)]


def invitation_path(portal, *, seen: int, timeout: float = 20) -> str:
    """The link of the next invitation e-mail after the ``seen`` ones already sent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = invitation_links(portal)
        if len(found) > seen:
            return f"/uk/hires/invitation/?t={found[seen]}"
        time.sleep(0.25)
    raise AssertionError("no new invitation e-mail in the portal's log")


def submit(page) -> None:
    click(page, page.locator("main form[novalidate] button[type=submit]").first)


@pytest.mark.parametrize("width", ["1280", "390"])
def test_an_employer_refers_a_hire_who_accepts_and_gets_a_move_plan(browser, portal, width):
    hire_email = f"hire.journey.{width}@example.org"
    contexts = [new_context(browser, width) for _ in range(2)]
    employer_context, hire_context = contexts
    try:
        employer = start(employer_context, portal, "en")
        sign_in(employer, "en", EMPLOYER)
        click_link(employer, "en", "For employers", "header")
        click_link(employer, "en", "Your employer page", "main")
        click_link(employer, "en", "Refer a new hire", "main")
        assert employer.url.endswith("/en/employers/account/hires/new/")
        assert_fits(employer, "referral form")
        assert_axe_clean(employer, "referral form")
        start_date = datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=60)
        seen = len(invitation_links(portal))
        employer.fill("#id_email", hire_email)
        employer.select_option("#id_language", "uk")
        employer.select_option("#id_occupation", label="Cooks (5120)")
        employer.fill("#id_start_date", start_date.isoformat())
        employer.select_option("#id_municipality", label="Åre")
        employer.check("#id_is_eu_citizen_1")  # "No": the permit checklist
        employer.check("#id_partner_comes")
        employer.fill("#id_children_count", "1")
        submit(employer)
        assert "/en/employers/account/hires/" in employer.url
        assert "Invitation sent" in employer.inner_text("#invitation-state")
        assert_axe_clean(employer, "a hire's page, invitation sent")

        hire = hire_context.new_page()
        hire.goto(portal.url(invitation_path(portal, seen=seen)))  # the link in the e-mail
        assert hire.get_attribute("html", "lang") == "uk"
        assert_axe_clean(hire, "invitation (uk), signed out")
        click(hire, hire.locator("main a[href*='/accounts/signup/']").first)
        assert hire.input_value("#id_email") == hire_email  # from the invitation
        hire.fill("#id_password1", HIRE_PASSWORD)
        hire.fill("#id_password2", HIRE_PASSWORD)
        click(hire, hire.locator("main form button[type=submit]").first)
        assert "/uk/hires/invitation/" in hire.url, hire.url  # signed in, back at the invitation
        assert_axe_clean(hire, "invitation (uk), signed in")
        hire.check("#id_followup_consent")
        click(hire, hire.locator("main button[value=accept]"))
        assert hire.url.endswith("/uk/hires/welcome/")
        assert hire.locator("#partner-heading").count() == 1
        assert hire.locator("main a[href='/uk/buddy/']").count() == 1
        assert_fits(hire, "welcome page (uk)")
        assert_axe_clean(hire, "welcome page (uk)")

        # The welcome pack, in Ukrainian, from the welcome page.
        click_link(hire, "uk", "Your welcome pack", "main")
        assert hire.url.endswith("/uk/my/welcome-pack/")
        assert "Åre" in hire.locator("main").inner_text()
        assert_axe_clean(hire, "welcome pack (uk)")
        href = hire.locator("main a[href$='welcome-pack.pdf']").first.get_attribute("href")
        pdf = hire.request.get(portal.url(href))
        assert pdf.status == 200
        assert pdf.body().startswith(b"%PDF-")
        hire.go_back()

        click(hire, hire.locator("main a[href='/uk/my/situation/']").first)
        assert hire.input_value("#id_children_count") == "1"
        assert hire.is_checked("#id_has_partner")
        assert hire.input_value("#id_planned_arrival") == start_date.isoformat()
        assert_axe_clean(hire, "the move plan's situation, filled in (uk)")
        open_my_page(hire, "uk")
        assert_axe_clean(hire, "move plan (uk)")

        employer.reload()
        assert "Accepted" in employer.inner_text("#invitation-state")
        assert employer.locator("#checklist-heading").count() == 1
        assert employer.locator("li#step-tax_form").count() == 1
        assert hire_email not in employer.content()
        assert_fits(employer, "a hire's page with the checklist")
        assert_axe_clean(employer, "a hire's page, accepted, with the checklist")
        click_link(employer, "en", "All your hires", "main")
        assert hire_email not in employer.content()
        assert_axe_clean(employer, "the employer's hires")
    finally:
        for context in contexts:
            context.close()
