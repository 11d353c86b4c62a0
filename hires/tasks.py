"""Thin Celery tasks: one service call, idempotent, bounded, retried."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from hires import services

OPTIONS = {
    "time_limit": 600,
    "soft_time_limit": 570,
    "ignore_result": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 5,
}


@shared_task(name="hires.tasks.send_step_reminders", **OPTIONS)
def send_step_reminders() -> int:
    """Beat, daily: reminders before the checklist's due dates (once per step and date)."""
    return services.step_reminders_send()


@shared_task(name="hires.tasks.send_check_ins", **OPTIONS)
def send_check_ins() -> int:
    """Beat, daily: the follow-up check-ins at 3, 12 and 24 months."""
    return services.check_ins_send()
