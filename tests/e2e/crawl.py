"""Load every page of the gate once and collect what each check needs.

Each page is loaded once; two browsers share the list (anonymous pages first, then
then those of each signed-in account), each reusing one context with the HTTP cache disabled (so the
byte counts are those of a first visit). On that one load
the crawler records the served HTML, DOM facts, transferred bytes, the keyboard
walk, console errors and three axe-core runs (wide light, 320 px, dark). The
tests then only assert on the results, so a failure names the page and language.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
import urllib.request
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.pages import (
    ACCOUNTS,
    AXE_TAGS,
    DEFAULT_VIEWPORT,
    DEMO_PASSWORD,
    EXTRA_PAGES,
    LANGUAGES,
    NARROW_VIEWPORT,
    PHONE_VIEWPORT,
    PageSpec,
)
from tests.e2e.server import ROOT, Portal

AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

AXE_VARIANTS = ("wide", "narrow-320px", "dark")
#: Browsers crawling side by side (each with its own pages); 2 suits a 2-core machine.
CRAWL_WORKERS = max(1, int(os.environ.get("GATE_CRAWL_WORKERS", "2")))


@dataclass
class PageResult:
    spec: PageSpec
    lang: str
    path: str  # requested path
    url: str = ""  # final URL after redirects
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    html_file: Path | None = None
    dom: dict = field(default_factory=dict)
    resources: list[dict] = field(default_factory=list)
    axe: dict[str, list[dict]] = field(default_factory=dict)
    keyboard: dict = field(default_factory=dict)
    #: Width of the document at PHONE_VIEWPORT and what sticks out (gate.js overflow()).
    overflow: dict = field(default_factory=dict)
    console_errors: list[str] = field(default_factory=list)
    #: The session cookies of the signed-in account ("" when anonymous), so the link
    #: check can follow links that only a signed-in user may open.
    cookie_header: str = ""
    error: str | None = None
    seconds: float = 0.0

    @property
    def label(self) -> str:
        return f"{self.lang} {self.spec.name} {self.path}"


# --- Sitemap ---------------------------------------------------------------------


def _sitemap_locs(url: str) -> list[str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
        root = ET.fromstring(response.read())  # noqa: S314 - our own server's sitemap
    locs = [(loc.text or "").strip() for loc in root.iter(f"{SITEMAP_NS}loc")]
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        return [page for child in locs for page in _sitemap_locs(child)]
    return locs


def sitemap_pages(portal: Portal) -> list[tuple[PageSpec, str]]:
    """Every <loc> of /sitemap.xml (or of the sitemaps it indexes) as (spec, language)."""
    pages = []
    for loc in _sitemap_locs(portal.url("/sitemap.xml")):
        path = re.sub(r"^https?://[^/]+", "", loc)
        parts = path.split("/", 2)
        lang = parts[1] if len(parts) > 2 and parts[1] in LANGUAGES else ""
        rest = parts[2].strip("/") if lang else path.strip("/")
        pages.append((PageSpec(name=rest or "home", path=path), lang))
    return pages


def demo_values(portal: Portal) -> dict[str, str]:
    """Ids of demo rows some gate pages need, from the portal's own database."""
    with sqlite3.connect(portal.log_path.parent / "portal.sqlite3") as db:
        match = db.execute(
            "SELECT m.id FROM ambassadors_match m"
            " JOIN ambassadors_ambassador a ON a.id = m.ambassador_id"
            " JOIN portal_user u ON u.id = a.user_id"
            " WHERE u.email = ? AND m.status = 'accepted' ORDER BY m.id",
            (ACCOUNTS["ambassador"],),
        ).fetchone()
    if match is None:
        raise RuntimeError("the demo ambassador has no current match (demo/ambassadors.py)")
    return {"match": str(match[0])}


def gate_pages(portal: Portal) -> list[tuple[PageSpec, str]]:
    pages = sitemap_pages(portal)
    values = demo_values(portal)
    pages += [(spec.with_values(values), lang) for spec in EXTRA_PAGES for lang in LANGUAGES]
    return pages


# --- In-page scripts -------------------------------------------------------------

GATE_JS = Path(__file__).with_name("gate.js")


def load_helpers(page: Page) -> None:
    """Put gate.js (window.__gate) and axe-core into the current document."""
    if not page.evaluate("typeof window.__gate !== 'undefined'"):
        page.evaluate(GATE_JS.read_text(encoding="utf-8"))
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, so the page keeps its real CSP.
        page.evaluate(AXE_PATH.read_text(encoding="utf-8") + "\n;true")


def has_focus_indicator(focused: dict, unfocused: dict | None) -> bool:
    outline = focused["outlineStyle"] != "none" and float(focused["outlineWidth"][:-2] or 0) > 0
    shadow = focused["boxShadow"] not in ("none", "")
    if unfocused is None:
        return outline or shadow
    outline_changed = outline and (
        focused["outlineStyle"],
        focused["outlineWidth"],
        focused["outlineColor"],
    ) != (unfocused["outlineStyle"], unfocused["outlineWidth"], unfocused["outlineColor"])
    return outline_changed or (shadow and focused["boxShadow"] != unfocused["boxShadow"])


def walk_keyboard(page: Page) -> dict:
    """Tab from the top of the page past the end; then activate the skip link.

    The page logs every focus change itself (gate.js), so the Tab presses need no
    round trip each; the walk ends at the first element focused a second time.
    """
    load_helpers(page)
    prepared = page.evaluate("__gate.keyboardPrepare()")
    # Chromium tabs through the day, month and year (and time) parts of a date or
    # time field one by one: allow for them.
    segmented = page.evaluate(
        "document.querySelectorAll('input[type=date], input[type=datetime-local],"
        " input[type=time], input[type=month], input[type=week]').length"
    )
    for _ in range(len(prepared["tabbable"]) + 6 * segmented + 2):
        page.keyboard.press("Tab")
    stops: list[dict] = []
    seen: set[int | str] = set()
    for info in page.evaluate("__gate.keyboardLog()"):
        key = info["index"] if info["index"] >= 0 else info["desc"]
        if key in seen:
            break
        seen.add(key)
        info["visible_indicator"] = has_focus_indicator(info["focused"], info["unfocused"])
        stops.append(info)
    result: dict = {"stops": stops, "tabbable": prepared["tabbable"], "skip_target": None}
    skip = page.locator('a[href="#main"]')
    if skip.count():
        skip.first.focus()
        page.keyboard.press("Enter")
        result["skip_target"] = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e ? e.tagName.toLowerCase() + '#' + e.id : null; }"
        )
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.evaluate("() => window.scrollTo(0, 0)")
    return result


def measure_overflow(page: Page) -> dict:
    """The document's width at the phone viewport, and the elements sticking out."""
    page.set_viewport_size(PHONE_VIEWPORT)
    try:
        load_helpers(page)
        return page.evaluate("__gate.overflow()")
    finally:
        page.set_viewport_size(DEFAULT_VIEWPORT)


def run_axe(page: Page) -> dict[str, list[dict]]:
    results = {}
    results["wide"] = page.evaluate("(tags) => __gate.axeRun(tags)", AXE_TAGS)
    page.set_viewport_size(NARROW_VIEWPORT)
    results["narrow-320px"] = page.evaluate("(tags) => __gate.axeRun(tags)", AXE_TAGS)
    page.set_viewport_size(DEFAULT_VIEWPORT)
    page.emulate_media(color_scheme="dark")
    results["dark"] = page.evaluate("(tags) => __gate.axeRun(tags)", AXE_TAGS)
    page.emulate_media(color_scheme="light")
    return results


# --- Crawl -----------------------------------------------------------------------


def sign_in(page: Page, portal: Portal, email: str) -> None:
    page.goto(portal.url("/en/accounts/login/"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if "/accounts/login/" in page.url:
        raise RuntimeError(f"signing in as {email} failed; still on {page.url}")


def reauthenticate(page: Page, portal: Portal, lang: str) -> None:
    page.goto(portal.url(f"/{lang}/accounts/reauthenticate/"))
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if "/reauthenticate/" in page.url:
        raise RuntimeError(f"reauthentication failed; still on {page.url}")


def new_context(browser: Browser, helpers: bool = False) -> BrowserContext:
    """A fresh context; with ``helpers``, gate.js and axe-core are put into every
    document as it is created (through the DevTools protocol, so not subject to the
    page's CSP) instead of being sent over after each load."""
    context = browser.new_context(viewport=DEFAULT_VIEWPORT, color_scheme="light")
    if helpers:
        context.add_init_script(path=str(GATE_JS))
        context.add_init_script(path=str(AXE_PATH))
    return context


#: allauth trusts a reauthentication for 300 s; redo it well before that.
REAUTHENTICATION_VALID_SECONDS = 240


def crawl_one(
    page: Page, portal: Portal, spec: PageSpec, lang: str, html_file: Path, state: dict
) -> PageResult:
    path = spec.url_path(lang)
    result = PageResult(spec=spec, lang=lang, path=path)
    started = time.monotonic()
    console: list[str] = []

    def on_console(msg) -> None:
        if msg.type == "error":
            where = msg.location.get("url", "") if msg.location else ""
            console.append(f"{msg.text} ({where})")

    def on_pageerror(exc) -> None:
        console.append(f"uncaught: {exc}")

    page.on("console", on_console)
    page.on("pageerror", on_pageerror)
    try:
        page.set_extra_http_headers({"Accept-Language": lang})
        if spec.reauthenticate and (
            time.monotonic() - state.get("reauthenticated", -1e9) > REAUTHENTICATION_VALID_SECONDS
        ):
            reauthenticate(page, portal, lang)
            state["reauthenticated"] = time.monotonic()
        response = page.goto(portal.url(path), wait_until="load")
        if response is None:
            raise RuntimeError("no response")
        result.url = page.url
        result.status = response.status
        result.headers = response.all_headers()
        html_file.write_bytes(response.body())
        result.html_file = html_file
        load_helpers(page)
        result.dom = page.evaluate("(lang) => __gate.domFacts(lang)", lang)
        result.resources = page.evaluate("__gate.resources()")
        result.keyboard = walk_keyboard(page)
        result.overflow = measure_overflow(page)
        result.axe = run_axe(page)
    except Exception as exc:  # recorded: every check then reports it for this page
        result.error = f"{type(exc).__name__}: {exc}"
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_pageerror)
    # A page that is supposed to answer 404 logs its own status as a console error.
    expected = f"status of {spec.status}"
    result.console_errors = [
        line for line in console if not (spec.status != 200 and expected in line)
    ]
    result.seconds = time.monotonic() - started
    return result


def _crawl_share(
    portal: Portal, share: list[tuple[int, PageSpec, str]], html_dir: Path
) -> list[tuple[int, PageResult]]:
    """One worker: its own Playwright and Chromium (Playwright is per thread)."""
    done: list[tuple[int, PageResult]] = []
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for account in ("", *ACCOUNTS):
            todo = [item for item in share if item[1].account == account]
            if not todo:
                continue
            context = new_context(browser, helpers=True)
            try:
                page = context.new_page()
                cookie_header = ""
                if account:
                    sign_in(page, portal, ACCOUNTS[account])
                    cookie_header = "; ".join(
                        f"{c['name']}={c['value']}" for c in context.cookies(portal.base_url)
                    )
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                state: dict = {}
                for index, spec, lang in todo:
                    slug = re.sub(r"[^a-z0-9-]+", "_", spec.name.lower())
                    html_file = html_dir / f"{index:04d}-{lang}-{slug}.html"
                    result = crawl_one(page, portal, spec, lang, html_file, state)
                    result.cookie_header = cookie_header
                    done.append((index, result))
            finally:
                context.close()
        browser.close()
    finally:
        manager.stop()
    return done


def crawl(portal: Portal, html_dir: Path, workers: int = CRAWL_WORKERS) -> list[PageResult]:
    """Every gate page in every language, split over ``workers`` browsers."""
    html_dir.mkdir(parents=True, exist_ok=True)
    pages = [(i, spec, lang) for i, (spec, lang) in enumerate(gate_pages(portal))]
    shares = [pages[n::workers] for n in range(workers)]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crawl") as pool:
        done = [
            item
            for share in pool.map(_crawl_share, [portal] * workers, shares, [html_dir] * workers)
            for item in share
        ]
    return [result for _index, result in sorted(done, key=lambda item: item[0])]


def axe_violations(page: Page) -> list[dict]:
    """One axe run on the current page (for the journeys and the self-check)."""
    load_helpers(page)
    return page.evaluate("(tags) => __gate.axeRun(tags)", AXE_TAGS)
