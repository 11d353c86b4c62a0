"""The settings module: embedded defaults, switches to real services, production rules.

Most tests execute ``config/settings.py`` afresh with ``runpy`` under a controlled
environment (fast, and the running Django keeps its own settings). The production
start-up and ``check --deploy`` run in a subprocess, as they would on a server.
"""

from __future__ import annotations

import os
import runpy
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_FILE = ROOT / "config" / "settings.py"
ENV_PREFIXES = (
    "DJANGO_",
    "DATABASE_",
    "REDIS_",
    "CELERY_",
    "EMAIL_",
    "SECURE_",
    "SQLITE_",
    "STATIC_",
    "CACHE_",
    "PAGE_",
    "TRUSTED_PROXY",
)


def _clean_environ() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIXES)}


def _random_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


@pytest.fixture
def load_settings(monkeypatch):
    """Execute the settings module with exactly the given environment variables."""

    def load(*, under_pytest: bool = False, **variables: str) -> dict:
        if not under_pytest:
            monkeypatch.delenv("PYTEST_VERSION", raising=False)
        for name in list(os.environ):
            if name.startswith(ENV_PREFIXES):
                monkeypatch.delenv(name)
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS_FILE))

    return load


def run_django(*args: str, **variables: str) -> subprocess.CompletedProcess:
    env = _clean_environ() | {"DJANGO_SETTINGS_MODULE": "config.settings"} | variables
    env.pop("PYTEST_VERSION", None)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


# --- embedded default ---------------------------------------------------------------


def test_with_nothing_set_the_database_is_sqlite(load_settings):
    settings = load_settings()
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"


def test_with_nothing_set_celery_runs_tasks_eagerly(load_settings):
    settings = load_settings()
    assert settings["CELERY_TASK_ALWAYS_EAGER"] is True
    assert settings["CELERY_BROKER_URL"] == "memory://"


def test_with_nothing_set_e_mail_is_printed_to_the_console(load_settings):
    settings = load_settings()
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_with_nothing_set_the_cache_is_local_memory(load_settings):
    settings = load_settings()
    assert (
        settings["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    )


def test_with_nothing_set_the_environment_is_development_with_debug(load_settings):
    settings = load_settings()
    assert settings["DJANGO_ENV"] == "development"
    assert settings["DEBUG"] is True
    assert settings["IS_PRODUCTION"] is False


def test_under_pytest_the_default_environment_is_test_with_fast_hashing(load_settings):
    settings = load_settings(under_pytest=True)
    assert settings["DJANGO_ENV"] == "test"
    assert settings["DEBUG"] is False
    assert settings["PASSWORD_HASHERS"] == ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- real services --------------------------------------------------------------------


def test_database_url_switches_to_postgresql_with_persistent_checked_connections(
    load_settings,
):
    settings = load_settings(DATABASE_URL="postgres://ih:secret@db.internal:5432/ih")
    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "ih"
    assert database["HOST"] == "db.internal"
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] > 0
    assert settings["IS_POSTGRES"] is True
    # Statements bind their values on the client and are never prepared on the server.
    assert "prepare_threshold" not in database.get("OPTIONS", {})


def test_redis_url_switches_the_cache_to_redis_with_the_database_behind_it(load_settings):
    settings = load_settings(REDIS_URL="redis://cache.internal:6379/0")
    caches = settings["CACHES"]
    assert caches["default"]["BACKEND"] == "config.cache.FallbackCache"
    assert caches["default"]["OPTIONS"]["primary"] == "redis"
    assert caches["redis"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert caches["redis"]["LOCATION"] == "redis://cache.internal:6379/0"
    fallback = caches[caches["default"]["OPTIONS"]["fallback"]]
    assert fallback["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_redis_url_switches_celery_to_real_workers_on_that_broker(load_settings):
    settings = load_settings(REDIS_URL="redis://cache.internal:6379/0")
    assert settings["CELERY_TASK_ALWAYS_EAGER"] is False
    assert settings["CELERY_BROKER_URL"] == "redis://cache.internal:6379/0"


def test_a_separate_celery_broker_url_takes_precedence_over_redis_url(load_settings):
    settings = load_settings(
        REDIS_URL="redis://cache.internal:6379/0", CELERY_BROKER_URL="redis://broker:6379/1"
    )
    assert settings["CELERY_BROKER_URL"] == "redis://broker:6379/1"
    assert settings["CELERY_TASK_ALWAYS_EAGER"] is False


def test_cache_url_and_broker_url_name_two_redis_servers(load_settings):
    settings = load_settings(
        CACHE_URL="redis://cache:6379/0",
        CELERY_BROKER_URL="redis://broker:6379/0",
        REDIS_URL="redis://old:6379/0",
    )
    assert settings["CACHES"]["redis"]["LOCATION"] == "redis://cache:6379/0"
    assert settings["CACHES"]["default"]["OPTIONS"]["primary"] == "redis"
    assert settings["CELERY_BROKER_URL"] == "redis://broker:6379/0"
    assert settings["CELERY_TASK_ALWAYS_EAGER"] is False


def test_cache_url_alone_leaves_celery_eager(load_settings):
    settings = load_settings(CACHE_URL="redis://cache:6379/0")
    assert settings["CACHES"]["redis"]["BACKEND"].endswith("RedisCache")
    assert settings["CELERY_TASK_ALWAYS_EAGER"] is True


def test_public_pages_are_kept_a_minute_and_refreshed_in_process_by_default(load_settings):
    settings = load_settings()
    assert settings["PAGE_MAX_AGE"] == 60
    assert settings["PAGE_REFRESH_URL"] is None
    settings = load_settings(PAGE_MAX_AGE="120", PAGE_REFRESH_URL="http://nginx")
    assert (settings["PAGE_MAX_AGE"], settings["PAGE_REFRESH_URL"]) == (120, "http://nginx")


def test_email_host_switches_to_smtp(load_settings):
    settings = load_settings(EMAIL_HOST="smtp.example.org")
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert settings["EMAIL_USE_TLS"] is True


def test_a_bad_boolean_in_the_environment_stops_the_settings_naming_it(load_settings):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        load_settings(DJANGO_DEBUG="ture")


def test_an_unknown_django_env_stops_the_settings_naming_it(load_settings):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ENV='prod' must be one of"):
        load_settings(DJANGO_ENV="prod")


# --- production ---------------------------------------------------------------------


def test_production_settings_need_a_secret_key(load_settings):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is required"):
        load_settings(DJANGO_ENV="production", DJANGO_ALLOWED_HOSTS="example.org")


def test_production_settings_need_allowed_hosts(load_settings):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_ALLOWED_HOSTS is required"):
        load_settings(DJANGO_ENV="production", DJANGO_SECRET_KEY=_random_secret_key())


def test_production_refuses_debug(load_settings):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG must not be on"):
        load_settings(
            DJANGO_ENV="production",
            DJANGO_SECRET_KEY=_random_secret_key(),
            DJANGO_ALLOWED_HOSTS="example.org",
            DJANGO_DEBUG="true",
        )


def test_production_settings_turn_on_secure_cookies_https_redirect_and_hsts(load_settings):
    settings = load_settings(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=_random_secret_key(),
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] >= 31536000


def test_a_production_process_without_a_secret_key_stops_with_a_clear_message():
    result = run_django(
        "-c",
        "import django; django.setup()",
        DJANGO_ENV="production",
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "The environment variable DJANGO_SECRET_KEY is required." in result.stderr


def test_a_production_process_without_allowed_hosts_stops_with_a_clear_message():
    result = run_django(
        "-c",
        "import django; django.setup()",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=_random_secret_key(),
    )
    assert result.returncode != 0
    assert "The environment variable DJANGO_ALLOWED_HOSTS is required." in result.stderr


def test_check_deploy_is_clean_in_production_mode():
    result = run_django(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=_random_secret_key(),
        DJANGO_ALLOWED_HOSTS="example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
