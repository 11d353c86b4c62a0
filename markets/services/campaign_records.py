"""Recording campaigns: a sign-up's campaign and the daily job-click counter."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from markets.models import (
    JobCampaignClicks,
    SignupCampaign,
)

# --- campaigns --------------------------------------------------------------------------


def signup_campaign_record(*, user: Any, campaign: str | None) -> SignupCampaign | None:
    """Remember the campaign of a new account's sign-up (the first one only)."""
    if not campaign:
        return None
    record, _created = SignupCampaign.objects.get_or_create(
        user=user, defaults={"campaign": campaign, "signed_up_on": timezone.localdate()}
    )
    return record


def job_click_record(*, job_id: int, campaign: str | None, kind: str) -> None:
    """Count one job page view or apply click for the campaign today (no personal data)."""
    if not campaign:
        return
    key = {"job_id": job_id, "campaign": campaign, "day": timezone.localdate(), "kind": kind}
    if JobCampaignClicks.objects.filter(**key).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            JobCampaignClicks.objects.create(**key, count=1)
    except IntegrityError:  # created by a concurrent request meanwhile
        JobCampaignClicks.objects.filter(**key).update(count=F("count") + 1)
