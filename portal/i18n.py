"""Language helpers shared by templates, the sitemap and tests."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_info


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def split_language_prefix(path: str) -> tuple[str | None, str]:
    """('sv', '/guides/') for '/sv/guides/'; (None, path) when there is no prefix."""
    parts = path.split("/", 2)
    if len(parts) >= 2 and parts[1] in language_codes():
        rest = "/" + (parts[2] if len(parts) == 3 else "")
        return parts[1], rest
    return None, path


def language_alternates(request: HttpRequest) -> list[dict]:
    """The current page in every launch language (empty outside the language prefix).

    Public URLs are not translated, so swapping the prefix gives the same page in
    another language — for error pages too.
    """
    prefix, rest = split_language_prefix(request.path)
    if prefix is None:
        return []
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    alternates = []
    for code in language_codes():
        info = get_language_info(code)
        path = f"/{code}{rest}"
        alternates.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "dir": "rtl" if info["bidi"] else "ltr",
                "url": request.build_absolute_uri(path),
                "switch_path": f"{path}?{query}" if query else path,
                "is_current": code == current,
            }
        )
    return alternates
