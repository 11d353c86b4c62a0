"""Event tasks (registered through CELERY_IMPORTS): thin, ids in, idempotent."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from events import services as services_events


@shared_task(
    name="events.tasks.send_event_reminders",
    time_limit=600,
    soft_time_limit=540,
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def send_event_reminders() -> int:
    return services_events.event_reminders_send_due()
