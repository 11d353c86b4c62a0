"""What the quality gate crawls and the thresholds it holds pages to — all in one place.

The gate checks every ``<loc>`` of /sitemap.xml (public pages, already in every
language) plus the pages below, which the sitemap leaves out on purpose (forms,
signed-in pages, error pages). A new page joins the gate by adding one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ["sv", "en", "de", "es", "pl", "uk", "ar", "fa"]
RTL_LANGUAGES = {"ar", "fa"}
#: Languages whose pages must show no untranslated interface text: no English
#: source string (msgid) and, except on Swedish pages, no Swedish translation.
#: Swedish is the portal's main language, so it is held to the same rule.
TRANSLATED_LANGUAGES = ["sv", "de", "es", "pl", "uk", "ar", "fa"]


@dataclass(frozen=True)
class PageSpec:
    #: Short name used in test ids and failure messages.
    name: str
    #: Path with a ``{lang}`` placeholder. A path without one is fetched with
    #: ``Accept-Language: <lang>`` and must land on a page in that language.
    path: str
    #: Needs the demo newcomer signed in.
    signed_in: bool = False
    #: Expected HTTP status of the final response.
    status: int = 200
    #: Confirm the password first (allauth asks before security settings).
    reauthenticate: bool = False

    def url_path(self, lang: str) -> str:
        return self.path.format(lang=lang)


#: The demo newcomer (portal/demo.py) used for signed-in pages.
NEWCOMER_EMAIL = "newcomer.are@example.org"
NEWCOMER_PASSWORD = "demo-house-2026!"

#: Pages the sitemap does not list. Every one is checked in every language.
EXTRA_PAGES = [
    PageSpec("sign-in", "/{lang}/accounts/login/"),
    PageSpec("sign-up", "/{lang}/accounts/signup/"),
    PageSpec("password-reset", "/{lang}/accounts/password/reset/"),
    PageSpec("password-reset-done", "/{lang}/accounts/password/reset/done/"),
    PageSpec("verification-sent", "/{lang}/accounts/confirm-email/"),
    PageSpec("account-inactive", "/{lang}/accounts/inactive/"),
    PageSpec("not-found", "/{lang}/this-page-does-not-exist/", status=404),
    # /admin/login/ has no language prefix: it redirects to allauth's sign-in page.
    PageSpec("admin-login", "/admin/login/"),
    PageSpec("account-email", "/{lang}/accounts/email/", signed_in=True),
    PageSpec("password-change", "/{lang}/accounts/password/change/", signed_in=True),
    PageSpec("two-factor", "/{lang}/accounts/2fa/", signed_in=True),
    PageSpec("reauthenticate", "/{lang}/accounts/reauthenticate/", signed_in=True),
    PageSpec(
        "totp-activate", "/{lang}/accounts/2fa/totp/activate/", signed_in=True, reauthenticate=True
    ),
    PageSpec("sign-out", "/{lang}/accounts/logout/", signed_in=True),
]

#: Pages Lighthouse audits (slow: ~12 s each).
LIGHTHOUSE_PAGES = [
    "/sv/",
    "/sv/accessibility/",
    "/sv/accounts/signup/",
    "/sv/guides/",
    "/sv/guides/housing/finding-housing/",
    "/sv/enquiries/new/",
    "/ar/",  # right-to-left
]

# --- Thresholds (never lower one to make a page pass: fix the page) ------------------
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "EN-301-549"]
NARROW_VIEWPORT = {"width": 320, "height": 640}
DEFAULT_VIEWPORT = {"width": 1280, "height": 800}

KB = 1024
BUDGET_TOTAL_BYTES = 150 * KB  # everything one page load transfers, compressed
BUDGET_CSS_BYTES = 30 * KB
BUDGET_JS_BYTES = 30 * KB
BUDGET_FONT_BYTES = 100 * KB  # per web font file

LIGHTHOUSE_MIN_SCORES = {
    "accessibility": 95,
    "best-practices": 95,
    "seo": 95,
    "performance": 90,
}

#: Interface strings shorter than this are too ambiguous to flag as untranslated.
MIN_UNTRANSLATED_LENGTH = 12
#: Names that stay the same in every language.
PROPER_NOUNS = [
    "International House Jämtland Härjedalen",
    "Region Jämtland Härjedalen",
    "International House",
    "Jämtland Härjedalen",
]
