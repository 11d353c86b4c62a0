"""The newcomer's welcome pack: the page, the PDF (built by a task) and the calendar.

Each shows the pack in the language of the address (/<lang>/my/welcome-pack/…).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from welcome.selectors import pack_for
from welcome.services import pack_calendar, pack_pdf_filename, pack_pdf_request


@login_required
@require_safe
@cache_control(private=True, no_cache=True)
def pack_page(request: HttpRequest) -> HttpResponse:
    pack = pack_for(request.user, language=request.LANGUAGE_CODE)
    languages = [(code, name) for code, name in settings.LANGUAGES if code != pack.language]
    return render(request, "welcome/pack.html", {"pack": pack, "other_languages": languages})


@login_required
@require_safe
@cache_control(private=True, no_cache=True)
def pack_pdf(request: HttpRequest) -> HttpResponse:
    """The PDF when built; otherwise its build is queued and a page says to reload."""
    pack = pack_for(request.user, language=request.LANGUAGE_CODE)
    built = pack_pdf_request(pack)
    if built is None:
        response = render(request, "welcome/pdf_pending.html", {"pack": pack}, status=202)
        response["Retry-After"] = "10"
        return response
    response = HttpResponse(bytes(built.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pack_pdf_filename(pack)}"'
    return response


@login_required
@require_safe
@cache_control(private=True, no_cache=True)
def pack_ics(request: HttpRequest) -> HttpResponse:
    pack = pack_for(request.user, language=request.LANGUAGE_CODE)
    body = pack_calendar(pack, today=timezone.localdate())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="first-week-{pack.language}.ics"'
    return response
