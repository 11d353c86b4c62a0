"""Template tags for the enquiry include on the newcomer's own page."""

from __future__ import annotations

from django import template

from enquiries.selectors import enquiries_of

register = template.Library()


@register.simple_tag
def my_enquiries(user, limit: int = 20) -> list:
    """The signed-in newcomer's enquiries, newest first (empty when signed out)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(enquiries_of(user=user)[:limit])
