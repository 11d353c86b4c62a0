from __future__ import annotations

from celery import shared_task

from insights.services import insights_refresh_recent


@shared_task(ignore_result=True)
def refresh_insights() -> int:
    """Recompute the last days' pre-aggregated figures (beat, every 15 minutes)."""
    return insights_refresh_recent()
