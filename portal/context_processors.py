from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_bidi, get_language_info

from portal.i18n import language_alternates, split_language_prefix


def site(request: HttpRequest) -> dict:
    """Site-wide template context: language alternates, canonical URL, contacts."""
    current = get_language()
    alternates = language_alternates(request)
    canonical = next((alt["url"] for alt in alternates if alt["code"] == current), None)
    # x-default is the unprefixed address, which picks a language for the visitor;
    # the sitemap (Django's ``Sitemap.x_default``) names the same URL.
    x_default = (
        request.build_absolute_uri(split_language_prefix(request.path)[1]) if alternates else None
    )
    return {
        "alternates": alternates,
        "canonical_url": canonical,
        "x_default_url": x_default,
        "current_language_name": get_language_info(current)["name_local"] if current else "",
        "html_dir": "rtl" if get_language_bidi() else "ltr",
        "contact_email": settings.CONTACT_EMAIL,
        "privacy_email": settings.PRIVACY_EMAIL,
    }
