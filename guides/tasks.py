"""Celery tasks for guides (imported by enquiries/tasks.py so autodiscovery finds them)."""

from __future__ import annotations

from celery import shared_task
from django.db import DatabaseError

from guides.services import guide_review_reminders_send, search_words_refresh

__all__ = ["rebuild_search_words", "send_guide_review_reminders"]


@shared_task(
    name="guides.tasks.send_guide_review_reminders",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
    time_limit=300,
    soft_time_limit=240,
    ignore_result=True,
)
def send_guide_review_reminders(self) -> int:
    """Monthly (beat): e-mail each organisation its guides due for review.

    Idempotent: at most one reminder per organisation and month is recorded and sent.
    """
    return guide_review_reminders_send()


@shared_task(
    name="guides.tasks.rebuild_search_words",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError,),
    retry_backoff=60,
    retry_backoff_max=900,
    retry_jitter=True,
    max_retries=5,
    time_limit=900,
    soft_time_limit=840,
    ignore_result=True,
)
def rebuild_search_words() -> None:
    """Nightly (beat): rebuild the vocabulary that misspelt search words are corrected
    against, dropping the words of texts since edited or unpublished (a save only adds
    words). One transaction: searches see the old vocabulary until it commits."""
    search_words_refresh()
