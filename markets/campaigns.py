"""Campaign tags on links (``?campaign=pl-forestry-2027``), remembered without a
tracking cookie.

A tag travels with the visitor only as a query parameter or a hidden form field
(the enquiry forms, the sign-up form and the job page's apply link carry it on).
A signed-in visitor already has a session (a functional cookie): only then is a tag
from a link also kept in that session, so a campaign link followed while signed in
counts for what the person does next. An anonymous first visit with ``?campaign=``
sets no cookie at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse

from markets.models import CAMPAIGN_MAX_LENGTH

#: The query parameter and form field name.
CAMPAIGN_PARAM = "campaign"
#: The session key used for signed-in visitors only.
SESSION_KEY = "markets:campaign"

_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def campaign_clean(value: object) -> str | None:
    """The campaign tag if ``value`` is a valid one (a slug of lower-case letters,
    digits, hyphens and underscores, at most ``CAMPAIGN_MAX_LENGTH`` characters;
    upper case is folded), else None."""
    if not isinstance(value, str):
        return None
    value = value.strip().lower()
    if not value or len(value) > CAMPAIGN_MAX_LENGTH or not value.isascii():
        return None
    return value if _SLUG.match(value) else None


def campaign_of(request: HttpRequest) -> str | None:
    """The campaign this request carries: the form field, the query parameter, or
    (signed-in visitors only) the one kept in the session."""
    for source in (request.POST, request.GET):
        found = campaign_clean(source.get(CAMPAIGN_PARAM))
        if found:
            return found
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return campaign_clean(request.session.get(SESSION_KEY))
    return None


def campaign_query(campaign: str | None) -> str:
    """``campaign=<tag>`` for a link, or an empty string."""
    return urlencode({CAMPAIGN_PARAM: campaign}) if campaign else ""


class CampaignMiddleware:
    """Keeps a link's campaign in the session of a signed-in visitor (who already has
    a session cookie). Never creates a session: anonymous visitors carry the tag in
    the address and in hidden form fields only."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Only a request that carries a tag looks at the user (and so the session):
        # other responses stay as they were (no "Vary: Cookie" added here).
        found = campaign_clean(request.GET.get(CAMPAIGN_PARAM)) if request.method == "GET" else None
        user = getattr(request, "user", None) if found else None
        signed_in = user is not None and user.is_authenticated
        if signed_in and request.session.get(SESSION_KEY) != found:
            request.session[SESSION_KEY] = found
        return self.get_response(request)
