from __future__ import annotations

import datetime
import logging
import uuid

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import page_not_found

from config.cache import primary_cache
from config.celery import app as celery_app

logger = logging.getLogger(__name__)

#: When the accessibility statement was last assessed and updated (shown on the page).
ACCESSIBILITY_ASSESSED_ON = datetime.date(2026, 11, 23)
ACCESSIBILITY_STATEMENT_UPDATED_ON = datetime.date(2026, 11, 23)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html")


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/accessibility.html",
        {
            "assessed_on": ACCESSIBILITY_ASSESSED_ON,
            "statement_updated_on": ACCESSIBILITY_STATEMENT_UPDATED_ON,
        },
    )


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    # Redis itself, not the database cache that stands in for it during an outage.
    cache = primary_cache()
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return the value just written")
    cache.delete(key)


def _check_broker() -> None:
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, timeout=2)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read every public page (signed-in pages answer them with the
    sign-in page); the staff admin is not for them. The sitemap lists every page in
    every language."""
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: 200 whenever this process serves requests. It reads no dependency, so
    an outage of Redis (shared by every node) never takes the nodes out of rotation."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def healthz_ready(request: HttpRequest) -> JsonResponse:
    """Readiness of the dependencies: 200 with each check's result, or 503 naming what
    failed (for monitoring and deploys; README says why a balancer uses /healthz)."""
    checks = {"database": _check_database, "cache": _check_cache}
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        checks["broker"] = _check_broker
    results: dict[str, str] = {}
    for name, check in checks.items():
        try:
            check()
        except Exception as exc:  # every failure is reported, not raised
            logger.warning("healthz: %s check failed: %s", name, exc)
            results[name] = f"error: {type(exc).__name__}"
        else:
            results[name] = "ok"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results},
        status=200 if healthy else 503,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page that needs neither the database nor context processors."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))


def not_found(request: HttpRequest, path: str) -> HttpResponse:
    """An unknown address under a language prefix: the site's 404 page in that
    language, also while debugging (``make run``), where Django would answer with its
    own technical page in English. The last of the language-prefixed patterns."""
    return page_not_found(request, Http404(path))
