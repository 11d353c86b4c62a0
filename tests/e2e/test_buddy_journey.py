"""A newcomer asks for a buddy, the ambassador accepts on the dashboard, they exchange
a message and the newcomer ends the match — by clicking from the home page, in sv,
en and ar at 390 and 1280 px; axe-clean on every page in one combination."""

from __future__ import annotations

import pytest

from tests.e2e.journeys import (
    button,
    checker,
    click,
    click_link,
    combinations,
    new_context,
    sign_in,
    start,
)

pytestmark = pytest.mark.browser

#: A demo newcomer with no buddy request, and the demo ambassador whose interests
#: overlap most with the request below (demo/ambassadors.py). The newcomer ends the
#: match at the end, so the next combination can ask again.
NEWCOMER = "newcomer.undecided@example.org"
AMBASSADOR = "ambassador.are@example.org"


@pytest.mark.parametrize(("lang", "width"), combinations())
def test_a_newcomer_asks_for_a_buddy_the_ambassador_accepts_and_they_exchange_messages(
    browser, portal, lang, width
):
    check = checker(lang, width)
    name = f"Noor {lang}{width}"
    hello = f"Hello {name}! Welcome to Åre."
    newcomer_context = new_context(browser, width)
    ambassador_context = new_context(browser, width)
    try:
        newcomer = start(newcomer_context, portal, lang)
        sign_in(newcomer, lang, NEWCOMER)
        click_link(newcomer, lang, "Ambassadors", "header")
        click_link(newcomer, lang, "Ask for a buddy", "main")
        assert newcomer.url.endswith(f"/{lang}/buddy/")
        assert newcomer.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
        check(newcomer, "buddy request form")

        # Submitting without consent keeps the answers and explains why.
        newcomer.fill("#id_first_name", name)
        newcomer.check("input[name=languages][value=en]")
        for interest in ("skiing", "family", "food"):
            newcomer.check(f"input[name=interests][value={interest}]")
        newcomer.select_option("#id_household", "partner")
        newcomer.fill("#id_help_with", "Finding a ski club for the children.")
        click(newcomer, button(newcomer, lang, "Ask for a buddy"))
        assert newcomer.locator("#error-summary").count() == 1
        assert newcomer.input_value("#id_help_with") == "Finding a ski club for the children."
        check(newcomer, "buddy request form with an error")

        newcomer.check("#id_consent")
        click(newcomer, button(newcomer, lang, "Ask for a buddy"))
        assert newcomer.locator("form[action$='/buddy/withdraw/']").count() == 1
        check(newcomer, "buddy request sent")

        ambassador = start(ambassador_context, portal, lang)
        sign_in(ambassador, lang, AMBASSADOR)
        click_link(ambassador, lang, "Ambassadors", "header")
        click_link(ambassador, lang, "Go to your dashboard", "main")
        assert name not in ambassador.content(), "the newcomer's name shows before accepting"
        check(ambassador, "ambassador dashboard with an offer")
        click(ambassador, button(ambassador, lang, "Accept"))
        assert "/buddy/matches/" in ambassador.url
        assert name in ambassador.locator("main").inner_text()
        check(ambassador, "match page (ambassador)")
        ambassador.fill("#id_body", hello)
        click(ambassador, ambassador.locator("main form button[type=submit]").first)
        assert hello in ambassador.locator(".chat").inner_text()

        newcomer.reload()
        click_link(newcomer, lang, "Go to your match page", "main")
        assert hello in newcomer.locator(".chat").inner_text()
        assert "Ambassador in Åre" in newcomer.locator("main").inner_text()
        newcomer.fill("#id_body", "شكراً! Thank you, see you soon.")
        click(newcomer, newcomer.locator("main form button[type=submit]").first)
        assert "see you soon" in newcomer.locator(".chat").inner_text()
        check(newcomer, "match page (newcomer)")

        ambassador.reload()
        assert "see you soon" in ambassador.locator(".chat").inner_text()

        # The newcomer ends the match: the ambassador's place is free again.
        click_link(newcomer, lang, "End the match and give feedback", "main")
        newcomer.locator("input[name=rating]").first.check()
        click(newcomer, button(newcomer, lang, "End the match"))
        assert newcomer.locator("#error-summary, main .errorlist").count() == 0, newcomer.url
    finally:
        newcomer_context.close()
        ambassador_context.close()
