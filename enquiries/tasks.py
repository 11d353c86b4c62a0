"""Celery tasks for enquiries: thin, take ids, idempotent, time-limited, retried.

Workers run with ``acks_late`` and ``reject_on_worker_lost`` (config/settings.py):
a task whose worker dies is given back to the queue, and running any of these
twice has the effect of running it once.
"""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError

from enquiries.services.privacy import enquiries_anonymise_expired
from enquiries.services.routing import enquiry_route
from enquiries.services.sla import enquiry_check_deadlines
from enquiries.services.submission import enquiry_sweep_unrouted
from enquiries.services.topics import topic_model_retrain

RETRIED = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "retry_backoff": 2,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "ignore_result": True,
}


@shared_task(
    name="enquiries.tasks.route_enquiry",
    autoretry_for=(DatabaseError,),
    max_retries=8,
    time_limit=60,
    soft_time_limit=45,
    **RETRIED,
)
def route_enquiry(self, enquiry_id: int) -> int | None:
    """Route the enquiry, with up to ``ENQUIRY_ROUTING_BATCH - 1`` others waiting.

    A retry routes the enquiry alone, so one enquiry that cannot be routed never
    holds back the others it was batched with."""
    batch = settings.ENQUIRY_ROUTING_BATCH if not self.request.retries else 1
    decision = enquiry_route(enquiry_id=enquiry_id, task_id=self.request.id or "", batch=batch)
    return decision.pk if decision else None


@shared_task(
    name="enquiries.tasks.sweep_outbox", time_limit=120, soft_time_limit=100, ignore_result=True
)
def sweep_outbox() -> dict[str, int]:
    """Re-dispatch routing the broker never got (beat, every 30 s); lost e-mails are
    swept by notifications.tasks.sweep_outbox."""
    lease = settings.ENQUIRY_ROUTING_LEASE_SECONDS
    return {"enquiries": enquiry_sweep_unrouted(lease_seconds=lease)}


@shared_task(
    name="enquiries.tasks.check_enquiry_deadlines",
    time_limit=120,
    soft_time_limit=100,
    ignore_result=True,
)
def check_enquiry_deadlines() -> dict[str, int]:
    run = enquiry_check_deadlines()
    return {"warned": run.warned, "breached": run.breached}


@shared_task(
    name="enquiries.tasks.anonymise_expired_enquiries",
    time_limit=600,
    soft_time_limit=550,
    ignore_result=True,
)
def anonymise_expired_enquiries() -> int:
    return enquiries_anonymise_expired()


@shared_task(
    name="enquiries.tasks.retrain_topic_model",
    autoretry_for=(DatabaseError,),
    max_retries=3,
    time_limit=1800,
    soft_time_limit=1700,
    **RETRIED,
)
def retrain_topic_model(self) -> int:
    """Nightly: retrain the topic suggestions on the routed enquiries (0: no model)."""
    snapshot = topic_model_retrain()
    return snapshot.trained_on if snapshot else 0
