"""A cache that keeps working while Redis is down: counters fall back to the database.

The default cache holds the rate-limit counters (sign-in, sign-up, password reset,
enquiries), the used TOTP codes and the page cache. With Redis unreachable, Django's
RedisCache raises on every call, so sign-in answered 500 and the enquiry limits were
switched off. ``FallbackCache`` sends each call to the Redis cache (``primary``) and,
when Redis cannot be reached, to Django's database cache (``fallback``), which every
web process shares, so the limits still hold for the whole site.

Keys starting with one of ``never_fall_back`` (the page cache) are not sent to the
database: a page stored there during the outage, or an invalidation made there, would
let stale pages be served once Redis is back. Those calls raise as before, and their
caller handles the error (the page cache renders uncached).

The outage is logged once per process when it begins and once when Redis answers
again. While it lasts, Redis is tried again at most every ``retry_after`` seconds, so
an unreachable Redis costs one connection timeout per interval, not one per request.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

#: Errors that mean "Redis cannot be reached" (not a wrong command or value).
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class _Outage:
    """Whether the primary cache at one location is down, shared by the threads of a
    process (Django makes one cache object per thread)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.down_since: float | None = None
        self.retry_at = 0.0

    def skip_primary(self) -> bool:
        return self.down_since is not None and time.monotonic() < self.retry_at

    def failed(self, name: str, exc: BaseException, retry_after: float) -> None:
        with self.lock:
            first = self.down_since is None
            now = time.monotonic()
            if first:
                self.down_since = now
            self.retry_at = now + retry_after
        if first:
            logger.error(
                "Cache %s unreachable (%s: %s); rate limits and sign-in use the database "
                "cache until it answers again.",
                name,
                type(exc).__name__,
                exc,
            )

    def answered(self, name: str) -> None:
        if self.down_since is None:
            return
        with self.lock:
            down_since, self.down_since = self.down_since, None
        if down_since is not None:
            logger.warning(
                "Cache %s answers again after %.0f s; back from the database cache.",
                name,
                time.monotonic() - down_since,
            )


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


def forget_outages() -> None:
    """Forget every recorded outage (tests start each case with Redis presumed up)."""
    with _outages_lock:
        _outages.clear()


class FallbackCache(BaseCache):
    """``OPTIONS``: ``primary`` and ``fallback`` (aliases of two other caches in
    ``CACHES``), ``never_fall_back`` (key prefixes kept off the fallback) and
    ``retry_after`` (seconds between attempts to reach a primary that is down)."""

    def __init__(self, location: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        self.primary_alias: str = options.pop("primary")
        self.fallback_alias: str = options.pop("fallback")
        self.never_fall_back: tuple[str, ...] = tuple(options.pop("never_fall_back", ()))
        self.retry_after: float = float(options.pop("retry_after", 5))
        # One outage record per Redis location, shared by this process's threads.
        location = settings.CACHES[self.primary_alias].get("LOCATION", self.primary_alias)
        self.outage = _outage_for(str(location))
        super().__init__({**params, "OPTIONS": options})

    @property
    def primary(self) -> BaseCache:
        return caches[self.primary_alias]

    @property
    def fallback(self) -> BaseCache:
        return caches[self.fallback_alias]

    def _call(self, keys: Iterable[str], method: str, *args: Any, **kwargs: Any) -> Any:
        outage = self.outage
        may_fall_back = not any(
            key.startswith(self.never_fall_back) for key in keys if isinstance(key, str)
        )
        if may_fall_back and outage.skip_primary():
            return getattr(self.fallback, method)(*args, **kwargs)
        try:
            result = getattr(self.primary, method)(*args, **kwargs)
        except UNREACHABLE as exc:
            outage.failed(self.primary_alias, exc, self.retry_after)
            if not may_fall_back:
                raise
            return getattr(self.fallback, method)(*args, **kwargs)
        outage.answered(self.primary_alias)
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call([key], "add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call([key], "get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call([key], "set", key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call([key], "touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._call([key], "delete", key, version)

    def has_key(self, key, version=None):
        return self._call([key], "has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._call([key], "incr", key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self._call([key], "decr", key, delta, version)

    def get_many(self, keys, version=None):
        keys = list(keys)
        return self._call(keys, "get_many", keys, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), "set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._call(keys, "delete_many", keys, version)

    def clear(self):
        """Clear the cache in use: Redis, or the database while Redis is down."""
        return self._call([], "clear")


def primary_cache(alias: str = "default") -> BaseCache:
    """The cache behind ``alias`` that readiness checks: Redis, not its fallback."""
    cache = caches[alias]
    return cache.primary if isinstance(cache, FallbackCache) else cache
