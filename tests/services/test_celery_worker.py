"""A live Celery worker on Redis runs the portal's tasks (real-services tier)."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache

from config.cache import primary_cache
from portal.tasks import heartbeat

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_live_worker_on_redis_runs_the_heartbeat_task(celery_worker_process):
    cache.delete("portal:heartbeat")
    heartbeat.delay()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and cache.get("portal:heartbeat") is None:
        time.sleep(0.2)
    written = cache.get("portal:heartbeat")
    output = "" if written else celery_worker_process.stop()
    assert written is not None, f"the worker did not run the task; its log:\n{output}"


def test_the_database_is_postgresql_and_the_cache_is_redis(settings):
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    # Redis, with the database cache standing in while it is down (config/cache.py).
    assert settings.CACHES["default"]["BACKEND"] == "config.cache.FallbackCache"
    assert settings.CACHES["redis"]["BACKEND"].endswith("RedisCache")
    cache.set("tier-check", "yes", 30)
    assert primary_cache().get("tier-check") == "yes"
