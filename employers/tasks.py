"""Thin Celery tasks: ids in, one service call, idempotent, bounded, retried."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from employers import services


@shared_task(
    name="employers.tasks.close_expired_jobs",
    time_limit=300,
    soft_time_limit=270,
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def close_expired_jobs() -> int:
    """Beat, hourly: published ads past their deadline close."""
    return services.jobs_close_expired()
