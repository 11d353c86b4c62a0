"""Health checks against real Redis. Readiness (/healthz/ready): 200 while it is up,
503 naming it when it is down. Liveness (/healthz): 200 either way."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from config.celery import app as celery_app

pytestmark = pytest.mark.django_db


@pytest.fixture
def point_at(settings):
    def _point(url: str) -> None:
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            }
        }
        celery_app.conf.broker_url = url

    original = celery_app.conf.broker_url
    yield _point
    celery_app.conf.broker_url = original
    caches["default"].close()


def test_readiness_is_200_with_every_check_named_when_redis_is_up(client, redis_server, point_at):
    point_at(redis_server.url)
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }


def test_readiness_is_503_naming_the_cache_and_broker_when_redis_is_down(
    client, redis_server, point_at
):
    point_at(redis_server.url)
    redis_server.stop()
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"].startswith("error")
    assert body["checks"]["broker"].startswith("error")


def test_liveness_is_200_when_redis_is_down(client, redis_server, point_at):
    point_at(redis_server.url)
    redis_server.stop()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
