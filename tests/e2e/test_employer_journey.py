"""An employer registers, is approved by staff, invites a colleague, publishes a job
with a relocation offer (finding the occupation with the filter), registers two
people for training and asks for help; a newcomer finds the job in Arabic with "no
Swedish required" — every page axe-clean."""

from __future__ import annotations

import datetime
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from stdnum import luhn

from tests.e2e.crawl import DEFAULT_VIEWPORT, axe_violations
from tests.e2e.test_axe import describe

pytestmark = pytest.mark.browser

PASSWORD = "demo-house-2026!"  # demo/directory.py DEMO_PASSWORD
#: Demo accounts that belong to no employer yet (demo/employers.py).
OWNER = "employer.new@example.org"
COLLEAGUE = "employer.colleague@example.org"
#: Staff of the business organisation that vets the demo employers (demo/directory.py).
VETTER = "chamber.handler@example.org"
NAME = "Journey Fjällbageri AB"
TITLE = "Baker with a relocation offer"


def fictional_org_number() -> str:
    body = "559990777"
    return f"{body[:6]}-{body[6:]}{luhn.calc_check_digit(body)}"


def assert_axe_clean(page, where: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {where} ({page.url}):\n{describe(violations)}"


def sign_in(context, portal, email: str, lang: str = "en", next_path: str = ""):
    page = context.new_page()
    page.goto(portal.url(f"/{lang}/accounts/login/{next_path}"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert "/accounts/login/" not in page.url, f"signing in as {email} failed"
    return page


def staff_admin(context, portal):
    """Production mode: staff set up TOTP before the admin opens."""
    page = sign_in(context, portal, VETTER, next_path="?next=/admin/")
    page.goto(portal.url("/admin/"))
    if "/reauthenticate/" in page.url:
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
    if "/2fa/totp/activate/" in page.url:
        secret = page.input_value("#authenticator_secret")
        page.fill("input[name=code]", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
        with page.expect_navigation():
            page.click("main form button[type=submit]")
        page.goto(portal.url("/admin/"))
    assert page.url.endswith("/admin/"), f"the admin did not open: {page.url}"
    return page


def submit(page, form: str = "main form[novalidate]") -> None:
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]")


def test_an_employer_is_approved_publishes_a_job_and_a_newcomer_finds_it_in_arabic(browser, portal):
    contexts = [
        browser.new_context(viewport=DEFAULT_VIEWPORT, color_scheme="light") for _ in range(4)
    ]
    owner_context, colleague_context, staff_context, newcomer_context = contexts
    try:
        owner = sign_in(owner_context, portal, OWNER)
        owner.goto(portal.url("/en/employers/"))
        assert_axe_clean(owner, "for employers")
        with owner.expect_navigation():
            owner.click("main a[href$='/employers/register/']")
        assert_axe_clean(owner, "registration form")

        # A bad number: a translated error, and what was typed is kept.
        owner.fill("#id_name", NAME)
        owner.fill("#id_org_number", "556016-0681")
        owner.select_option("#id_municipality", label="Åre")
        owner.select_option("#id_sector", "hospitality")
        owner.select_option("#id_size", "1-9")
        owner.check("#id_is_network_member")
        owner.check("#id_listing_consent")
        submit(owner)
        assert owner.locator("#error-summary").count() == 1
        assert owner.input_value("#id_name") == NAME
        assert owner.input_value("#id_org_number") == "556016-0681"
        assert_axe_clean(owner, "registration form with an error")
        owner.fill("#id_org_number", fictional_org_number().replace("-", ""))
        submit(owner)
        assert owner.url.endswith("/en/employers/account/")
        assert "format checked" in owner.locator("main").inner_text()
        assert_axe_clean(owner, "employer page, waiting for vetting")

        owner.fill("#id_email", COLLEAGUE)
        submit(owner, "main form[action$='/invite/']")
        assert COLLEAGUE in owner.locator("main").inner_text()

        staff = staff_admin(staff_context, portal)
        staff.goto(portal.url("/admin/employers/employer/?q=Fj%C3%A4llbageri"))
        with staff.expect_navigation():
            staff.click(f"#result_list a:has-text('{NAME}')")
        staff.select_option("#id_decision", "approve")
        with staff.expect_navigation():
            staff.click("input[name=_save]")
        assert "/admin/employers/employer/" in staff.url

        colleague = sign_in(colleague_context, portal, COLLEAGUE)
        colleague.goto(portal.url("/en/employers/register/"))
        assert NAME in colleague.locator("main").inner_text()
        assert_axe_clean(colleague, "registration page with an invitation")
        submit(colleague, "main form[action*='/employers/invitations/']")
        assert colleague.url.endswith("/en/employers/account/")

        owner.goto(portal.url("/en/employers/account/jobs/new/"))
        assert_axe_clean(owner, "new job ad")
        owner.fill("#id_title_en", TITLE)
        owner.fill("#id_description_en", "Sourdough and cinnamon buns for the ski season.")
        # The occupation filter (JavaScript): typing part of a name narrows the list.
        everything = owner.locator("#id_occupation option").count()
        owner.fill("#id_occupation-filter", "sjuksk")
        nurses = owner.locator("#id_occupation option:not([value=''])")
        assert 0 < nurses.count() < everything - 1
        assert all("nurse" in text.lower() for text in nurses.all_inner_texts())
        assert "Occupations shown:" in owner.inner_text("#id_occupation-filter-status")
        owner.fill("#id_occupation-filter", "cook")
        owner.keyboard.press("Enter")  # to the list, without sending the form
        assert "/jobs/new/" in owner.url
        owner.select_option("#id_occupation", label="Cooks (5120)")
        assert_axe_clean(owner, "new job ad, occupations filtered")
        owner.select_option("#id_municipality", label="Åre")
        owner.fill("#id_street_address", "Stationsvägen 9")
        owner.fill("#id_postal_code", "837 52")
        owner.fill("#id_locality", "Åre")
        owner.select_option("#id_employment_type", "permanent")
        owner.select_option("#id_extent", "full_time")
        owner.fill("#id_pay_min", "29000")
        owner.fill("#id_pay_max", "33000")
        owner.select_option("#id_swedish_level", "none")
        owner.check("#id_offers_permit_sponsorship")
        owner.check("#id_offers_housing_help")
        owner.fill("#id_apply_email", "jobs@fjallbageri.example.org")
        deadline = datetime.datetime.now(datetime.UTC).date() + datetime.timedelta(days=30)
        owner.fill("#id_deadline", deadline.isoformat())
        owner.fill("#id_board_ad_id", "DEMO-31000001")
        submit(owner)
        assert "/publish/" in owner.url
        assert_axe_clean(owner, "ad quality checklist")
        submit(owner, "main form")
        assert owner.url.endswith("/en/employers/account/")

        training = owner.locator("main form[action*='/training/']").first
        for box in training.locator("input[type=checkbox]").all():
            box.check()
        with owner.expect_navigation():
            training.locator("button[type=submit]").click()
        assert "2 with a place" in owner.locator(".messages").inner_text()
        assert_axe_clean(owner, "employer page after registering for training")

        owner.goto(portal.url("/en/employers/"))
        with owner.expect_navigation():
            owner.click("main a:has-text('Ask for help')")
        assert "/en/employers/ask/" in owner.url
        assert owner.input_value("#id_contact_email") == OWNER  # filled in
        assert_axe_clean(owner, "employer enquiry form")
        owner.select_option("#id_topic", index=1)
        owner.fill("#id_message", "We want to recruit a baker from abroad. Where do we start?")
        owner.check("#id_consent")
        submit(owner)
        assert "/sent/" in owner.url
        owner.goto(portal.url("/en/employers/account/"))
        assert owner.locator("#enquiries-heading + p + table tbody tr").count() == 1

        owner.goto(portal.url("/en/employers/account/readiness/"))
        assert_axe_clean(owner, "readiness self-assessment")
        owner.check("#id_roles")
        submit(owner)
        assert owner.url.endswith("/en/employers/account/")

        newcomer = newcomer_context.new_page()
        newcomer.goto(portal.url("/ar/jobs/"))
        assert newcomer.get_attribute("html", "dir") == "rtl"
        newcomer.check("#id_no_swedish")
        with newcomer.expect_navigation():
            newcomer.click("main form.filters button[type=submit]")
        assert "no_swedish=on" in newcomer.url
        assert_axe_clean(newcomer, "jobs without Swedish (ar)")
        with newcomer.expect_navigation():
            newcomer.click(f"main a:has-text('{TITLE}')")
        assert_axe_clean(newcomer, "job page (ar)")
        assert "application/ld+json" in newcomer.content()
    finally:
        for context in contexts:
            context.close()
