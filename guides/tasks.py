"""Celery tasks for guides (imported by enquiries/tasks.py so autodiscovery finds them)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError
from django.utils import translation

from guides.models import Guide
from guides.services import guide_review_reminders_send, search_words_refresh
from portal.page_cache import page_refresh

__all__ = ["rebuild_search_words", "refresh_guide_pages", "send_guide_review_reminders"]

logger = logging.getLogger(__name__)


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


@shared_task(
    name="guides.tasks.refresh_guide_pages",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DatabaseError, OSError),
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=3,
    time_limit=120,
    soft_time_limit=100,
    ignore_result=True,
)
def refresh_guide_pages(guide_id: int) -> dict[str, int]:
    """After an edit: render the guide's page in every language, as an anonymous
    reader would get it, so the next reader gets it from the cache (the proxy's when
    ``PAGE_REFRESH_URL`` is set, else the app's). Idempotent. The statuses by path."""
    guide = Guide.objects.filter(pk=guide_id, published=True).select_related("topic").first()
    if guide is None or settings.PAGE_CACHE_SECONDS <= 0:
        return {}
    statuses = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):  # also restored after the request
            path = guide.get_absolute_url()
            statuses[path] = page_refresh(path)
    if any(status != 200 for status in statuses.values()):
        logger.warning("refresh of guide %s answered %s", guide_id, statuses)
    return statuses
