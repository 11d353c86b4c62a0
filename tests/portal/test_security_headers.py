"""Security headers on every kind of response, cookies, caching and HSTS."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.portal.factories import StaffUserFactory, UserFactory

KINDS = ["html-page", "not-found", "static-file", "admin-page"]


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.fixture(params=KINDS)
def response(request, client, db):
    kind = request.param
    if kind == "html-page":
        result = client.get("/en/")
    elif kind == "not-found":
        result = client.get("/en/no-such-page/")
    elif kind == "static-file":
        result = client.get("/static/portal/css/site.css")
    else:
        client.force_login(StaffUserFactory())
        result = client.get("/admin/")
    assert result.status_code == (404 if kind == "not-found" else 200), kind
    return result


def test_scripts_may_come_only_from_the_site_itself(response):
    script_src = csp_directives(response)["script-src"]
    assert script_src[0] == "'self'"
    assert all(source == "'self'" or source.startswith("'nonce-") for source in script_src)


def test_the_content_security_policy_never_allows_inline_code(response):
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]


def test_the_content_security_policy_forbids_plugins_base_changes_and_framing(response):
    directives = csp_directives(response)
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]


def test_the_content_security_policy_defaults_to_the_site_itself(response):
    assert csp_directives(response)["default-src"] == ["'self'"]


def test_browsers_are_told_not_to_sniff_content_types(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_the_referrer_is_kept_within_the_site(response):
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_powerful_browser_features_are_switched_off(response):
    policy = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "geolocation=()", "microphone=()", "payment=()"):
        assert feature in policy


def test_other_sites_opening_a_window_cannot_reach_it(response):
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_pages_may_not_be_framed(client, db):
    assert client.get("/en/").headers["X-Frame-Options"] == "DENY"


# --- cookies and caching ---------------------------------------------------------------------


def test_the_session_cookie_is_http_only_and_same_site_lax(client, db):
    UserFactory(email="newcomer@example.org")
    client.post(
        reverse("account_login"),
        {"login": "newcomer@example.org", "password": "correct-horse-battery-staple"},
    )
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_csrf_cookie_is_http_only_and_same_site_lax(client, db):
    client.get(reverse("account_login"))
    cookie = client.cookies["csrftoken"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_cookies_are_secure_when_configured_for_production(client, db):
    client.get(reverse("account_login"), secure=True)
    assert client.cookies["csrftoken"]["secure"] is True


def test_signed_in_pages_are_not_stored_in_any_cache(client, db):
    client.force_login(UserFactory())
    response = client.get("/en/")
    assert "no-store" in response.headers["Cache-Control"]


def test_signed_in_admin_pages_are_not_stored_in_any_cache(client, db):
    client.force_login(StaffUserFactory())
    assert "no-store" in client.get("/admin/").headers["Cache-Control"]


def test_static_files_stay_cacheable_for_signed_in_users(client, db):
    client.force_login(UserFactory())
    response = client.get("/static/portal/css/site.css")
    assert "no-store" not in response.headers.get("Cache-Control", "")


# --- HSTS -----------------------------------------------------------------------------------


@override_settings(
    SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
)
def test_hsts_is_sent_on_secure_requests_in_production_mode(client, db):
    response = client.get("/en/", secure=True)
    assert response.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )


@override_settings(SECURE_HSTS_SECONDS=31536000)
def test_hsts_is_not_sent_over_plain_http(client, db):
    assert "Strict-Transport-Security" not in client.get("/en/").headers
