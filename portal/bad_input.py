"""Malformed input is the client's error: answer 400 with the site's page, never 500.

A form body that is not UTF-8 (``charset=utf-16``) makes Django raise ``BadRequest``
while reading it, and its default 400 handler reads the body again (through the CSRF
check) and fails a second time; a NUL byte in a parameter reaches PostgreSQL, which
refuses it in a text literal. This middleware reads the parameters once, before the
CSRF check, and refuses both with the site's 400 page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, QueryDict
from django.template import loader

#: Bodies Django parses into ``request.POST`` (others are left to their views).
FORM_CONTENT_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


def bad_request_page(request: HttpRequest) -> HttpResponse:
    """The site's 400 page, rendered without the database, the session or the body."""
    template = loader.get_template("400.html")
    return HttpResponseBadRequest(template.render({}))


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler400``: unlike Django's default it runs no CSRF check, which would read
    the malformed body again."""
    return bad_request_page(request)


def _has_nul(data: QueryDict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in data.getlist(key)) for key in data)


class MalformedInputMiddleware:
    """400 for a form body Django cannot decode and for NUL bytes in parameters."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            malformed = _has_nul(request.GET) or (
                request.method == "POST"
                and request.content_type in FORM_CONTENT_TYPES
                and _has_nul(request.POST)
            )
        except (RequestDataTooBig, TooManyFieldsSent):
            raise  # Django answers these with its own 400 (SuspiciousOperation)
        except (BadRequest, UnicodeDecodeError, ValueError):
            malformed = True
        if malformed:  # Django's request log records the 400, once.
            return bad_request_page(request)
        return self.get_response(request)
