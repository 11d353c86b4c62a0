from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone


@shared_task(name="portal.tasks.heartbeat", time_limit=30, soft_time_limit=20, ignore_result=True)
def heartbeat() -> str:
    """Records that beat and a worker are alive; /healthz and operators can read it."""
    now = timezone.now().isoformat()
    cache.set("portal:heartbeat", now, timeout=60 * 10)
    return now
