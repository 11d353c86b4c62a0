"""Template helpers for guide pages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from guides.selectors.guides import shown_language, text_direction

register = template.Library()


@register.simple_tag
def content_lang(obj, field_name: str = "title") -> str:
    """` lang="en" dir="ltr"` when a translated field (of a guide, a topic…) is shown
    in a fallback language; nothing when it is in the reader's language."""
    current = get_language()
    shown = shown_language(obj, current, field_name)
    if shown == current:
        return ""
    return format_html(' lang="{}" dir="{}"', shown, text_direction(shown))


@register.filter
def bdi(value) -> str:
    """``value`` (escaped) in ``<bdi>``: a reader's query, in whatever script, shown
    inside a translated sentence keeps its own direction (a Latin-script query in an
    Arabic sentence, an Arabic one in an English sentence)."""
    return format_html("<bdi>{}</bdi>", value)
