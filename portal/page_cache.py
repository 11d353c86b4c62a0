"""Whole rendered pages for anonymous readers, kept in the shared cache (Redis).

A guide page costs about 4 ms of CPU to build in-process here, 6-7 ms in a gunicorn
worker under load (queries, Markdown, the Jinja2 template); served from the cache it
costs two Redis reads. Only anonymous GET/HEAD requests without
pending flash messages are served from or stored into the cache: a signed-in reader's
page shows the account menu and can show personal data, so it is always rendered.

The key holds everything a stored page depends on that is not in its data: the
language, scheme, host and full path (canonical and hreflang links are absolute), the
session values the view declares (the reader's municipality), today's date in
Stockholm (review dates), the code release (templates, catalogues, static manifest)
and a *generation* counter. Any write to data shown on the cached pages bumps the
generation (signal receivers in ``guides/page_cache_signals.py`` and the services
that use ``update()``), so every stored page becomes unreachable at once and expires
after ``PAGE_CACHE_SECONDS``.

Per-request values in the HTML are never shared: the CSRF tokens of the forms and the
CSP nonce are stored as placeholders and filled in for each reader on a hit, which
also makes the CSRF middleware set the reader's own cookie and the CSP middleware put
the same nonce in the header. A page that still holds such a value after that (a
token outside a form field) is not stored.

A failing cache never fails a page: the page is rendered as if the cache were off,
and the cache is left alone for a few seconds (so an unreachable Redis costs one
timeout, not one per request). An invalidation that failed is remembered and made
before the process reads from the cache again.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import SESSION_KEY as AUTH_SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

#: Response header telling whether the page came from the cache: hit, miss or bypass.
HEADER = "X-Page-Cache"
GENERATION_KEY = "page-cache:generation"
KEY_PREFIX = "page-cache:page:"
#: After a cache error the cache is not used for this long (seconds).
PAUSE_AFTER_ERROR = 5.0
LOCAL_TIME_ZONE = ZoneInfo("Europe/Stockholm")

# NUL never occurs in a rendered page (PostgreSQL text cannot hold it, and a page that
# contains one is not stored), so the placeholders cannot collide with content.
_CSRF_PLACEHOLDER = "\x00csrf\x00"
_NONCE_PLACEHOLDER = "\x00nonce\x00"
# The hidden field of ``{% csrf_token %}`` (django/template/defaulttags.py).
_CSRF_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
_TOKEN_LIKE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")

_paused_until = 0.0
#: An invalidation this process could not make (the cache failed or was paused); made
#: before this process next reads or invalidates through the cache.
_invalidation_pending = False
_release: str | None = None

View = Callable[..., HttpResponse]


# --- the generation --------------------------------------------------------------------------


def _cache_usable() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0 and time.monotonic() >= _paused_until


def _pause(action: str) -> None:
    global _paused_until  # one flag per process, by design
    first = time.monotonic() >= _paused_until
    _paused_until = time.monotonic() + PAUSE_AFTER_ERROR
    if first:
        logger.warning(
            "Page cache unavailable (%s); pages are rendered uncached for %.0f s.",
            action,
            PAUSE_AFTER_ERROR,
            exc_info=True,
        )


def _generation() -> int:
    if _invalidation_pending:
        _bump()
        if _invalidation_pending:  # never serve a page stored before the edit
            raise ConnectionError("the page cache could not be invalidated")
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Start from the clock, never from 1: after the counter was evicted, pages
        # stored under an earlier generation must stay unreachable.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return int(generation)


def _bump() -> None:
    # Also when this process does not cache pages (PAGE_CACHE_SECONDS=0 in a worker or an
    # admin process): the web processes may. While the cache is failing the bump is
    # remembered and made with this process's next use of the cache, so pages stored
    # before the edit are not served again once the cache is back (in a process that
    # never uses the cache again, they expire after PAGE_CACHE_SECONDS).
    global _invalidation_pending  # one flag per process, like the pause
    if time.monotonic() < _paused_until:
        _invalidation_pending = True
        return
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # no counter yet (or evicted): start a new one
            if not cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None):
                cache.incr(GENERATION_KEY)
    except Exception:  # a cache failure must never fail a write
        _invalidation_pending = True
        _pause("invalidate")
    else:
        _invalidation_pending = False


def page_cache_invalidate(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Make every stored page unreachable (call after a write to data pages show).

    Bumped now and again when the transaction commits: a page rendered by another
    request from the data before the commit may be stored under the first new
    generation, but the second bump makes it unreachable.
    """
    _bump()
    if connections[using].in_atomic_block:
        transaction.on_commit(_bump, using=using)


# --- the key ---------------------------------------------------------------------------------


def _release_id() -> str:
    """A hash of the code that shapes pages, computed once per process.

    Pages stored by the previous release must not be served after a deploy: they name
    static files of the old manifest and hold the old templates and translations.
    """
    global _release  # computed once per process
    if _release is None:
        digest = hashlib.sha256()
        base = Path(settings.BASE_DIR)
        # Both template engines' directories (templates/ and jinja2/), the catalogues
        # and the apps (their Python code and app templates).
        roots = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
        roots += [base / "locale"]
        roots += [
            base / app
            for app in ("portal", "guides", "enquiries", "events", "employers", "ambassadors")
        ]
        files = [
            path
            for root in roots
            if root.is_dir()
            for path in root.rglob("*")
            if path.suffix in {".py", ".html", ".txt", ".mo"} and path.is_file()
        ]
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if manifest.is_file():
            files.append(manifest)
        for path in sorted(files):
            digest.update(str(path.relative_to(base)).encode())
            try:
                digest.update(path.read_bytes())
            except OSError:  # unreadable: its name still counts
                continue
        _release = digest.hexdigest()[:16]
    return _release


def _page_key(request: HttpRequest, generation: int, session_values: Sequence[str]) -> str:
    parts = [
        _release_id(),
        str(generation),
        get_language() or "",
        request.scheme or "",
        request.get_host(),
        request.get_full_path(),
        timezone.localdate(timezone=LOCAL_TIME_ZONE).isoformat(),
        *session_values,
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return KEY_PREFIX + digest


# --- storing and serving ----------------------------------------------------------------------


def _without_request_values(request: HttpRequest, html: str) -> str | None:
    """The page with placeholders for the CSRF tokens and the nonce, or None when the
    page holds a per-request value that cannot be replaced (then it is not stored)."""
    if "\x00" in html:
        return None
    html = _CSRF_FIELD.sub(rf"\g<1>{_CSRF_PLACEHOLDER}\g<2>", html)
    nonce = get_nonce(request)
    if nonce:  # evaluated while rendering: it is in the page
        html = html.replace(str(nonce), _NONCE_PLACEHOLDER)
    secret = request.META.get("CSRF_COOKIE")
    if secret and _TOKEN_LIKE.search(html) and _holds_csrf_token(html, secret):
        return None
    return html


def _holds_csrf_token(html: str, secret: str) -> bool:
    try:
        from django.middleware.csrf import _unmask_cipher_token
    except ImportError:  # pragma: no cover - be safe if Django renames it
        return True
    return any(_unmask_cipher_token(m.group(0)) == secret for m in _TOKEN_LIKE.finditer(html))


def _with_request_values(request: HttpRequest, html: str) -> str:
    if _CSRF_PLACEHOLDER in html:
        # A differently masked token per form, as a fresh render gives (and the CSRF
        # middleware sets this reader's cookie).
        pieces = html.split(_CSRF_PLACEHOLDER)
        html = pieces[0] + "".join(get_token(request) + piece for piece in pieces[1:])
    if _NONCE_PLACEHOLDER in html:
        # Evaluating the nonce also puts it into this response's CSP header.
        html = html.replace(_NONCE_PLACEHOLDER, str(get_nonce(request)))
    return html


_FAILED = object()


def _stored_page(request: HttpRequest, session_values: Sequence[str]) -> tuple[str, object]:
    """(key, stored page) where the page is (Content-Type, HTML with placeholders), or
    None when not stored, or ``_FAILED`` when the cache failed."""
    # Only the cache calls are guarded: anything else that fails is not the cache's fault.
    try:
        generation = _generation()
    except Exception:  # never fail a page because of the cache
        _pause("read")
        return "", _FAILED
    key = _page_key(request, generation, session_values)
    try:
        stored = cache.get(key)
    except Exception:
        _pause("read")
        return key, _FAILED
    if stored is None:
        return key, None
    try:
        content_type, compressed = stored
        return key, (content_type, zlib.decompress(compressed).decode())
    except (TypeError, ValueError, zlib.error):
        logger.warning("Page cache: unreadable entry %s ignored.", key)
        return key, None


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not (session is not None and (session.modified or AUTH_SESSION_KEY in session))
    )


def _session_values(request: HttpRequest, session_keys: Sequence[str]) -> list[str] | None:
    """The declared session values for the key; None when the request must bypass.

    The session is read only when the request carries a session cookie: a first-time
    reader (the common case) costs no session lookup at all.
    """
    if request.COOKIES.get(CookieStorage.cookie_name):
        return None  # flash messages waiting to be shown (an empty cookie holds none)
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ["" for _key in session_keys]
    session = request.session
    if AUTH_SESSION_KEY in session or SessionStorage.session_key in session:
        return None  # signed in, or flash messages waiting in the session
    return [str(session.get(key, "")) for key in session_keys]


def cache_page_for_anonymous(*, session_keys: Sequence[str] = ()) -> Callable[[View], View]:
    """Serve the view's page from the shared cache to anonymous readers.

    ``session_keys`` names the session values the page depends on; they become part of
    the key (read only when the request has a session cookie).
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if settings.PAGE_CACHE_SECONDS <= 0:
                return view(request, *args, **kwargs)
            session_values = (
                _session_values(request, session_keys)
                if request.method in ("GET", "HEAD")
                else None
            )
            if session_values is None or not _cache_usable():
                key, stored = "", _FAILED  # not for the cache: render as without it
            else:
                key, stored = _stored_page(request, session_values)
            if stored is _FAILED:
                response = view(request, *args, **kwargs)
                response[HEADER] = "bypass"
                return response
            if stored is not None:
                content_type, html = stored
                response = HttpResponse(
                    _with_request_values(request, html), content_type=content_type
                )
                # The page depends on the cookies (signed in or not, the session), as a
                # rendered one says through the session middleware.
                patch_vary_headers(response, ("Cookie",))
                response[HEADER] = "hit"
                return response
            response = view(request, *args, **kwargs)
            response[HEADER] = "miss"
            if _storable(request, response):
                html = _without_request_values(request, response.content.decode(response.charset))
                if html is not None:
                    value = (response["Content-Type"], zlib.compress(html.encode(), 6))
                    try:
                        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
                    except Exception:  # the page is served all the same
                        _pause("write")
            return response

        return wrapper

    return decorator
