"""The cache while Redis is down: counters move to the database, sign-in keeps working,
the outage is logged once, and the page cache is kept off the database."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from config.cache import forget_outages
from tests.portal.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


class SwitchableCache(LocMemCache):
    """Stands in for Redis: raises as RedisCache does while ``down`` is set."""

    down = False

    def _check(self):
        if SwitchableCache.down:
            raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Refused.")

    def add(self, *args, **kwargs):
        self._check()
        return super().add(*args, **kwargs)

    def get(self, *args, **kwargs):
        self._check()
        return super().get(*args, **kwargs)

    def set(self, *args, **kwargs):
        self._check()
        return super().set(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check()
        return super().delete(*args, **kwargs)

    def incr(self, *args, **kwargs):
        self._check()
        return super().incr(*args, **kwargs)

    def clear(self):
        self._check()
        return super().clear()


def caches_setting(primary_backend, location, retry_after=60):
    return {
        "default": {
            "BACKEND": "config.cache.FallbackCache",
            "OPTIONS": {
                "primary": "redis",
                "fallback": "database",
                "never_fall_back": ["page-cache:"],
                "retry_after": retry_after,
            },
        },
        "redis": {"BACKEND": primary_backend, "LOCATION": location},
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_fallback",
        },
    }


@pytest.fixture
def redis_down(settings):
    """The settings' Redis with its database fallback; nothing listens on port 1."""
    forget_outages()
    settings.CACHES = caches_setting(
        "django.core.cache.backends.redis.RedisCache", "redis://127.0.0.1:1/0"
    )
    call_command("createcachetable", verbosity=0)
    yield
    forget_outages()


@pytest.fixture
def switchable(settings):
    forget_outages()
    SwitchableCache.down = False
    settings.CACHES = caches_setting(
        "tests.config.test_cache.SwitchableCache", "switchable", retry_after=0
    )
    call_command("createcachetable", verbosity=0)
    yield SwitchableCache
    SwitchableCache.down = False
    forget_outages()


def outage_records(caplog):
    return [record for record in caplog.records if record.name == "config.cache"]


def test_sign_in_works_while_redis_is_down(client, redis_down):
    user = UserFactory(email="newcomer@example.org")
    response = client.post(
        reverse("account_login"), {"login": "newcomer@example.org", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_sign_up_works_while_redis_is_down(client, redis_down):
    password = "lingonberry-moose-43-aurora"
    response = client.post(
        reverse("account_signup"),
        {"email": "new.person@example.org", "password1": password, "password2": password},
    )
    assert response.status_code == 302


def test_the_login_limit_holds_while_redis_is_down(client, redis_down):
    UserFactory(email="newcomer@example.org")
    for _ in range(5):
        client.post(
            reverse("account_login"), {"login": "newcomer@example.org", "password": "wrong-1"}
        )
    response = client.post(
        reverse("account_login"), {"login": "newcomer@example.org", "password": DEFAULT_PASSWORD}
    )
    assert SESSION_KEY not in client.session
    errors = response.context["form"].non_field_errors().as_data()
    assert [error.code for error in errors] == ["too_many_login_attempts"]


def test_the_outage_is_logged_once_not_per_request(redis_down, caplog):
    UserFactory(email="newcomer@example.org")
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            Client().post(
                reverse("account_login"),
                {"login": "newcomer@example.org", "password": DEFAULT_PASSWORD},
            )
    (record,) = outage_records(caplog)
    assert record.levelno == logging.ERROR
    assert "unreachable" in record.getMessage()


def test_counters_written_during_the_outage_are_in_the_shared_database(switchable):
    switchable.down = True
    cache.set("enquiry-rate:ip:192.0.2.1", 3, 60)
    switchable.down = False
    assert cache.get("enquiry-rate:ip:192.0.2.1") is None  # Redis is back: its counters
    switchable.down = True
    assert cache.get("enquiry-rate:ip:192.0.2.1") == 3


def test_the_cache_returns_to_redis_and_says_so_once(switchable, caplog):
    with caplog.at_level(logging.INFO):
        switchable.down = True
        cache.set("counter", 1, 60)
        cache.set("counter", 2, 60)
        switchable.down = False
        cache.set("counter", 5, 60)
        cache.set("counter", 6, 60)
    assert [record.levelno for record in outage_records(caplog)] == [
        logging.ERROR,
        logging.WARNING,
    ]
    assert "answers again" in outage_records(caplog)[1].getMessage()
    assert cache.get("counter") == 6


def test_page_cache_keys_never_go_to_the_database(switchable):
    switchable.down = True
    with pytest.raises(RedisConnectionError):
        cache.get("page-cache:generation")
    with pytest.raises(RedisConnectionError):
        cache.get_many(["page-cache:page:abc", "page-cache:generation"])
