"""Keyboard use: skip link first, focus always visible, tab order = DOM order."""

from __future__ import annotations

import pytest

from tests.e2e.crawl import PageResult

pytestmark = pytest.mark.browser


def test_first_tab_focuses_a_visible_skip_link(crawled: list[PageResult], subtests):
    for result in crawled:
        with subtests.test(msg=f"skip link: {result.label}"):
            assert result.error is None, result.error
            stops = result.keyboard["stops"]
            assert stops, "Tab focuses nothing"
            first = stops[0]
            assert first["isSkipLink"], f"the first Tab focuses {first['desc']}"
            left, top, width, height = first["rect"]
            vw, vh = first["viewport"]
            where = f"the focused skip link is at {first['rect']} in a {vw}x{vh} viewport"
            assert width > 0, where
            assert height > 0, where
            assert top >= 0, where
            assert top + height <= vh, where
            assert left >= 0, where
            assert left + width <= vw, where


def test_skip_link_moves_focus_to_main(crawled: list[PageResult], subtests):
    for result in crawled:
        with subtests.test(msg=f"skip target: {result.label}"):
            assert result.error is None, result.error
            assert result.dom["main"] == [{"id": "main", "tabindex": "-1"}], result.dom["main"]
            assert result.keyboard["skip_target"] == "main#main", (
                f"after the skip link, focus is on {result.keyboard['skip_target']}"
            )


def test_every_focusable_element_shows_focus(crawled: list[PageResult], subtests):
    for result in crawled:
        with subtests.test(msg=f"focus visible: {result.label}"):
            assert result.error is None, result.error
            invisible = [s for s in result.keyboard["stops"] if not s["visible_indicator"]]
            assert not invisible, "no visible focus indicator on:\n" + "\n".join(
                f"    {s['desc']} focused={s['focused']} unfocused={s['unfocused']}"
                for s in invisible
            )


def test_tab_order_follows_the_dom(crawled: list[PageResult], subtests):
    for result in crawled:
        with subtests.test(msg=f"tab order: {result.label}"):
            assert result.error is None, result.error
            assert not result.dom["positiveTabindex"], result.dom["positiveTabindex"]
            stops = result.keyboard["stops"]
            indexes = [s["index"] for s in stops]
            assert -1 not in indexes, [s["desc"] for s in stops if s["index"] == -1]
            assert indexes == sorted(indexes), "Tab moves against DOM order: " + ", ".join(
                s["desc"][:40] for s in stops
            )
            reached = [s["desc"] for s in stops]
            missed = [d for d in result.keyboard["tabbable"] if d not in reached]
            assert not missed, "Tab never reaches:\n" + "\n".join(f"    {d}" for d in missed)
