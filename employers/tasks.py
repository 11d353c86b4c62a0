"""Thin Celery tasks: ids in, one service call, idempotent, bounded, retried."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from employers import notifications, services
from employers.models import Employer, EmployerInvitation


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


@shared_task(
    name="employers.tasks.notify",
    time_limit=60,
    soft_time_limit=45,
    ignore_result=True,
    autoretry_for=(OSError, OperationalError),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def notify(kind: str, object_id: int) -> None:
    """Send one e-mail about ``kind``; a row deleted meanwhile is simply skipped."""
    try:
        notifications.send(kind, object_id)
    except (Employer.DoesNotExist, EmployerInvitation.DoesNotExist):
        return
