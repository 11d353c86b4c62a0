"""Typed readers for environment variables that fail loudly on bad values.

Every setting the portal reads from the environment goes through one of these
helpers, so a typo such as ``DJANGO_DEBUG=ture`` stops the process at start-up
with a message naming the variable, instead of silently meaning something else.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def env_str(name: str, default: str | object = _MISSING) -> str:
    """A string; without a default the variable is required."""
    value = _raw(name)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default  # type: ignore[return-value]
    return value


def env_optional(name: str) -> str | None:
    return _raw(name)


def env_first(*names: str) -> str | None:
    """The first of the variables that is set (a specific one, then its fallbacks)."""
    for name in names:
        value = _raw(name)
        if value is not None:
            return value
    return None


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean; use one of {sorted(_TRUE | _FALSE)}."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}.")
    return number


def env_list(name: str, default: Iterable[str] | object = _MISSING) -> list[str]:
    """A comma-separated list; without a default the variable is required."""
    value = _raw(name)
    if value is None:
        if default is _MISSING:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return list(default)  # type: ignore[arg-type]
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} must list at least one value.")
    return items


def env_choice(name: str, choices: Iterable[str], default: str) -> str:
    allowed = list(choices)
    value = env_str(name, default)
    if value not in allowed:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of {allowed}.")
    return value
