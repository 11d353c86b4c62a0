"""Privacy provider for guides: the steps of the move plan the person ticked.

Guide feedback ("Was this helpful?") is stored with no account, address or
session, so it identifies nobody and is neither exported nor erased here.
"""

from __future__ import annotations

from typing import Any

from guides.models import MovePlanTick
from portal.models import User
from portal.privacy import PrivacyProvider, isoformat


def guides_export(user: User) -> dict[str, Any]:
    ticks = MovePlanTick.objects.filter(user=user).order_by("done_at", "pk")
    return {
        "move_plan_steps_done": [
            {"step": tick.subject, "done": isoformat(tick.done_at)} for tick in ticks
        ]
    }


def guides_erase(user: User) -> None:
    MovePlanTick.objects.filter(user=user).delete()


GUIDES = PrivacyProvider(name="guides", export=guides_export, erase=guides_erase)
