"""Server-rendered SVG bar charts: no script, no external resource, no inline style
(the page's Content-Security-Policy allows neither), colours as presentation
attributes. Each chart names its table: the table is the text alternative."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from insights.selectors import DataTable

WIDTH = 360
LABEL_WIDTH = 120
ROW_HEIGHT = 22
BAR_HEIGHT = 8
CURRENT = "#1f4e79"  # contrast 8.6:1 on white
PREVIOUS = "#6b8fb3"  # 3.3:1 on white: a graphical object (WCAG 1.4.11)
MAX_ROWS = 30


def _clip(text: str, length: int = 18) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def bar_chart(table: DataTable) -> SafeString:
    """Horizontal bars, this period above the previous one, for each row of the table
    (at most MAX_ROWS: the table has them all). Hidden cells get their marker."""
    rows = table.rows[:MAX_ROWS]
    values = [v for r in rows for v in (r.current.value, r.previous.value) if v is not None]
    top = max(values, default=0) or 1
    span = WIDTH - LABEL_WIDTH - 40
    height = ROW_HEIGHT * len(rows) + 24
    parts = []
    for index, row in enumerate(rows):
        y = 20 + index * ROW_HEIGHT
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#222">{}</text>',
                LABEL_WIDTH - 4,
                y + BAR_HEIGHT + 2,
                _clip(row.label),
            )
        )
        for offset, shown, colour in (
            (0, row.current, CURRENT),
            (BAR_HEIGHT + 1, row.previous, PREVIOUS),
        ):
            if shown.value is None:
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" font-size="10" fill="#222">{}</text>',
                        LABEL_WIDTH + 2,
                        y + offset + BAR_HEIGHT - 1,
                        shown.marker,
                    )
                )
                continue
            length = round(span * shown.value / top)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                    LABEL_WIDTH,
                    y + offset,
                    max(length, 1 if shown.value else 0),
                    BAR_HEIGHT,
                    colour,
                )
            )
    legend = format_html(
        '<rect x="{}" y="2" width="10" height="8" fill="{}"></rect>'
        '<text x="{}" y="10" font-size="10" fill="#222">{}</text>'
        '<rect x="{}" y="2" width="10" height="8" fill="{}"></rect>'
        '<text x="{}" y="10" font-size="10" fill="#222">{}</text>',
        LABEL_WIDTH,
        CURRENT,
        LABEL_WIDTH + 14,
        _("this period"),
        LABEL_WIDTH + 100,
        PREVIOUS,
        LABEL_WIDTH + 114,
        _("previous period"),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="100%" '
        'role="img" aria-labelledby="{id}-title {id}-desc" focusable="false" '
        'class="insights-chart">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{legend}{bars}</svg>",
        w=WIDTH,
        h=height,
        id=table.id,
        title=table.caption,
        desc=table.summary,
        legend=legend,
        bars=format_html_join("", "{}", ((p,) for p in parts)),
    )
