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
    #: Signed in as one of ACCOUNTS ("" = anonymous).
    account: str = ""
    #: Expected HTTP status of the final response.
    status: int = 200
    #: Confirm the password first (allauth asks before security settings).
    reauthenticate: bool = False

    @property
    def signed_in(self) -> bool:
        return bool(self.account)

    def url_path(self, lang: str) -> str:
        return self.path.format(lang=lang)

    def with_values(self, values: dict[str, str]) -> PageSpec:
        """The spec with demo values ({match}, …) filled in; {lang} stays."""
        path = self.path
        for key, value in values.items():
            path = path.replace("{" + key + "}", value)
        return PageSpec(self.name, path, self.account, self.status, self.reauthenticate)


#: Demo accounts (demo/directory.py, demo/ambassadors.py) used for signed-in pages.
DEMO_PASSWORD = "demo-house-2026!"
#: A newcomer in Åre with a household, a move plan and enquiries (DEMO000025, …).
NEWCOMER_EMAIL = "newcomer.are@example.org"
NEWCOMER_PASSWORD = DEMO_PASSWORD
#: An approved ambassador in Östersund with a current buddy and history.
AMBASSADOR_EMAIL = "ambassador.ostersund@example.org"
#: The admin of the first demo employer (demo/employers.py DEMO_ADMIN), with job ads.
EMPLOYER_EMAIL = "employer.1@example.org"
ACCOUNTS = {
    "newcomer": NEWCOMER_EMAIL,
    "ambassador": AMBASSADOR_EMAIL,
    "employer": EMPLOYER_EMAIL,
}
NEWCOMER = "newcomer"
AMBASSADOR = "ambassador"
EMPLOYER = "employer"

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
    # Search results, no results, an empty query and junk (never an error page).
    PageSpec("search-results", "/{lang}/search/?q=personnummer"),
    PageSpec("search-bank", "/{lang}/search/?q=bank+account"),
    PageSpec("search-no-results", "/{lang}/search/?q=zzqxv"),
    PageSpec("search-empty", "/{lang}/search/"),
    PageSpec("guides-by-stage", "/{lang}/guides/?stage=first_weeks"),
    # The move plan a visitor can try before signing up.
    PageSpec("plan-preview", "/{lang}/my/plan/preview/"),
    PageSpec(
        "plan-preview-family",
        "/{lang}/my/plan/preview/?citizenship=non_eu&has_partner=on&children_count=2&municipality=are",
    ),
    PageSpec("account-deleted", "/{lang}/enquiries/account-deleted/"),
    # Signed in as the demo newcomer.
    PageSpec("my-page", "/{lang}/my/", account=NEWCOMER),
    PageSpec("my-situation", "/{lang}/my/situation/", account=NEWCOMER),
    PageSpec("my-enquiries", "/{lang}/enquiries/", account=NEWCOMER),
    PageSpec("enquiry-status", "/{lang}/enquiries/DEMO000025/", account=NEWCOMER),
    PageSpec("delete-account", "/{lang}/enquiries/delete-account/", account=NEWCOMER),
    PageSpec("buddy-request", "/{lang}/buddy/", account=NEWCOMER),
    PageSpec("account-email", "/{lang}/accounts/email/", account=NEWCOMER),
    PageSpec("password-change", "/{lang}/accounts/password/change/", account=NEWCOMER),
    PageSpec("two-factor", "/{lang}/accounts/2fa/", account=NEWCOMER),
    PageSpec("reauthenticate", "/{lang}/accounts/reauthenticate/", account=NEWCOMER),
    PageSpec(
        "totp-activate",
        "/{lang}/accounts/2fa/totp/activate/",
        account=NEWCOMER,
        reauthenticate=True,
    ),
    PageSpec("sign-out", "/{lang}/accounts/logout/", account=NEWCOMER),
    # Signed in as the demo ambassador.
    PageSpec("ambassador-dashboard", "/{lang}/ambassadors/dashboard/", account=AMBASSADOR),
    PageSpec("ambassador-profile", "/{lang}/ambassadors/profile/", account=AMBASSADOR),
    # {match} is the demo ambassador's current match (looked up in the portal's
    # database by crawl.demo_values): the buddy card with the newcomer's e-mail.
    PageSpec("match-page", "/{lang}/buddy/matches/{match}/", account=AMBASSADOR),
    # Signed in as the admin of a demo employer.
    PageSpec("employer-account", "/{lang}/employers/account/", account=EMPLOYER),
    PageSpec("employer-readiness", "/{lang}/employers/account/readiness/", account=EMPLOYER),
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
#: No page may be wider than this phone viewport (document scrollWidth), in any language.
PHONE_VIEWPORT = {"width": 390, "height": 844}
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
