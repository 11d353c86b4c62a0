"""Public pages that a shared cache (nginx, a CDN, the browser) may keep and revalidate.

The guide library, topic, guide, municipality and search pages look the same to every
anonymous reader: no CSRF token (their forms are GET forms, or post to an endpoint that
checks the request's origin instead, see ``post_from_cached_page``), no session value
(the reader's municipality is in the URL), no CSP nonce. ``public_page`` sends them to
anonymous readers with

* ``Cache-Control: public, max-age=…, s-maxage=…`` (``PAGE_MAX_AGE``) and ``Vary: Cookie``;
* an ``ETag`` computed from *versions*, without rendering: a counter per object in the
  cache (``page-version:guide:<slug>``, ``page-version:guides`` for every list of
  guides and search, ``page-version:site`` for topics, municipalities and
  organisations), plus the language, address, code release and today's date in
  Stockholm. Django's ``condition`` answers ``If-None-Match`` with 304;
* the page itself from the app's own store (Redis, ``CACHE_URL``) under that ETag, so a
  proxy-less deployment is fast too and a proxy's revalidation after an edit costs one
  render for all its readers.

An edit bumps the versions of what it changed (``guides/page_cache_signals.py``,
and the services that write with ``update()``): an edit of one guide changes that
guide's ETag and the lists', never another guide page's. ``page_refresh`` requests a
page as an anonymous reader (through the proxy when ``PAGE_REFRESH_URL`` is set, which
replaces the proxy's copy, else in this process): the guide tasks use it to render an
edited guide in every language.

A failing cache never fails a page: it is rendered as without the cache (and not
public), and the cache is left alone for a few seconds. A bump that failed is
remembered and made before this process reads versions again.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
import urllib.request
import zlib
from collections.abc import Callable, Iterable, Sequence
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit
from wsgiref.util import setup_testing_defaults
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import condition

logger = logging.getLogger(__name__)

#: Response header telling whether the page came from the app's store: hit, miss or bypass.
HEADER = "X-Page-Cache"
#: Request header that makes the proxy fetch a page anew and keep the new copy.
REFRESH_HEADER = "X-Page-Refresh"
VERSION_PREFIX = "page-version:"
KEY_PREFIX = "page-cache:page:"
#: Versions: every list of guides (library, topics, municipalities, search) ...
GUIDE_LISTS = "guides"
#: ... and what every page shows (topics, municipalities, organisations).
SITE = "site"
#: After a cache error the cache is not used for this long (seconds).
PAUSE_AFTER_ERROR = 5.0
LOCAL_TIME_ZONE = ZoneInfo("Europe/Stockholm")

_paused_until = 0.0
#: Versions this process could not bump (the cache failed or was paused); bumped
#: before this process next reads versions.
_pending: set[str] = set()
_release: str | None = None

View = Callable[..., HttpResponse]


def guide_version(slug: str) -> str:
    return f"guide:{slug}"


# --- versions --------------------------------------------------------------------------------


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


def page_cache_resume(*, forget_pending: bool = False) -> None:
    """End a pause after an error now (tests; an operator's shell after an outage).
    With ``forget_pending`` the bumps this process still owes are dropped too."""
    global _paused_until  # one flag per process, by design
    _paused_until = 0.0
    if forget_pending:
        _pending.clear()


def pending_bumps() -> frozenset[str]:
    """The versions this process could not bump yet (it will before reading again)."""
    return frozenset(_pending)


def _start_value() -> int:
    # From the clock, never from 1: after a counter was evicted, pages stored under an
    # earlier value must stay unreachable.
    return time.time_ns() // 1000


def _bump(names: Iterable[str]) -> None:
    # Also when this process does not cache pages (a Celery worker, the admin): the web
    # processes may. A bump that fails is remembered (see ``_versions``).
    names = set(names) | _pending
    if time.monotonic() < _paused_until:
        _pending.update(names)
        return
    try:
        for name in sorted(names):
            key = VERSION_PREFIX + name
            try:
                cache.incr(key)
            except ValueError:  # no counter yet (or evicted): start a new one
                if not cache.add(key, _start_value(), timeout=None):
                    cache.incr(key)
    except Exception:  # a cache failure must never fail a write
        _pending.update(names)
        _pause("invalidate")
    else:
        _pending.clear()


def page_versions_bump(*names: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """Change the versions of edited objects (call after a write that pages show).

    Bumped now and again when the transaction commits: a page rendered by another
    request from the data before the commit may be stored under the first new
    version, but the second bump makes it unreachable.
    """
    _bump(names)
    if connections[using].in_atomic_block:
        transaction.on_commit(lambda: _bump(names), using=using)


def _versions(names: Sequence[str]) -> list[str]:
    if _pending:
        _bump(())
        if _pending:  # never serve a page stored before the edit
            raise ConnectionError("the page cache could not be invalidated")
    keys = [VERSION_PREFIX + name for name in names]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, _start_value(), timeout=None)
        found.update(cache.get_many(missing))
    return [str(found.get(key, "")) for key in keys]


# --- the ETag --------------------------------------------------------------------------------


def release_id(*, recompute: bool = False) -> str:
    """A hash of the code that shapes pages, computed once per process.

    Pages stored by the previous release must not be served after a deploy: they name
    static files of the old manifest and hold the old templates and translations.
    """
    global _release  # computed once per process
    if _release is None or recompute:
        digest = hashlib.sha256()
        base = Path(settings.BASE_DIR)
        # Both template engines' directories, the catalogues and the apps.
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


def _etag(request: HttpRequest, versions: Sequence[str]) -> str:
    parts = [
        release_id(),
        get_language() or "",
        request.scheme or "",
        request.get_host(),
        request.get_full_path(),
        timezone.localdate(timezone=LOCAL_TIME_ZONE).isoformat(),
        *versions,
    ]
    return '"' + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32] + '"'


# --- serving ---------------------------------------------------------------------------------


def _for_everyone(request: HttpRequest) -> bool:
    """An anonymous GET/HEAD without a session or flash messages: the page it gets is
    the same for every such reader. Decided from the cookies alone (no session read),
    as the proxy decides (deploy/nginx/portal.conf)."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and b"csrfmiddlewaretoken" not in response.content
    )


def _public(response: HttpResponse) -> HttpResponse:
    patch_cache_control(
        response, public=True, max_age=settings.PAGE_MAX_AGE, s_maxage=settings.PAGE_MAX_AGE
    )
    patch_vary_headers(response, ("Cookie",))
    return response


def _not_public(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A page rendered for this reader only: never kept by a shared cache."""
    response[HEADER] = "bypass"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        patch_cache_control(response, no_store=True)  # it can show personal data
    else:
        patch_cache_control(response, private=True)
    return response


def _from_store(view: View, request: HttpRequest, key: str, *args, **kwargs) -> HttpResponse:
    try:
        stored = cache.get(key)
    except Exception:
        _pause("read")
        stored = None
    if stored is not None:
        try:
            content_type, compressed = stored
            response = HttpResponse(zlib.decompress(compressed), content_type=content_type)
        except (TypeError, ValueError, zlib.error):
            logger.warning("Page cache: unreadable entry %s ignored.", key)
        else:
            response[HEADER] = "hit"
            return response
    response = view(request, *args, **kwargs)
    response[HEADER] = "miss"
    if _storable(response):
        value = (response["Content-Type"], zlib.compress(response.content, 6))
        try:
            cache.set(key, value, settings.PAGE_CACHE_SECONDS)
        except Exception:  # the page is served all the same
            _pause("write")
    return response


def public_page(depends_on: Callable[..., Sequence[str]]) -> Callable[[View], View]:
    """Send the view's page as public, with an ETag from the versions it depends on.

    ``depends_on(**view_kwargs)`` names the versions (``guide_version(slug)``,
    ``GUIDE_LISTS``, ``SITE``). Readers with a session or flash messages get the page
    rendered for them, not public.
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if settings.PAGE_CACHE_SECONDS <= 0:
                return view(request, *args, **kwargs)
            if not (_for_everyone(request) and _cache_usable()):
                return _not_public(request, view(request, *args, **kwargs))
            try:
                tag = _etag(request, _versions(depends_on(*args, **kwargs)))
            except Exception:  # never fail a page because of the cache
                _pause("read")
                return _not_public(request, view(request, *args, **kwargs))
            key = KEY_PREFIX + tag.strip('"')
            conditional = condition(etag_func=lambda request, *a, **k: tag)(
                functools.partial(_from_store, view)
            )
            response = conditional(request, key, *args, **kwargs)
            if response.status_code == 304 or _storable(response):
                return _public(response)
            response.headers.pop("ETag", None)  # not the same for every reader
            patch_cache_control(response, private=True)
            return response

        return wrapper

    return decorator


def _same_origin(request: HttpRequest) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def post_from_cached_page(view: View) -> View:
    """For a form on a public page, which carries no CSRF token.

    The browser says where a post comes from (``Sec-Fetch-Site``, else ``Origin``):
    only a post from the portal's own pages is accepted, which is the protection the
    token would give. Use only for posts that act for nobody in particular (the
    "was this helpful?" answer), never for a signed-in reader's account.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST" and not _same_origin(request):
            raise PermissionDenied("A post from another site.")
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)


# --- refreshing ------------------------------------------------------------------------------


def page_refresh(path: str) -> int:
    """Request ``path`` as an anonymous reader at ``PUBLIC_BASE_URL``; the status.

    With ``PAGE_REFRESH_URL`` (the proxy) the request goes there with
    ``X-Page-Refresh``, so the proxy fetches the page anew and keeps the new copy (the
    app renders and stores it on the way); without, it is handled in this process
    (all middleware, no request signals), which fills the app's store.
    """
    public = urlsplit(settings.PUBLIC_BASE_URL)
    if settings.PAGE_REFRESH_URL:
        request = urllib.request.Request(  # noqa: S310 - our own proxy, http(s)
            settings.PAGE_REFRESH_URL.rstrip("/") + path,
            headers={
                "Host": public.netloc,
                "X-Forwarded-Proto": public.scheme,
                REFRESH_HEADER: "1",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
            return response.status
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "HTTP_HOST": public.netloc,
        "wsgi.url_scheme": public.scheme,
        "HTTP_X_FORWARDED_PROTO": public.scheme,
        "wsgi.input": BytesIO(),
    }
    setup_testing_defaults(environ)
    return _handler().get_response(WSGIRequest(environ)).status_code


@functools.cache
def _handler() -> WSGIHandler:
    return WSGIHandler()
