"""A new account remembers the campaign its sign-up form carried (allauth's
``user_signed_up`` signal; connected in ``MarketsConfig.ready``)."""

from __future__ import annotations

from typing import Any

from markets.campaigns import campaign_of
from markets.services import signup_campaign_record


def remember_signup_campaign(
    sender: Any, request: Any = None, user: Any = None, **kwargs: Any
) -> None:
    if request is None or user is None:
        return
    signup_campaign_record(user=user, campaign=campaign_of(request))
