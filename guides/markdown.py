"""Guide bodies: Markdown rendered to HTML and sanitised.

Editors write Markdown. What comes out is sanitised with nh3 (ammonia) against a
small allow-list: headings h2-h4 (an h1 in the source becomes h2: the page has its
own h1), paragraphs, lists, strong/em, links (http, https, mailto and relative),
blockquotes and basic tables. No script, no style attributes, no event handlers.
Headings get ids (Markdown's ``toc`` extension, Unicode slugs) so the page can offer
"On this page" navigation.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions.toc import slugify_unicode

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "a", "blockquote", "br",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip

URL_SCHEMES = {"http", "https", "mailto"}

HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
#: The page has its own h1: an h1 of the text becomes h2, and h5/h6 become h4.
_LEVEL_TAG = re.compile(r"<(/?)h([1-6])\b")
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


def _level(level: int) -> int:
    return min(max(level, 2), 4)


def _flat(tokens: list[dict]) -> list[dict]:
    return [item for token in tokens for item in (token, *_flat(token["children"]))]


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
    converter = md.Markdown(
        extensions=["tables", "sane_lists", "toc"],
        # No "[TOC]" marker: the page draws its own navigation from the headings.
        extension_configs={"toc": {"slugify": slugify_unicode, "marker": ""}},
        output_format="html",
    )
    raw = converter.convert(source)
    tokens = _flat(converter.toc_tokens)
    # Sanitise: drops script, style, event handlers and unknown tags, and every id but
    # those the toc extension gave the text's headings (none from raw HTML).
    anchors = {token["id"] for token in tokens}
    clean = nh3.clean(
        raw,
        tags=ALLOWED_TAGS | HEADING_TAGS,
        attributes={"a": {"href", "title"}},
        tag_attribute_values={tag: {"id": anchors} for tag in HEADING_TAGS},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    final = _LEVEL_TAG.sub(lambda m: f"<{m.group(1)}h{_level(int(m.group(2)))}", clean)
    headings = tuple(
        Heading(level=2, text=html.unescape(token["name"]), anchor=token["id"])
        for token in tokens
        if _level(token["level"]) == 2
    )
    return final, headings


def markdown_to_text(source: str) -> str:
    """Plain text of a Markdown source (for search and meta descriptions)."""
    if not source:
        return ""
    rendered = str(render_markdown(source).html)
    text = _TAG.sub(" ", _INLINE_TAG.sub("", rendered))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()
