"""An employer refers a hire in Ukrainian with a partner and a child; the hire opens the
invitation from the e-mail, creates an account (no second address check: the link
came to that address), accepts and sees the move plan filled in; the employer sees
"accepted" and the checklist, and nothing else of the hire — every page axe-clean."""

from __future__ import annotations

import datetime
import email
import email.policy
import re
import time

import pytest

from tests.e2e.crawl import DEFAULT_VIEWPORT
from tests.e2e.test_employer_journey import assert_axe_clean, sign_in, submit

pytestmark = pytest.mark.browser

EMPLOYER = "employer.1@example.org"  # demo/employers.py: Fjällvårdens Hemtjänst AB, Åre
HIRE = "hire.journey@example.org"
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


def invitation_path(portal, timeout: float = 20) -> str:
    """The link of the invitation e-mail, from the portal's console mail (the outbox
    keeps no token once the e-mail is sent)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = portal.log_path.read_text(encoding="utf-8", errors="replace")
        found = [m for body in console_emails(log) for m in INVITATION.findall(body)]
        if found:
            return f"/uk/hires/invitation/?t={found[-1]}"
        time.sleep(0.25)
    raise AssertionError("no invitation e-mail in the portal's log")


def test_an_employer_refers_a_hire_who_accepts_and_gets_a_move_plan(browser, portal):
    contexts = [
        browser.new_context(viewport=DEFAULT_VIEWPORT, color_scheme="light") for _ in range(2)
    ]
    employer_context, hire_context = contexts
    try:
        employer = sign_in(employer_context, portal, EMPLOYER)
        employer.goto(portal.url("/en/employers/account/"))
        with employer.expect_navigation():
            employer.click("main a:has-text('Refer a new hire')")
        assert employer.url.endswith("/en/employers/account/hires/new/")
        assert_axe_clean(employer, "referral form")
        start = datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=60)
        employer.fill("#id_email", HIRE)
        employer.select_option("#id_language", "uk")
        employer.select_option("#id_occupation", label="Cooks (5120)")
        employer.fill("#id_start_date", start.isoformat())
        employer.select_option("#id_municipality", label="Åre")
        employer.check("#id_is_eu_citizen_1")  # "No": the permit checklist
        employer.check("#id_partner_comes")
        employer.fill("#id_children_count", "1")
        submit(employer)
        assert "/en/employers/account/hires/" in employer.url
        detail_url = employer.url
        assert "Invitation sent" in employer.inner_text("#invitation-state")
        assert_axe_clean(employer, "a hire's page, invitation sent")

        hire = hire_context.new_page()
        hire.goto(portal.url(invitation_path(portal)))
        assert hire.get_attribute("html", "lang") == "uk"
        assert_axe_clean(hire, "invitation (uk), signed out")
        with hire.expect_navigation():
            hire.click("main a[href*='/accounts/signup/']")
        assert hire.input_value("#id_email") == HIRE  # from the invitation
        hire.fill("#id_password1", HIRE_PASSWORD)
        hire.fill("#id_password2", HIRE_PASSWORD)
        with hire.expect_navigation():
            hire.click("main form button[type=submit]")
        assert "/uk/hires/invitation/" in hire.url, hire.url  # signed in, back at the invitation
        assert_axe_clean(hire, "invitation (uk), signed in")
        hire.check("#id_followup_consent")
        with hire.expect_navigation():
            hire.click("main button[value=accept]")
        assert hire.url.endswith("/uk/hires/welcome/")
        assert hire.locator("#partner-heading").count() == 1
        assert hire.locator("main a[href='/uk/buddy/']").count() == 1
        assert_axe_clean(hire, "welcome page (uk)")
        with hire.expect_navigation():
            hire.click("main a[href='/uk/my/situation/']")
        assert hire.input_value("#id_children_count") == "1"
        assert hire.is_checked("#id_has_partner")
        assert hire.input_value("#id_planned_arrival") == start.isoformat()
        assert_axe_clean(hire, "the move plan's situation, filled in (uk)")
        hire.goto(portal.url("/uk/my/"))
        assert_axe_clean(hire, "move plan (uk)")

        employer.goto(detail_url)
        assert "Accepted" in employer.inner_text("#invitation-state")
        assert employer.locator("#checklist-heading").count() == 1
        assert employer.locator("li#step-tax_form").count() == 1
        assert HIRE not in employer.content()
        assert_axe_clean(employer, "a hire's page, accepted, with the checklist")
        employer.goto(portal.url("/en/employers/account/hires/"))
        assert HIRE not in employer.content()
        assert_axe_clean(employer, "the employer's hires")
    finally:
        for context in contexts:
            context.close()
