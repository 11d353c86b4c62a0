from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_safe
from django.views.defaults import page_not_found

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


def server_error(request: HttpRequest) -> HttpResponse:
    """500 page that needs neither the database nor context processors."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))


def not_found(request: HttpRequest, path: str) -> HttpResponse:
    """An unknown address under a language prefix: the site's 404 page in that
    language, also while debugging (``make run``), where Django would answer with its
    own technical page in English. The last of the language-prefixed patterns."""
    return page_not_found(request, Http404(path))
