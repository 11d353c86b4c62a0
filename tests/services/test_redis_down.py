"""Redis stopped: sign-in (staff with their second factor too) works, and the enquiry
limits per client IP and per contact address still refuse the 11th and the 6th."""

from __future__ import annotations

import logging
import time

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from config.cache import forget_outages
from enquiries.models import Enquiry
from tests.enquiries.factories import schools_fixture  # noqa: F401 - fixture
from tests.portal.factories import DEFAULT_PASSWORD, StaffUserFactory, UserFactory
from tests.portal.test_mfa import current_totp_code
from tests.services.enquiry_helpers import use_broker

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_stopped(redis_server, settings):
    """The settings' cache (Redis, the database behind it) and the broker on a private
    redis-server, which is then stopped."""
    forget_outages()
    settings.CACHES = {
        **settings.CACHES,
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    assert settings.CACHES["default"]["BACKEND"] == "config.cache.FallbackCache"
    call_command("createcachetable", verbosity=0)
    original_broker = settings.CELERY_BROKER_URL
    use_broker(redis_server.url)
    caches["default"].set("probe", 1, 60)
    assert caches["redis"].get("probe") == 1  # Redis is in use while it runs
    redis_server.stop()
    yield
    caches["redis"].close()
    use_broker(original_broker)
    forget_outages()


def url(name):
    with translation.override("en"):
        return reverse(name)


def sign_in(client, email, password=DEFAULT_PASSWORD):
    return client.post(url("account_login"), {"login": email, "password": password})


def test_a_newcomer_signs_in_with_redis_stopped(client, redis_stopped, caplog):
    user = UserFactory(email="newcomer@example.org")
    with caplog.at_level(logging.INFO):
        started = time.monotonic()
        for _ in range(3):
            response = sign_in(client, "newcomer@example.org")
            client.logout()
        elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 5
    assert sign_in(client, "newcomer@example.org").status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    outage = [record for record in caplog.records if record.name == "config.cache"]
    assert len(outage) == 1  # once, not per request


def test_staff_sign_in_with_their_code_with_redis_stopped(client, redis_stopped):
    user = StaffUserFactory(email="staff@example.org")
    with time_machine.travel(time.time(), tick=False):
        assert sign_in(client, "staff@example.org").url == url("mfa_authenticate")
        response = client.post(url("mfa_authenticate"), {"code": current_totp_code()})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.get("/admin/").status_code == 200


def test_signing_up_works_with_redis_stopped(client, redis_stopped):
    password = "lingonberry-moose-43-aurora"
    response = client.post(
        url("account_signup"),
        {"email": "new.person@example.org", "password1": password, "password2": password},
    )
    assert response.status_code == 302


def test_the_failed_login_limit_holds_with_redis_stopped(client, redis_stopped):
    UserFactory(email="newcomer@example.org")
    for _ in range(5):
        sign_in(client, "newcomer@example.org", password="wrong-password-1")
    response = sign_in(client, "newcomer@example.org")
    assert SESSION_KEY not in client.session
    codes = [error.code for error in response.context["form"].non_field_errors().as_data()]
    assert codes == ["too_many_login_attempts"]


@pytest.fixture
def enquiry(schools, are):
    def post(*, email, ip):
        return Client(REMOTE_ADDR=ip).post(
            url("enquiries:enquiry_new"),
            {
                "topic": schools.pk,
                "municipality": are.pk,
                "language": "en",
                "message": "Which school can my daughter go to in Åre?",
                "contact_email": email,
                "consent": "on",
                "website": "",
            },
        )

    return post


def test_the_eleventh_enquiry_from_one_ip_is_refused_with_redis_stopped(
    redis_stopped, enquiry, settings
):
    assert settings.ENQUIRY_RATE_LIMIT_PER_IP == 10
    statuses = [
        enquiry(email=f"person{n}@example.org", ip="192.0.2.7").status_code for n in range(11)
    ]
    assert statuses == [302] * 10 + [429]
    assert Enquiry.objects.count() == 10


def test_the_sixth_enquiry_from_one_address_is_refused_with_redis_stopped(
    redis_stopped, enquiry, settings
):
    assert settings.ENQUIRY_RATE_LIMIT_PER_EMAIL == 5
    statuses = [
        enquiry(email="parent@example.org", ip=f"192.0.2.{n}").status_code for n in range(6)
    ]
    assert statuses == [302] * 5 + [429]
    assert Enquiry.objects.count() == 5
