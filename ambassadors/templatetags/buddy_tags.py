"""Template tags for the buddy part of the newcomer's own page."""

from __future__ import annotations

from django import template

from ambassadors import selectors

register = template.Library()


@register.simple_tag
def my_buddy(user) -> dict:
    """The signed-in newcomer's open buddy request and current match (empty when signed out)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return {
        "open_request": selectors.open_request_of(user),
        "current_match": selectors.current_match_of_newcomer(user),
    }
