"""Event tasks (registered through CELERY_IMPORTS): thin, ids in, idempotent."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from events import services as services_events
from events.models import EventRegistration


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


@shared_task(
    name="events.tasks.notify_promoted",
    time_limit=60,
    soft_time_limit=45,
    ignore_result=True,
    autoretry_for=(OSError, OperationalError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=6,
)
def notify_promoted(registration_id: int) -> None:
    try:
        services_events.notify_promoted(registration_id)
    except EventRegistration.DoesNotExist:
        return
