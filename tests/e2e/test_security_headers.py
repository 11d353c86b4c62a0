"""Security headers on every kind of response: HTML, 404, static file, admin login."""

from __future__ import annotations

import re

import pytest

from tests.e2e.crawl import PageResult
from tests.e2e.httpclient import Answer, fetch

pytestmark = pytest.mark.browser

STRICT_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
ONE_YEAR = 31536000


def parse_csp(value: str) -> dict[str, list[str]]:
    policy = {}
    for directive in value.split(";"):
        parts = directive.split()
        if parts:
            policy[parts[0].lower()] = parts[1:]
    return policy


def _static_url(crawled: list[PageResult]) -> str:
    home = next(r for r in crawled if r.path == "/sv/" and r.error is None)
    return next(
        ref["url"]
        for ref in home.dom["refs"]
        if ref["tag"] == "link" and "/static/" in ref["url"] and ref["url"].endswith(".css")
    )


def _responses(portal, crawled) -> dict[str, str]:
    return {
        "HTML page": portal.url("/sv/"),
        "404 page": portal.url("/sv/this-page-does-not-exist/"),
        "static file": _static_url(crawled),
        "admin login (redirect)": portal.url("/admin/login/"),
        "admin login (sign-in page)": portal.url("/sv/accounts/login/?next=/admin/"),
    }


def _check_common(answer: Answer) -> list[str]:
    problems = []
    csp = answer.header("Content-Security-Policy")
    if not csp:
        problems.append("no Content-Security-Policy")
    else:
        policy = parse_csp(csp)
        script = policy.get("script-src", policy.get("default-src"))
        if script is None or "'self'" not in script:
            problems.append(f"script-src lacks 'self': {csp}")
        if script and ("'unsafe-inline'" in script or "'unsafe-eval'" in script):
            problems.append(f"script-src allows unsafe-inline/eval: {csp}")
        for directive in ("object-src", "base-uri", "frame-ancestors"):
            if policy.get(directive) != ["'none'"]:
                problems.append(f"{directive} is not 'none': {policy.get(directive)}")
    if (answer.header("X-Content-Type-Options") or "").lower() != "nosniff":
        problems.append("X-Content-Type-Options is not nosniff")
    if (answer.header("Referrer-Policy") or "").lower() not in STRICT_REFERRER_POLICIES:
        problems.append(f"Referrer-Policy: {answer.header('Referrer-Policy')!r}")
    if not answer.header("Permissions-Policy"):
        problems.append("no Permissions-Policy")
    if answer.header("Cross-Origin-Opener-Policy") != "same-origin":
        problems.append(
            f"Cross-Origin-Opener-Policy: {answer.header('Cross-Origin-Opener-Policy')!r}"
        )
    return problems


def test_security_headers_on_every_kind_of_response(portal, crawled, subtests):
    for kind, url in _responses(portal, crawled).items():
        with subtests.test(msg=f"headers: {kind} {url}"):
            answer = fetch(url)
            expected = {"404 page": 404, "admin login (redirect)": 302}.get(kind, 200)
            assert answer.status == expected
            problems = _check_common(answer)
            assert not problems, "\n".join(problems)


def test_hsts_is_sent_to_https_clients(portal, crawled, subtests):
    for kind, url in _responses(portal, crawled).items():
        with subtests.test(msg=f"HSTS: {kind} {url}"):
            answer = fetch(url, headers={"X-Forwarded-Proto": "https"})
            hsts = answer.header("Strict-Transport-Security") or ""
            match = re.search(r"max-age=(\d+)", hsts)
            assert match, f"no Strict-Transport-Security max-age: {hsts!r}"
            assert int(match.group(1)) >= ONE_YEAR, f"HSTS: {hsts!r}"
            assert "includesubdomains" in hsts.lower(), f"HSTS: {hsts!r}"


def test_signed_in_pages_are_never_stored(crawled: list[PageResult], subtests):
    signed_in = [r for r in crawled if r.spec.signed_in]
    assert signed_in, "the gate crawled no signed-in page"
    for result in signed_in:
        with subtests.test(msg=f"no-store: {result.label}"):
            assert result.error is None, result.error
            cache_control = result.headers.get("cache-control", "")
            assert "no-store" in cache_control, f"Cache-Control: {cache_control!r}"
