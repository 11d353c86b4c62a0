"""The one way to hand a Celery task to the broker: by name, after the transaction commits.

Services call ``enqueue_on_commit("app.tasks.name", *ids)``; the task is sent with
``app.send_task`` by its name, so no service imports a task module. The rows the task
works on are already saved in their "to do" state (an outbox), so a broker that cannot
be reached must never fail or stall the user's request: one quick connection attempt,
no publish retries, and the beat sweeps catch up.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from importlib import import_module
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


def _run_eagerly(app, task_name: str, calls: list[Sequence[Any]]) -> None:
    """The embedded default (no broker): run the task here, as Celery's eager mode would."""
    import_module(task_name.rsplit(".", 1)[0])  # registers the task in this process
    task = app.tasks[task_name]
    for args in calls:
        task.apply_async(args=list(args))


def send_tasks_now(task_name: str, calls: Iterable[Sequence[Any]]) -> bool:
    """Send ``task_name(*args)`` for each ``args`` in ``calls`` over one broker
    connection, failing fast. Never raises; False when the broker is down (or, in
    eager mode, the task failed): the outbox sweep tries again later."""
    from config.celery import app

    calls = list(calls)
    if not calls:
        return True
    if app.conf.task_always_eager:
        try:
            _run_eagerly(app, task_name, calls)
        except Exception:  # the task itself failed: the sweep retries
            logger.exception("Running %s eagerly failed; the sweep will retry.", task_name)
            return False
        return True
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
            for args in calls:
                # The queue comes from CELERY_TASK_ROUTES, by the task's name.
                app.send_task(task_name, args=list(args), connection=conn, retry=False)
    except Exception:  # the broker is unreachable: the outbox sweep retries
        logger.warning("Could not enqueue %s for %r; the sweep will catch up.", task_name, calls)
        return False
    return True


def send_task_now(task_name: str, *args: Any) -> bool:
    """Send ``task_name(*args)`` at once, failing fast; False when the broker is down."""
    return send_tasks_now(task_name, [args])


def enqueue_on_commit(task_name: str, *args: Any) -> None:
    """Send the task once the surrounding transaction commits (at once outside one)."""
    transaction.on_commit(lambda: send_task_now(task_name, *args))
