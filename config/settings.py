"""Settings for the International House portal.

One module, driven by environment variables (see the table in README.md).
Without any variables set, the portal runs on its embedded default: SQLite,
Celery in eager mode, e-mail printed to the console, local-memory cache.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from kombu import Queue

from config.env import (
    env_bool,
    env_choice,
    env_first,
    env_int,
    env_list,
    env_optional,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent

# --- Environment ---------------------------------------------------------------------
# Under pytest (which sets PYTEST_VERSION) the default environment is "test".
DJANGO_ENV = env_choice(
    "DJANGO_ENV",
    ["development", "test", "production"],
    "test" if os.environ.get("PYTEST_VERSION") else "development",
)
IS_PRODUCTION = DJANGO_ENV == "production"

if IS_PRODUCTION:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    DEBUG = env_bool("DJANGO_DEBUG", False)
    if DEBUG:
        raise ImproperlyConfigured("DJANGO_DEBUG must not be on when DJANGO_ENV=production.")
else:
    SECRET_KEY = env_str(
        "DJANGO_SECRET_KEY", "insecure-development-key-never-used-in-production-0123456789"
    )
    ALLOWED_HOSTS = env_list(
        "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"]
    )
    DEBUG = env_bool("DJANGO_DEBUG", DJANGO_ENV == "development")

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# The absolute address of the portal, for links in e-mails sent by tasks (no request
# there). In production it defaults to https:// and the first allowed host.
PUBLIC_BASE_URL = env_str(
    "PUBLIC_BASE_URL",
    f"https://{ALLOWED_HOSTS[0].lstrip('.')}" if IS_PRODUCTION else "http://127.0.0.1:8000",
).rstrip("/")
# Number of reverse proxies in front of the portal whose X-Forwarded-For entries are
# trusted. 0 means the socket address is the client; spoofed headers are ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# --- Applications --------------------------------------------------------------------
INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "portal",
    "guides",
    "enquiries",
    "events",
    "ambassadors",
    "notifications",
    "employers",
    "welcome",
    "hires",
    "markets",
    "insights",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise, so static files (an SVG can hold scripts) get these headers too.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which reads the body: malformed input answers 400.
    "portal.bad_input.MalformedInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "markets.campaigns.CampaignMiddleware",
    "portal.middleware.StaffMFARequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "portal.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.template.context_processors.i18n",
    "django.template.context_processors.csp",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "portal.context_processors.site",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    },
]

# --- Database ------------------------------------------------------------------------
DATABASE_URL = env_optional("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 600, minimum=0),
            conn_health_checks=True,
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# --- Cache, broker -------------------------------------------------------------------
# Two Redis roles that want opposite settings: the cache (pages, rate limits) may lose
# keys (LRU eviction); the broker must never (noeviction, append-only). CACHE_URL and
# CELERY_BROKER_URL name them; REDIS_URL is the fallback of both (one server, as before).
REDIS_URL = env_optional("REDIS_URL")
CACHE_URL = env_first("CACHE_URL", "REDIS_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ih"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# While Redis cannot be reached, the rate-limit counters (sign-in, enquiries) and the
# rest of the cache move to a table in the database (config/cache.py; the table is made
# by `manage.py createcachetable`), except the page cache, which renders uncached.
if CACHES["default"]["BACKEND"].endswith(".RedisCache"):
    CACHES = {
        "default": {
            "BACKEND": "config.cache.FallbackCache",
            "OPTIONS": {
                "primary": "redis",
                "fallback": "database",
                "never_fall_back": ["page-cache:", "page-version:"],
            },
        },
        "redis": CACHES["default"],
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_fallback",
            "OPTIONS": {"MAX_ENTRIES": 50000},
        },
    }
# Public guide pages and search are kept in the cache for anonymous readers for this
# many seconds at most (an edit changes the versions they are stored under); 0 = off:
# no public caching at all. Off by default with DEBUG, so an edited template shows.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 300, minimum=0)
# How long a browser or a proxy may use a public page before revalidating it (ETag).
PAGE_MAX_AGE = env_int("PAGE_MAX_AGE", 60, minimum=0)
# The reverse proxy (e.g. http://nginx) that the page refresh after an edit goes
# through, so the proxy keeps the new page; unset: pages are rendered in-process.
PAGE_REFRESH_URL = env_optional("PAGE_REFRESH_URL")

CELERY_BROKER_URL = env_first("CELERY_BROKER_URL", "REDIS_URL")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", CELERY_BROKER_URL is None)
if CELERY_BROKER_URL is None:
    CELERY_BROKER_URL = "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
# Reliability: a task is acknowledged only after it ran; a worker that dies
# mid-task gives it back to the queue; one message at a time per process.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 120, minimum=1)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 90, minimum=1)
# Redis re-delivers an unacknowledged message after the visibility timeout; it
# must be longer than the longest task. Long delays are scheduled from the database.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=60),
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_WORKER_SEND_TASK_EVENTS = False
# Three queues: "routing" (enquiry routing), "celery" (matching, sweeps, the rest)
# and "email" (every outgoing e-mail), so a burst of notifications never queues in
# front of routing. A worker started without -Q consumes all three; a deployment can
# give each its own workers (`celery -A config worker -Q routing`,
# `-Q celery`, `-Q email`; README "Worker pools").
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = [Queue("routing"), Queue("celery"), Queue("email")]
CELERY_TASK_ROUTES = {
    "enquiries.tasks.route_enquiry": {"queue": "routing"},
    "notifications.tasks.send_email": {"queue": "email"},
    "notifications.tasks.send_emails": {"queue": "email"},
}
CELERY_TIMEZONE = "Europe/Stockholm"
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "portal-heartbeat": {
        "task": "portal.tasks.heartbeat",
        "schedule": timedelta(minutes=1),
        "options": {"expires": 50},
    },
}

# --- Enquiries --------------------------------------------------------------------
# Office hours for response-time promises (local time, weekdays, minus Swedish holidays).
ENQUIRY_OFFICE_OPENS = env_str("ENQUIRY_OFFICE_OPENS", "08:00")
ENQUIRY_OFFICE_CLOSES = env_str("ENQUIRY_OFFICE_CLOSES", "16:30")
# The handler is warned this many minutes before the promised time.
ENQUIRY_SLA_WARNING_MINUTES = env_int("ENQUIRY_SLA_WARNING_MINUTES", 120, minimum=1)
# An enquiry still unrouted this long after its last dispatch is re-dispatched.
ENQUIRY_ROUTING_LEASE_SECONDS = env_int("ENQUIRY_ROUTING_LEASE_SECONDS", 60, minimum=5)
# A routing task also routes up to this many - 1 other enquiries waiting (README).
ENQUIRY_ROUTING_BATCH = env_int("ENQUIRY_ROUTING_BATCH", 100, minimum=1)
# Commit routing transactions without waiting for the disk (PostgreSQL only). Faster
# routing; a database crash may undo the last fraction of a second of routings, which
# the outbox sweep then routes again (the enquiries themselves are always durable).
ENQUIRY_ROUTING_ASYNC_COMMIT = env_bool("ENQUIRY_ROUTING_ASYNC_COMMIT", False)
# Submissions allowed per client IP and per contact e-mail address within an hour.
ENQUIRY_RATE_LIMIT_PER_IP = env_int("ENQUIRY_RATE_LIMIT_PER_IP", 10, minimum=1)
# A status link works this many days after the e-mail (or page) that gave it.
ENQUIRY_STATUS_LINK_DAYS = env_int("ENQUIRY_STATUS_LINK_DAYS", 30, minimum=1)
ENQUIRY_RATE_LIMIT_PER_EMAIL = env_int("ENQUIRY_RATE_LIMIT_PER_EMAIL", 5, minimum=1)
CELERY_BEAT_SCHEDULE["enquiries-sweep-outbox"] = {
    "task": "enquiries.tasks.sweep_outbox",
    "schedule": timedelta(seconds=30),
    "options": {"expires": 25},
}
CELERY_BEAT_SCHEDULE["enquiries-check-deadlines"] = {
    "task": "enquiries.tasks.check_enquiry_deadlines",
    "schedule": timedelta(minutes=1),
    "options": {"expires": 50},
}
CELERY_BEAT_SCHEDULE["enquiries-anonymise-expired"] = {
    "task": "enquiries.tasks.anonymise_expired_enquiries",
    "schedule": timedelta(hours=1),
    "options": {"expires": 3000},
}
# Guides not reviewed for 12 months: their owners are e-mailed on the 1st of each month.
# The topic suggestions' classifier is retrained nightly on the routed enquiries.
CELERY_BEAT_SCHEDULE["enquiries-retrain-topic-model"] = {
    "task": "enquiries.tasks.retrain_topic_model",
    "schedule": crontab(minute=45, hour=2),
    "options": {"expires": 6 * 3600},
}
# Fewer labelled enquiries than this on a topic: it is never suggested.
ENQUIRY_TOPIC_MIN_PER_TOPIC = int(os.environ.get("ENQUIRY_TOPIC_MIN_PER_TOPIC", "20"))
CELERY_BEAT_SCHEDULE["guides-review-reminders"] = {
    "task": "guides.tasks.send_guide_review_reminders",
    "schedule": crontab(minute=0, hour=7, day_of_month=1),
    "options": {"expires": 6 * 3600},
}
# The search vocabulary (misspelt words are corrected against it) is rebuilt nightly.
CELERY_BEAT_SCHEDULE["guides-rebuild-search-words"] = {
    "task": "guides.tasks.rebuild_search_words",
    "schedule": crontab(minute=15, hour=3),
    "options": {"expires": 6 * 3600},
}

# --- Insights and target markets --------------------------------------------------------
# Counts of people under this are shown as "<N" in statistics tables and their exports
# (also the campaign table of the target-markets view).
INSIGHTS_MIN_CELL = env_int("INSIGHTS_MIN_CELL", 5, minimum=1)
# Medians, percentiles and shares only from this many cases (README, "Insights").
INSIGHTS_MIN_CASES_FOR_STATS = env_int("INSIGHTS_MIN_CASES_FOR_STATS", 10, minimum=1)

# --- Ambassadors and events -----------------------------------------------------------
# An ambassador has this many days to accept or decline an offer before it passes on.
AMBASSADOR_OFFER_DAYS = env_int("AMBASSADOR_OFFER_DAYS", 3, minimum=1)
# A buddy request still unmatched this long after its last dispatch is re-dispatched.
AMBASSADOR_MATCHING_LEASE_SECONDS = env_int("AMBASSADOR_MATCHING_LEASE_SECONDS", 120, minimum=5)
# Check-in e-mails to both sides of a match, days after it was accepted.
AMBASSADOR_CHECKIN_FIRST_DAYS = env_int("AMBASSADOR_CHECKIN_FIRST_DAYS", 61, minimum=1)
AMBASSADOR_CHECKIN_SECOND_DAYS = env_int("AMBASSADOR_CHECKIN_SECOND_DAYS", 122, minimum=1)
# Event reminders go out this many hours before the start.
EVENT_REMINDER_HOURS = env_int("EVENT_REMINDER_HOURS", 24, minimum=1)
CELERY_BEAT_SCHEDULE["ambassadors-sweep"] = {
    "task": "ambassadors.tasks.sweep_matching",
    "schedule": timedelta(minutes=1),
    "options": {"expires": 50},
}
CELERY_BEAT_SCHEDULE["ambassadors-retry-waiting"] = {
    "task": "ambassadors.tasks.retry_waiting_requests",
    "schedule": timedelta(minutes=30),
    "options": {"expires": 1500},
}
CELERY_BEAT_SCHEDULE["ambassadors-check-ins"] = {
    "task": "ambassadors.tasks.send_check_ins",
    "schedule": timedelta(hours=1),
    "options": {"expires": 3000},
}
# The dashboard's pre-aggregated daily figures: the last days recomputed (idempotent).
CELERY_BEAT_SCHEDULE["insights-refresh"] = {
    "task": "insights.tasks.refresh_insights",
    "schedule": timedelta(minutes=15),
    "options": {"expires": 600},
}
CELERY_BEAT_SCHEDULE["events-reminders"] = {
    "task": "events.tasks.send_event_reminders",
    "schedule": timedelta(minutes=15),
    "options": {"expires": 800},
}
CELERY_BEAT_SCHEDULE["employers-close-expired-jobs"] = {
    "task": "employers.tasks.close_expired_jobs",
    "schedule": timedelta(hours=1),
    "options": {"expires": 3000},
}

# --- International hires -------------------------------------------------------------
#: An invitation to a referred hire works this many days (then it shows as expired).
HIRE_INVITATION_DAYS = env_int("HIRE_INVITATION_DAYS", 30, minimum=1)
#: Reminders of the employer's checklist go this many days before a due date.
HIRE_REMINDER_DAYS = env_int("HIRE_REMINDER_DAYS", 7, minimum=1)
#: The offer is planned this many months before the start (time for the permit).
HIRE_PERMIT_LEAD_MONTHS = env_int("HIRE_PERMIT_LEAD_MONTHS", 3, minimum=1)
CELERY_BEAT_SCHEDULE["hires-step-reminders"] = {
    "task": "hires.tasks.send_step_reminders",
    "schedule": crontab(minute=30, hour=6),
    "options": {"expires": 3600},
}
CELERY_BEAT_SCHEDULE["hires-check-ins"] = {
    "task": "hires.tasks.send_check_ins",
    "schedule": crontab(minute=45, hour=9),
    "options": {"expires": 3600},
}

# --- E-mail --------------------------------------------------------------------------
# Every e-mail is a row of the notifications outbox first (README "One way out"); a row
# still unsent this long after its last dispatch is handed to the broker again.
EMAIL_LEASE_SECONDS = env_int("EMAIL_LEASE_SECONDS", 60, minimum=5)
CELERY_BEAT_SCHEDULE["notifications-sweep-outbox"] = {
    "task": "notifications.tasks.sweep_outbox",
    "schedule": timedelta(seconds=30),
    "options": {"expires": 25},
}
EMAIL_HOST = env_optional("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
elif env_optional("EMAIL_FILE_PATH"):
    # Each e-mail as a file in this folder (the real-services tests read a worker's mail).
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", "")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "International House Jämtland Härjedalen <noreply@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "info@example.org")
PRIVACY_EMAIL = env_str("PRIVACY_EMAIL", "dataskyddsombud@example.org")

# --- Accounts (django-allauth) -------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# Signed in, the newcomer lands on My page (allauth keeps a ?next= address first).
LOGIN_REDIRECT_URL = "guides:my"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# allauth's e-mails go through the notifications outbox.
ACCOUNT_ADAPTER = "notifications.account_adapter.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "International House – "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if IS_PRODUCTION else "http"
# Failed logins (portal/account_adapter.py): after five failures within five minutes
# for one account from one client, that client is refused for the account; after 20
# from all clients within 15 minutes, every client is; the owner is e-mailed once per
# 15 minutes. One client failing 20 times in 5 minutes (any accounts) is refused too.
# Counters live in the default cache: Redis (shared), the database while Redis is down.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/5m/ip",
    "login_failed_account_client": "5/5m/key",
    "login_failed_account": "20/15m/key",
    "login_attack_notice": "1/15m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "International House JH"
# Staff must have TOTP before reaching /admin/. Demo staff created by seed_demo may
# skip it outside production only.
STAFF_MFA_REQUIRED = True

if DJANGO_ENV == "test":
    # Fast hashing for the test suite only.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Internationalisation ------------------------------------------------------------
LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("pl", _("Polish")),
    ("uk", _("Ukrainian")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
]
LANGUAGES_BIDI = ["ar", "fa", "he", "ur"]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats where Django's own read badly (see config/formats/__init__.py).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Stockholm"
MODELTRANSLATION_DEFAULT_LANGUAGE = "sv"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "sv")
LANGUAGE_COOKIE_SECURE = IS_PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files --------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
_STATIC_BACKEND = (
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if env_bool("STATIC_MANIFEST", not DEBUG and DJANGO_ENV != "test")
    else "django.contrib.staticfiles.storage.StaticFilesStorage"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": _STATIC_BACKEND},
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# --- Security ------------------------------------------------------------------------
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", IS_PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
if IS_PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    STAFF_MFA_REQUIRED = True

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

# --- Logging -------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # A refused request (403: PermissionDenied, CSRF) is one INFO line, not a traceback.
    "filters": {"refused": {"()": "config.log_filters.RefusedRequestFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"filters": ["refused"]},
        "django.security.csrf": {"filters": ["refused"]},
    },
}
