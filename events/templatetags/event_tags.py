"""Template tags for the events part of the newcomer's own page."""

from __future__ import annotations

from django import template

from events.selectors import upcoming_registrations_of

register = template.Library()


@register.simple_tag
def my_event_registrations(user) -> list:
    """The signed-in person's registrations at events not yet over (empty when signed out)."""
    return upcoming_registrations_of(user)
