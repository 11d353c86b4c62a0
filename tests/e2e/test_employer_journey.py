"""Employers by clicking from the home page.

An employer registers, is approved by staff, invites a colleague, registers two
people for training and asks for help (once: the demo has one pair of accounts
without an employer); an approved employer publishes a job with a relocation offer
(finding the occupation with the filter) and a newcomer finds it
with "no Swedish required" — in sv, en and ar at 390 and 1280 px. Axe-clean on every
page in one combination.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from stdnum import luhn

from tests.e2e.journeys import (
    assert_axe_clean,
    assert_fits,
    button,
    checker,
    click,
    click_link,
    combinations,
    link,
    new_context,
    open_staff_admin,
    sign_in,
    start,
)

pytestmark = pytest.mark.browser

#: Demo accounts that belong to no employer yet (demo/employers.py).
OWNER = "employer.new@example.org"
COLLEAGUE = "employer.colleague@example.org"
#: The admin of an approved demo employer (demo/employers.py DEMO_ADMIN).
EMPLOYER_ADMIN = "employer.1@example.org"
#: Staff of the business organisation that vets the demo employers (demo/directory.py).
VETTER = "chamber.handler@example.org"
NAME = "Journey Fjällbageri AB"
LANGUAGE_NUMBERS = {"sv": "1", "en": "2", "ar": "3"}


def fictional_org_number() -> str:
    body = "559990777"
    return f"{body[:6]}-{body[6:]}{luhn.calc_check_digit(body)}"


def submit(page, form: str = "main form[novalidate]") -> None:
    click(page, page.locator(f"{form} button[type=submit]").first)


@pytest.fixture(scope="module")
def vetter(browser, portal) -> Iterator:
    """The vetting staff's admin, signed in once (production asks for TOTP)."""
    context = new_context(browser, "1280")
    page = start(context, portal, "en")
    sign_in(page, "en", VETTER)
    open_staff_admin(page, "en")
    yield page
    context.close()


def open_employer_page(page, lang: str) -> None:
    """From any page: For employers in the header → your employer page (or registration)."""
    click_link(page, lang, "For employers", "header")
    mine = link(page, lang, "Your employer page", "main")
    click(page, mine if mine.count() else link(page, lang, "Register your organisation", "main"))


@pytest.mark.parametrize(("lang", "width"), [pytest.param("en", "390", id="en-390")])
def test_an_employer_registers_is_approved_invites_a_colleague_and_books_training(
    browser, portal, vetter, lang, width
):
    contexts = [new_context(browser, width) for _ in range(2)]
    owner_context, colleague_context = contexts
    try:
        owner = start(owner_context, portal, lang)
        sign_in(owner, lang, OWNER)
        click_link(owner, lang, "For employers", "header")
        assert_axe_clean(owner, "for employers")
        click_link(owner, lang, "Register your organisation", "main")
        assert owner.url.endswith(f"/{lang}/employers/register/")
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
        assert owner.url.endswith(f"/{lang}/employers/account/")
        assert "format checked" in owner.locator("main").inner_text()
        assert_fits(owner, "employer page, waiting for vetting")
        assert_axe_clean(owner, "employer page, waiting for vetting")

        owner.fill("#id_email", COLLEAGUE)
        submit(owner, "main form[action$='/invite/']")
        assert COLLEAGUE in owner.locator("main").inner_text()

        click(vetter, vetter.locator("#site-name a"))
        click(vetter, vetter.locator("#content a[href$='/admin/employers/employer/']").first)
        vetter.fill("#searchbar", "Fjällbageri")
        click(vetter, vetter.locator("#changelist-search [type=submit]"))
        click(vetter, vetter.locator(f"#result_list a:has-text('{NAME}')"))
        vetter.select_option("#id_decision", "approve")
        click(vetter, vetter.locator("input[name=_save]"))
        assert "/admin/employers/employer/" in vetter.url

        colleague = start(colleague_context, portal, lang)
        sign_in(colleague, lang, COLLEAGUE)
        open_employer_page(colleague, lang)
        assert NAME in colleague.locator("main").inner_text()
        assert_axe_clean(colleague, "registration page with an invitation")
        submit(colleague, "main form[action*='/employers/invitations/']")
        assert colleague.url.endswith(f"/{lang}/employers/account/")

        owner.reload()
        training = owner.locator("main form[action*='/training/']").first
        for box in training.locator("input[type=checkbox]").all():
            box.check()
        click(owner, training.locator("button[type=submit]"))
        assert "2 with a place" in owner.locator(".messages").inner_text()
        assert_axe_clean(owner, "employer page after registering for training")

        # Employer enquiries: "Ask for help" on the employer page, contact filled in.
        click_link(owner, lang, "Ask for help", "main")
        assert f"/{lang}/employers/ask/" in owner.url
        assert owner.input_value("#id_contact_email") == OWNER
        assert_axe_clean(owner, "employer enquiry form")
        owner.select_option("#id_topic", index=1)
        owner.fill("#id_message", "We want to recruit a baker from abroad. Where do we start?")
        owner.check("#id_consent")
        submit(owner)
        assert "/sent/" in owner.url
        click_link(owner, lang, "For employers", "header")
        click_link(owner, lang, "Your employer page", "main")
        assert owner.locator("#enquiries-heading + p + table tbody tr").count() == 1

        click_link(owner, lang, "Readiness self-assessment", "main")
        assert_fits(owner, "readiness self-assessment")
        assert_axe_clean(owner, "readiness self-assessment")
        owner.check("#id_roles")
        submit(owner)
        assert owner.url.endswith(f"/{lang}/employers/account/")
    finally:
        for context in contexts:
            context.close()


@pytest.mark.parametrize(("lang", "width"), combinations())
def test_an_employer_publishes_a_job_and_a_newcomer_finds_it_without_swedish(
    browser, portal, lang, width
):
    check = checker(lang, width)
    title = f"Baker with a relocation offer ({lang}, {width} px)"
    board_ad_id = f"DEMO-31{LANGUAGE_NUMBERS[lang]}{int(width):05d}"  # one per combination
    contexts = [new_context(browser, width) for _ in range(2)]
    employer_context, newcomer_context = contexts
    try:
        owner = start(employer_context, portal, lang)
        sign_in(owner, lang, EMPLOYER_ADMIN)
        open_employer_page(owner, lang)
        assert owner.url.endswith(f"/{lang}/employers/account/")
        check(owner, "employer page")
        click_link(owner, lang, "New job ad", "main")
        check(owner, "new job ad")
        owner.fill("#id_title_en", title)
        owner.fill("#id_description_en", "Sourdough and cinnamon buns for the ski season.")
        # The occupation filter (JavaScript): typing part of a name narrows the list.
        everything = owner.locator("#id_occupation option").count()
        owner.fill("#id_occupation-filter", "sjuksk")
        nurses = owner.locator("#id_occupation option:not([value=''])")
        assert 0 < nurses.count() < everything - 1
        owner.fill("#id_occupation-filter", "5120")
        owner.keyboard.press("Enter")  # to the list, without sending the form
        assert "/jobs/new/" in owner.url
        owner.select_option("#id_occupation", index=1)
        assert "5120" in owner.locator("#id_occupation option:checked").inner_text()
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
        owner.fill("#id_board_ad_id", board_ad_id)
        submit(owner)
        assert "/publish/" in owner.url, owner.url
        check(owner, "ad quality checklist")
        submit(owner, "main form")
        assert owner.url.endswith(f"/{lang}/employers/account/")

        newcomer = start(newcomer_context, portal, lang)
        click_link(newcomer, lang, "Jobs", "main")
        newcomer.check("#id_no_swedish")
        click(newcomer, button(newcomer, lang, "Filter"))
        assert "no_swedish=on" in newcomer.url
        check(newcomer, "jobs without Swedish")
        click(newcomer, newcomer.locator(f"main a:has-text('{title}')"))
        check(newcomer, "job page")
        assert "application/ld+json" in newcomer.content()
    finally:
        for context in contexts:
            context.close()
