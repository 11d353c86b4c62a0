"""Logging filters (used by LOGGING in config/settings.py)."""

from __future__ import annotations

import logging


class RefusedRequestFilter(logging.Filter):
    """One INFO line, without a traceback, for each request answered 403.

    Django logs a refused request (PermissionDenied raised by a view, a failed CSRF
    check) at WARNING, a PermissionDenied with its whole traceback: 35 to 56 lines for
    something that is expected and harmless (a crawler, a staff member's stale link).
    Attach to the ``django.request`` and ``django.security.csrf`` loggers. Other
    records (404s, 5xx with their tracebacks) pass unchanged.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) != 403:
            return True
        record.levelno = logging.INFO
        record.levelname = logging.getLevelName(logging.INFO)
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        # The logger let the record through at WARNING; at INFO it may be below its level.
        return logging.getLogger(record.name).isEnabledFor(logging.INFO)
