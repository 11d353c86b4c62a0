"""/healthz: 200 when the database, cache (and broker) answer; 503 naming what failed."""

from __future__ import annotations

import time

import pytest
from django.test import override_settings

from portal.views import celery_app

#: Nothing listens on port 1: connections are refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/0"
DEAD_REDIS_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": DEAD_REDIS,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


@pytest.fixture
def dead_broker(monkeypatch, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setitem(celery_app.conf, "broker_url", DEAD_REDIS)


def timed_get(client, path="/healthz"):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def test_healthz_answers_ok_with_each_check_by_default(client, db, settings):
    response = client.get("/healthz")
    expected = {"database": "ok", "cache": "ok"}
    if not settings.CELERY_TASK_ALWAYS_EAGER:  # the real-services tier has a broker
        expected["broker"] = "ok"
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": expected}


def test_healthz_is_never_cached(client, db):
    assert "no-cache" in client.get("/healthz").headers["Cache-Control"]


def test_healthz_refuses_posts(client, db):
    assert client.post("/healthz").status_code == 405


@override_settings(CACHES=DEAD_REDIS_CACHE)
def test_healthz_answers_503_naming_the_cache_when_redis_is_down(client, db):
    response, elapsed = timed_get(client)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"].startswith("error")
    assert elapsed < 5


def test_healthz_checks_the_broker_when_tasks_go_to_workers(client, db, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setitem(celery_app.conf, "broker_url", "memory://")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


def test_healthz_answers_503_naming_the_broker_when_it_is_down(client, db, dead_broker):
    response, elapsed = timed_get(client)
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["broker"].startswith("error")
    assert checks["database"] == "ok"
    assert checks["cache"] == "ok"
    assert elapsed < 5
