"""The guide view counter: the guide page (a cached public page, the same for every
reader) loads a one-pixel image from here. Counted per guide, language and day; the request's
cookies, address and user are never read."""

from __future__ import annotations

import base64

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from guides.models import Guide
from insights.services import guide_view_count

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)


@require_GET
@never_cache
def guide_seen(request: HttpRequest, guide_id: int, language: str) -> HttpResponse:
    if language in LANGUAGES and Guide.objects.filter(pk=guide_id, published=True).exists():
        guide_view_count(guide_id=guide_id, language=language)
    return HttpResponse(PIXEL, content_type="image/gif")
