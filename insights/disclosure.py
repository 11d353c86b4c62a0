"""Disclosure control, as in official statistics (rules in the README, "Insights").

A figure's counts form a three-way table: organisation by municipality by category
(a topic, a language, a week …), with every margin ("all organisations", "all
municipalities", "all categories") as cells of their own. Whatever a user filters,
what they see are cells of this one table, so suppression is decided once, on the
whole table and on both compared periods together, and every view shows the same
hidden cells:

1. primary: a cell counting 1 … INSIGHTS_MIN_CELL-1 people in either period is hidden
   (in both periods);
2. complementary: along every line of the table (the cells that add up to a margin,
   the margin included) a single hidden cell could be recomputed by subtraction, so
   the smallest other non-zero cell of that line is hidden too; repeated until no line
   has exactly one hidden cell.

Tables that share margins (every enquiry has one topic, one language, one country:
the "all categories" margins of these tables are the same numbers) are protected as a
family: a margin hidden in one is hidden in all, repeated to a fixed point.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings

from insights.registry import DURATION_BUCKETS, OPEN_BUCKET

#: The "all …" value of a coordinate (organisation, municipality or category).
ALL = "*"
Key = tuple[object, object, object]


def min_cell() -> int:
    return int(getattr(settings, "INSIGHTS_MIN_CELL", 5))


def min_cases() -> int:
    return int(getattr(settings, "INSIGHTS_MIN_CASES_FOR_STATS", 10))


@dataclass
class Table:
    """A figure's cells in the current and the compared period, margins included."""

    values: dict[Key, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    hidden: set[Key] = field(default_factory=set)
    protected: bool = True

    def get(self, key: Key) -> tuple[int, int]:
        found = self.values.get(key)
        return (found[0], found[1]) if found else (0, 0)

    def is_hidden(self, key: Key) -> bool:
        return key in self.hidden

    def coordinates(self, axis: int) -> list:
        return sorted({key[axis] for key in self.values if key[axis] != ALL}, key=str)


def build_table(cells: Iterable[tuple[Key, int, int]], *, protected: bool = True) -> Table:
    """The table of fine cells ((organisation, municipality, category), current,
    compared), every margin summed in."""
    table = Table(protected=protected)
    for (org, muni, cat), current, compared in cells:
        for o in (org, ALL):
            for m in (muni, ALL):
                for c in (cat, ALL):
                    value = table.values[o, m, c]
                    value[0] += current
                    value[1] += compared
    return table


def _lines(table: Table) -> list[list[Key]]:
    axes = [[*table.coordinates(axis), ALL] for axis in range(3)]
    lines: list[list[Key]] = []
    for a in axes[1]:
        for b in axes[2]:
            lines.append([(o, a, b) for o in axes[0]])
    for a in axes[0]:
        for b in axes[2]:
            lines.append([(a, m, b) for m in axes[1]])
    for a in axes[0]:
        for b in axes[1]:
            lines.append([(a, b, c) for c in axes[2]])
    return [[key for key in line if key in table.values] for line in lines]


def _weight(table: Table, key: Key) -> tuple:
    current, compared = table.get(key)
    return (max(current, compared), current + compared, str(key))


def _complement(table: Table, hidden: set[Key]) -> None:
    """Complementary suppression: hide cells until no line has exactly one hidden."""
    lines = _lines(table)
    lines_of: dict[Key, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        for key in line:
            lines_of[key].append(index)
    # Sweeps over the lines in order, as often as a sweep hides something; a line is
    # looked at again only when one of its cells was hidden since (same result as
    # re-reading every line each sweep, in about linear time).
    sweep = list(range(len(lines)))
    while sweep:
        heapq.heapify(sweep)
        following: set[int] = set()
        queued = set(sweep)
        while sweep:
            position = heapq.heappop(sweep)
            queued.discard(position)
            line = lines[position]
            if sum(1 for key in line if key in hidden) != 1:
                continue
            candidates = [key for key in line if key not in hidden and max(table.get(key)) > 0]
            if not candidates:
                continue
            chosen = min(candidates, key=lambda key: _weight(table, key))
            hidden.add(chosen)
            for other in lines_of[chosen]:
                if other > position and other not in queued:
                    heapq.heappush(sweep, other)
                    queued.add(other)
                elif other <= position:
                    following.add(other)
        sweep = sorted(following)


def protect(table: Table, *, forced: Iterable[Key] = ()) -> set[Key]:
    """Decide the hidden cells of a table (primary, then complementary). ``forced``:
    cells hidden because a table of the same family hides them."""
    if not table.protected:
        table.hidden = set()
        return table.hidden
    threshold = min_cell()
    hidden = {
        key
        for key, (current, compared) in table.values.items()
        if 0 < current < threshold or 0 < compared < threshold
    }
    hidden |= {key for key in forced if key in table.values}
    _complement(table, hidden)
    table.hidden = hidden
    return hidden


def protect_family(tables: Sequence[Table]) -> None:
    """Protect tables that share their "all categories" margins consistently."""
    shared: set[Key] = set()
    while True:
        for table in tables:
            protect(table, forced=shared)
        margins = {key for table in tables for key in table.hidden if key[2] == ALL}
        if margins <= shared:
            return
        shared |= margins


# --- what a cell shows -------------------------------------------------------------------------
@dataclass(frozen=True)
class Shown:
    """One cell in one period as shown: the number, or why it is hidden."""

    value: int | None
    marker: str = ""  # "<5" (too few people) or "·" (hidden so another cannot be derived)

    @property
    def text(self) -> str:
        return self.marker if self.value is None else f"{self.value}"


def shown(table: Table, key: Key, period: int) -> Shown:
    value = table.get(key)[period]
    if not table.is_hidden(key):
        return Shown(value)
    if 0 < value < min_cell():
        return Shown(None, f"<{min_cell()}")
    return Shown(None, "·")


# --- medians and percentiles from histograms ---------------------------------------------------
def quantile_from_histogram(histogram: dict[str, int], fraction: float) -> int | None:
    """The upper bound (minutes) of the bucket holding the ``fraction`` quantile, or
    ``None`` below INSIGHTS_MIN_CASES_FOR_STATS cases."""
    total = sum(histogram.values())
    if total < min_cases():
        return None
    rank = max(1, math.ceil(total * fraction))
    seen = 0
    for bound in (*DURATION_BUCKETS, OPEN_BUCKET):
        seen += histogram.get(str(bound), 0)
        if seen >= rank:
            return bound
    return OPEN_BUCKET


def rate(numerator: Shown, denominator: Shown) -> float | None:
    """A share, shown only when both counts are shown, the denominator has at least
    INSIGHTS_MIN_CASES_FOR_STATS cases and the rest (denominator minus numerator, e.g.
    the answers *not* kept) is 0 or at least INSIGHTS_MIN_CELL: a share of 10 of 12
    would otherwise tell that 2 were not."""
    if numerator.value is None or denominator.value is None:
        return None
    if denominator.value < min_cases():
        return None
    if 0 < denominator.value - numerator.value < min_cell():
        return None
    return numerator.value / denominator.value
