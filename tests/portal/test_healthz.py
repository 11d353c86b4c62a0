"""/healthz (liveness): 200 while the process serves, whatever its dependencies do.
/healthz/ready (readiness): 200 when the database, cache (and broker) answer; 503
naming what failed."""

from __future__ import annotations

import time

import pytest
from django.test import override_settings

from config.health import celery_app

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


#: Redis (dead) behind the database fallback, as the settings make it with REDIS_URL.
DEAD_REDIS_WITH_FALLBACK = {
    "default": {
        "BACKEND": "config.cache.FallbackCache",
        "OPTIONS": {"primary": "redis", "fallback": "database"},
    },
    "redis": DEAD_REDIS_CACHE["default"],
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cache_fallback",
    },
}
READY = "/healthz/ready"


def timed_get(client, path=READY):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def test_liveness_answers_ok_without_naming_dependencies(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@override_settings(CACHES=DEAD_REDIS_CACHE)
def test_liveness_stays_ok_while_redis_and_the_broker_are_down(client, db, dead_broker):
    """A Redis outage is shared by every node: a balancer must keep them in rotation."""
    response, elapsed = timed_get(client, "/healthz")
    assert response.status_code == 200
    assert elapsed < 1


def test_readiness_answers_ok_with_each_check_by_default(client, db, settings):
    response = client.get(READY)
    expected = {"database": "ok", "cache": "ok"}
    if not settings.CELERY_TASK_ALWAYS_EAGER:  # the real-services tier has a broker
        expected["broker"] = "ok"
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": expected}


@pytest.mark.parametrize("path", ["/healthz", READY])
def test_health_checks_are_never_cached(client, db, path):
    assert "no-cache" in client.get(path).headers["Cache-Control"]


@pytest.mark.parametrize("path", ["/healthz", READY])
def test_health_checks_refuse_posts(client, db, path):
    assert client.post(path).status_code == 405


@override_settings(CACHES=DEAD_REDIS_CACHE)
def test_readiness_answers_503_naming_the_cache_when_redis_is_down(client, db):
    response, elapsed = timed_get(client)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"].startswith("error")
    assert elapsed < 5


@override_settings(CACHES=DEAD_REDIS_WITH_FALLBACK)
def test_readiness_checks_redis_itself_not_the_database_standing_in_for_it(client, db):
    response, _ = timed_get(client)
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error: ConnectionError"


def test_readiness_checks_the_broker_when_tasks_go_to_workers(client, db, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setitem(celery_app.conf, "broker_url", "memory://")
    response = client.get(READY)
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


def test_readiness_answers_503_naming_the_broker_when_it_is_down(client, db, dead_broker):
    response, elapsed = timed_get(client)
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["broker"].startswith("error")
    assert checks["database"] == "ok"
    assert checks["cache"] == "ok"
    assert elapsed < 5
