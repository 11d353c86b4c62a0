"""Lighthouse (mobile) scores for the pages in pages.LIGHTHOUSE_PAGES."""

from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

from tests.e2e import summary
from tests.e2e.chromium import CHROMIUM
from tests.e2e.pages import LIGHTHOUSE_MIN_SCORES, LIGHTHOUSE_PAGES
from tests.e2e.server import ROOT

pytestmark = pytest.mark.browser

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync"
)


# Lighthouse's own tooling failures ("Please run Lighthouse again"): the trace of the
# page load was not recorded. They say nothing about the page, so the run is repeated
# (and the retry reported); any other runtime error or a low score fails at once.
TRANSIENT_RUNTIME_ERRORS = (
    "NO_NAVSTART",
    "NO_TRACING_STARTED",
    "TRACING_ALREADY_STARTED",
    "PROTOCOL_TIMEOUT",
)
ATTEMPTS = 3


def run_lighthouse(url: str, output: str) -> dict:
    for attempt in range(1, ATTEMPTS + 1):
        proc = run_lighthouse_once(url, output)
        transient = [code for code in TRANSIENT_RUNTIME_ERRORS if f"({code})" in proc.stderr]
        if proc.returncode == 0 or not transient or attempt == ATTEMPTS:
            break
        note = f"{url}: retried after {transient[0]} (attempt {attempt})"
        summary.add("Lighthouse (mobile)", note)
    assert proc.returncode == 0, f"lighthouse failed ({proc.returncode}): {proc.stderr[-3000:]}"
    with open(output, encoding="utf-8") as fh:
        return json.load(fh)


def run_lighthouse_once(url: str, output: str) -> subprocess.CompletedProcess:
    if not LIGHTHOUSE.exists():
        pytest.fail(f"{LIGHTHOUSE} is missing: run `npm ci`", pytrace=False)
    return subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
            "--only-categories=accessibility,best-practices,seo,performance",
            "--form-factor=mobile",
            "--output=json",
            f"--output-path={output}",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def failing_audits(report: dict, category: str) -> list[str]:
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight") and audit["score"] is not None and audit["score"] < 1:
            value = audit.get("displayValue") or ""
            out.append(f"{audit['id']} ({audit['score']}): {audit['title']} {value}".strip())
    return out


@pytest.mark.parametrize("path", LIGHTHOUSE_PAGES)
def test_lighthouse_scores(portal, path, tmp_path):
    # The crawl and other tests are done with the server by now or idle; Lighthouse
    # runs one page at a time so the performance score is not skewed by parallel work.
    started = time.monotonic()
    report = run_lighthouse(portal.url(path), str(tmp_path / "report.json"))
    seconds = time.monotonic() - started
    assert not report.get("runtimeError"), report.get("runtimeError")
    scores = {name: round((cat["score"] or 0) * 100) for name, cat in report["categories"].items()}
    weight = int(report["audits"]["total-byte-weight"]["numericValue"])
    summary.add(
        "Lighthouse (mobile)",
        f"{path}: "
        + ", ".join(f"{k} {v}" for k, v in scores.items())
        + f"; {weight} bytes; {seconds:.0f} s",
    )
    print(f"Lighthouse {path}: {scores}, total-byte-weight {weight}")
    low = {k: v for k, v in scores.items() if v < LIGHTHOUSE_MIN_SCORES[k]}
    assert not low, f"{path} below threshold {low}:\n" + "\n".join(
        f"  [{k}] {a}" for k in low for a in failing_audits(report, k)
    )
    for warning in report.get("runWarnings", []):
        print(f"  lighthouse warning: {warning}")
