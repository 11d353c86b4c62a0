"""Guide bodies: Markdown rendered to HTML and sanitised.

Editors write Markdown. What comes out is sanitised with nh3 (ammonia) against a
small allow-list: headings h2-h4 (an h1 in the source becomes h2: the page has its
own h1), paragraphs, lists, strong/em, links (http, https, mailto and relative),
blockquotes and basic tables. No script, no style attributes, no event handlers.
Headings get ids so the page can offer "On this page" navigation.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "a", "blockquote", "br",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}}
URL_SCHEMES = {"http", "https", "mailto"}

_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_INLINE_TAG = re.compile(r"</?(?:strong|em|a)\b[^>]*>")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class RenderedBody:
    html: SafeString
    headings: list[Heading]


def _demote_and_anchor(raw_html: str) -> tuple[str, list[Heading]]:
    headings: list[Heading] = []
    used: set[str] = set()

    def replace(match: re.Match) -> str:
        level = min(max(int(match.group(1)), 2), 4)
        inner = match.group(2)
        text = html.unescape(_TAG.sub("", inner)).strip()
        base = slugify(text, allow_unicode=True) or "section"
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        headings.append(Heading(level=level, text=text, anchor=anchor))
        return f'<h{level} id="{html.escape(anchor)}">{inner}</h{level}>'

    return _HEADING.sub(replace, raw_html), headings


def render_markdown(source: str) -> RenderedBody:
    """Markdown → sanitised HTML with heading ids, plus the headings for navigation.

    The result depends on the text alone, so it is kept per process keyed by the
    text itself (an edited guide is a new key; nothing to invalidate). Rendering
    and sanitising is the larger part of a guide page's time."""
    if not source:
        return RenderedBody(html=mark_safe(""), headings=[])
    final, headings = _render(source)
    return RenderedBody(html=mark_safe(final), headings=list(headings))  # noqa: S308 - sanitised by nh3 in _render


@lru_cache(maxsize=1024)
def _render(source: str) -> tuple[str, tuple[Heading, ...]]:
    raw = md.markdown(source, extensions=["tables", "sane_lists"], output_format="html")
    # Sanitise first (drops script, style, event handlers, unknown tags and raw ids),
    # then add our own ids to the (already clean) headings.
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS | {"h1", "h5", "h6"},
        attributes={"a": {"href", "title"}},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    anchored, headings = _demote_and_anchor(clean)
    # Final pass with the strict list: only the ids we set survive.
    final = nh3.clean(
        anchored,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return final, tuple(h for h in headings if h.level == 2)


def markdown_to_text(source: str) -> str:
    """Plain text of a Markdown source (for search and meta descriptions)."""
    if not source:
        return ""
    rendered = str(render_markdown(source).html)
    text = _TAG.sub(" ", _INLINE_TAG.sub("", rendered))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()
