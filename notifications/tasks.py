"""E-mail tasks (the ``email`` queue) and the outbox sweep: thin, ids in, idempotent.

Workers run with ``acks_late`` and ``reject_on_worker_lost`` (config/settings.py):
an e-mail whose worker dies is given back to the queue, and sending a row twice
sends it once (``email_send`` locks the row and checks its state).
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from notifications.services import email_send, email_sweep

RETRIED = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (Exception,),
    "max_retries": 10,
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "ignore_result": True,
}


@shared_task(name="notifications.tasks.send_email", time_limit=60, soft_time_limit=45, **RETRIED)
def send_email(self, email_id: int) -> bool:
    return email_send(email_id=email_id)


@shared_task(name="notifications.tasks.send_emails", time_limit=120, soft_time_limit=100, **RETRIED)
def send_emails(self, email_ids: list[int]) -> int:
    """Several e-mails from one cause; each is sent (and marked sent) on its own."""
    return sum(email_send(email_id=email_id) for email_id in email_ids)


@shared_task(
    name="notifications.tasks.sweep_outbox",
    time_limit=120,
    soft_time_limit=100,
    ignore_result=True,
)
def sweep_outbox() -> int:
    """Re-dispatch e-mails the broker never got (beat, every 30 s)."""
    return email_sweep(lease_seconds=settings.EMAIL_LEASE_SECONDS)
