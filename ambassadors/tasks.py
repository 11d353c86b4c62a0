"""Thin Celery tasks: ids in, one service call, idempotent, bounded, retried."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from ambassadors import matching, services

_RETRY = {
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(
    name="ambassadors.tasks.match_buddy_request",
    time_limit=60,
    soft_time_limit=45,
    ignore_result=True,
    **_RETRY,
)
def match_buddy_request(request_id: int) -> int | None:
    match = matching.buddy_request_match(request_id=request_id)
    return match.pk if match else None


@shared_task(
    name="ambassadors.tasks.retry_waiting_requests",
    time_limit=600,
    soft_time_limit=540,
    ignore_result=True,
    **_RETRY,
)
def retry_waiting_requests() -> int:
    return matching.buddy_requests_retry_waiting()


@shared_task(
    name="ambassadors.tasks.sweep_matching",
    time_limit=120,
    soft_time_limit=100,
    ignore_result=True,
    **_RETRY,
)
def sweep_matching() -> dict[str, int]:
    """Beat, every minute: expired offers pass on; lost dispatches are re-sent;
    loads left behind by deleted rows are released; whatever a suspended ambassador
    still holds is freed."""
    return {
        "expired": matching.offers_expire(),
        "redispatched": matching.outbox_redispatch(),
        "loads_reconciled": matching.ambassador_loads_reconcile(),
        "orphans_recovered": matching.orphaned_requests_recover(),
        "suspensions_released": services.suspended_holdings_release(),
    }


@shared_task(
    name="ambassadors.tasks.send_check_ins",
    time_limit=600,
    soft_time_limit=540,
    ignore_result=True,
    **_RETRY,
)
def send_check_ins() -> int:
    return services.check_ins_send_due()
