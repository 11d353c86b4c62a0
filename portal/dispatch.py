"""One way to hand a Celery task to the broker after the transaction commits.

The rows the task works on are already saved in their "to do" state (the outbox),
so a broker that cannot be reached must never fail or stall the user's request:
one quick connection attempt, no publish retries, and the beat sweeps catch up.
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


def send_task_now(task_name: str, *args: Any) -> bool:
    """Send ``task_name(*args)`` at once, failing fast; False when the broker is down."""
    from config.celery import app

    import_module(task_name.rsplit(".", 1)[0])  # registers the task in this process
    task = app.tasks[task_name]
    try:
        if app.conf.task_always_eager:
            task.apply_async(args=list(args))
            return True
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
            task.apply_async(args=list(args), connection=conn, retry=False)
    except Exception:  # the broker is unreachable (or an eager task failed): sweep retries
        logger.warning("could not enqueue %s%r; the sweep will catch up", task_name, args)
        return False
    return True


def enqueue_on_commit(task_name: str, *args: Any) -> None:
    """Send the task once the surrounding transaction commits."""
    transaction.on_commit(lambda: send_task_now(task_name, *args))
