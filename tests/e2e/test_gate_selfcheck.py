"""The gate's own detectors find problems on a deliberately broken page.

Without this, a silently broken check (axe not injected, focus detection always
true, catalogue parsing empty) would let every page pass.
"""

from __future__ import annotations

import pytest

from tests.e2e.catalogues import fragments, untranslated_on_page
from tests.e2e.crawl import axe_violations, walk_keyboard

pytestmark = pytest.mark.browser

BROKEN = """<!DOCTYPE html><html lang="en"><head><title>broken</title>
<style>button { outline: none !important; } .faint { color: #bbb; background: #fff; }</style>
</head><body>
<a class="skip-link" href="#main">Skip</a>
<main id="main" tabindex="-1">
<h1>Broken</h1>
<p class="faint">Text with far too little contrast.</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<button type="button">No focus ring</button>
<a href="#main" tabindex="3">Positive tabindex</a>
</main></body></html>"""


@pytest.fixture
def broken_page(browser):
    page = browser.new_page()
    page.set_content(BROKEN)
    yield page
    page.close()


def test_axe_reports_contrast_and_missing_alt_text(broken_page):
    ids = {v["id"] for v in axe_violations(broken_page)}
    assert {"color-contrast", "image-alt"} <= ids, ids


def test_keyboard_walk_reports_an_invisible_focus_and_dom_order_breaks(broken_page):
    walk = walk_keyboard(broken_page)
    by_text = {s["desc"]: s for s in walk["stops"]}
    button = next(s for d, s in by_text.items() if d.startswith("<button"))
    assert not button["visible_indicator"]
    assert walk["stops"][0]["desc"].startswith('<a href="#main" tabindex="3"')


def test_untranslated_detection_finds_an_english_sentence():
    message = "If you need content from the website in another format, e-mail us at %(email)s."
    assert fragments(message) == {
        "If you need content from the website in another format, e-mail us at"
    }
    # An English interface string from base.html on a German page is caught ...
    assert untranslated_on_page("de", ["Mehr", "Skip to main content"]) == ["Skip to main content"]
    # ... proper nouns and other-language text are not.
    assert untranslated_on_page("de", ["International House Jämtland Härjedalen"]) == []
