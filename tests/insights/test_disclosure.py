"""Disclosure control on small hand-made tables (no database)."""

from __future__ import annotations

import itertools

import pytest
from django.test import override_settings

from insights.disclosure import (
    ALL,
    Shown,
    build_table,
    protect,
    protect_family,
    quantile_from_histogram,
    rate,
    shown,
)


def table_of(cells, protected=True):
    return build_table(
        [((o, m, c), cur, prev) for (o, m, c), (cur, prev) in cells.items()], protected=protected
    )


def single_hidden_lines(table):
    """Lines (cells adding up to a margin) with exactly one hidden cell: recomputable."""
    axes = [[*table.coordinates(a), ALL] for a in range(3)]
    found = []
    for fixed_axis in range(3):
        others = [a for a in range(3) if a != fixed_axis]
        for a, b in itertools.product(axes[others[0]], axes[others[1]]):
            line = []
            for value in axes[fixed_axis]:
                key = [None, None, None]
                key[fixed_axis], key[others[0]], key[others[1]] = value, a, b
                if tuple(key) in table.values:
                    line.append(tuple(key))
            if sum(1 for k in line if k in table.hidden) == 1:
                found.append(line)
    return found


def test_primary_suppression_hides_small_counts_of_people():
    table = table_of({("o", "m", "a"): (3, 0), ("o", "m", "b"): (9, 9), ("o", "m", "c"): (7, 8)})
    protect(table)
    assert shown(table, ("o", "m", "a"), 0) == Shown(None, "<5")
    assert table.is_hidden(("o", "m", "a"))


def test_complementary_suppression_hides_the_next_smallest_cell_of_the_line():
    table = table_of({("o", "m", "a"): (3, 0), ("o", "m", "b"): (9, 9), ("o", "m", "c"): (7, 8)})
    protect(table)
    # "a" alone could be recomputed from the total 19: "c" (the smaller) is hidden too.
    assert shown(table, ("o", "m", "c"), 0) == Shown(None, "·")
    assert shown(table, ("o", "m", "b"), 0) == Shown(9)
    assert shown(table, ("o", "m", ALL), 0) == Shown(19)
    assert single_hidden_lines(table) == []


def test_a_cell_small_in_the_compared_period_is_hidden_in_both():
    table = table_of({("o", "m", "a"): (12, 2), ("o", "m", "b"): (9, 9), ("o", "m", "c"): (7, 8)})
    protect(table)
    assert shown(table, ("o", "m", "a"), 0) == Shown(None, "·")
    assert shown(table, ("o", "m", "a"), 1) == Shown(None, "<5")


def test_zero_is_shown_and_not_used_to_protect():
    table = table_of({("o", "m", "a"): (2, 2), ("o", "m", "b"): (0, 0), ("o", "m", "c"): (7, 8)})
    protect(table)
    assert shown(table, ("o", "m", "b"), 0) == Shown(0)
    assert table.is_hidden(("o", "m", "c"))


def test_the_minus_one_attack_across_municipalities_fails():
    """County total for a topic minus every other municipality's count must not give
    the hidden municipality's count, in any view (organisation or county)."""
    cells = {
        ("x", "m1", "t"): (3, 6),
        ("x", "m2", "t"): (10, 10),
        ("y", "m3", "t"): (8, 9),
        ("y", "m3", "u"): (20, 20),
        ("x", "m1", "u"): (11, 12),
    }
    table = table_of(cells)
    protect(table)
    assert table.is_hidden(("x", "m1", "t"))
    assert single_hidden_lines(table) == []
    # The attacker's subtraction: county "t" minus every other visible municipality.
    county_t = table.get((ALL, ALL, "t"))[0] if not table.is_hidden((ALL, ALL, "t")) else None
    others = [
        table.get((ALL, m, "t"))[0] for m in ("m2", "m3") if not table.is_hidden((ALL, m, "t"))
    ]
    if county_t is not None and len(others) == 2:
        pytest.fail("m1's count could be derived: every other municipality is visible")


def test_organisation_view_cannot_be_differenced_from_the_county():
    cells = {("x", "m", "t"): (2, 0), ("y", "m", "t"): (30, 30), ("z", "m", "t"): (9, 9)}
    table = table_of(cells)
    protect(table)
    assert table.is_hidden(("x", "m", "t"))
    assert single_hidden_lines(table) == []
    hidden_orgs = [o for o in ("x", "y", "z") if table.is_hidden((o, ALL, ALL))]
    assert len(hidden_orgs) >= 2 or table.is_hidden((ALL, ALL, ALL))


def test_tables_of_a_family_hide_the_same_margins():
    topic = table_of({("x", "m", "a"): (6, 6), ("x", "m", "b"): (7, 7), ("y", "m", "a"): (2, 9)})
    language = table_of({("x", "m", "en"): (13, 13), ("y", "m", "en"): (2, 9)})
    protect_family([topic, language])
    for key in [k for k in topic.hidden | language.hidden if k[2] == ALL]:
        assert key in topic.hidden
        assert key in language.hidden
    assert single_hidden_lines(topic) == []
    assert single_hidden_lines(language) == []


def test_unprotected_tables_hide_nothing():
    table = table_of({("o", "m", "a"): (1, 2)}, protected=False)
    protect(table)
    assert shown(table, ("o", "m", "a"), 0) == Shown(1)


@override_settings(INSIGHTS_MIN_CELL=3)
def test_the_threshold_is_a_setting():
    table = table_of({("o", "m", "a"): (4, 4), ("o", "m", "b"): (9, 9)})
    protect(table)
    assert not table.hidden


def test_quantiles_from_histograms_need_ten_cases():
    assert quantile_from_histogram({"60": 9}, 0.5) is None
    histogram = {"15": 3, "60": 3, "240": 3, "1440": 1}
    assert quantile_from_histogram(histogram, 0.5) == 60
    assert quantile_from_histogram(histogram, 0.9) == 240


def test_rates_need_visible_counts_and_ten_cases():
    assert rate(Shown(5), Shown(10)) == 0.5  # 5 and 5
    assert rate(Shown(5), Shown(9)) is None
    assert rate(Shown(None, "<5"), Shown(20)) is None


def test_a_share_is_hidden_when_the_rest_is_a_small_count():
    assert rate(Shown(10), Shown(12)) is None  # would tell that 2 were not kept
    assert rate(Shown(12), Shown(12)) == 1.0
    assert rate(Shown(7), Shown(12)) == pytest.approx(7 / 12)
