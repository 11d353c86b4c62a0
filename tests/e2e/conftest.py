"""Browser tier: the real portal (gunicorn, DJANGO_ENV=production) and Debian's Chromium.

Every fixture here is package-scoped: the portal, the browser and the crawl are
shared by all tests in tests/e2e and shut down when the last of them finished
(Playwright's event loop must not outlive the browser tier: Django refuses ORM
calls from a thread with a running loop).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from tests.e2e import summary
from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.crawl import CRAWL_WORKERS, PageResult, crawl
from tests.e2e.server import ROOT, Portal, run_portal

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: Deliberately invalid HTML validated with the pages: proves the validator reports errors.
VNU_CANARY = "<!DOCTYPE html><html lang=en><title>canary</title><p><div></span>"


def _require(path: Path, hint: str) -> None:
    if not path.exists():
        pytest.fail(f"{path} is missing: {hint}", pytrace=False)


@pytest.fixture(scope="package")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portal]:
    with run_portal(tmp_path_factory.mktemp("portal")) as running:
        yield running


@pytest.fixture(scope="package")
def playwright_instance() -> Iterator[Playwright]:
    _require(CHROMIUM, "run `bash scripts/ensure-chromium` (Debian's chromium package)")
    manager = sync_playwright().start()
    yield manager
    manager.stop()


@pytest.fixture(scope="package")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    instance = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
    )
    yield instance
    instance.close()


@pytest.fixture(scope="package")
def crawled(portal: Portal, tmp_path_factory) -> list[PageResult]:
    """Every gate page in every language, loaded once (see crawl.py)."""
    _require(CHROMIUM, "run `bash scripts/ensure-chromium` (Debian's chromium package)")
    _require(ROOT / "node_modules" / "axe-core" / "axe.min.js", "run `npm ci`")
    started = time.monotonic()
    results = crawl(portal, tmp_path_factory.mktemp("html"))
    seconds = time.monotonic() - started
    names = sorted({r.spec.name for r in results})
    languages = sorted({r.lang for r in results})
    summary.add(
        "Crawl",
        f"{len(results)} page loads = {len(names)} pages × {len(languages)} languages "
        f"in {seconds:.0f} s ({CRAWL_WORKERS} browsers side by side)",
    )
    summary.add("Crawl", "pages: " + ", ".join(names))
    return results


@pytest.fixture(scope="package")
def vnu_messages(crawled: list[PageResult], tmp_path_factory) -> dict[str, list[dict]]:
    """Nu Html Checker messages per page label; one JVM for every page."""
    _require(VNU_JAR, "run `npm ci`")
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing (Debian: openjdk-17-jre-headless)", pytrace=False)
    canary = tmp_path_factory.mktemp("vnu") / "canary.html"
    canary.write_text(VNU_CANARY, encoding="utf-8")
    files = {str(r.html_file): r.label for r in crawled if r.html_file}
    files[str(canary)] = "canary"
    started = time.monotonic()
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar gave no JSON (exit {proc.returncode}): {proc.stderr[-2000:]}")
    by_label: dict[str, list[dict]] = {label: [] for label in files.values()}
    for message in report["messages"]:
        path = message.get("url", "").removeprefix("file:")
        label = files.get(path)
        if label is None:
            pytest.fail(f"vnu message for an unknown file: {message}")
        by_label[label].append(message)
    summary.add(
        "Nu Html Checker", f"{len(files)} files in one JVM, {time.monotonic() - started:.0f} s"
    )
    return by_label


def pytest_terminal_summary(terminalreporter) -> None:
    text = summary.write()
    if text:
        terminalreporter.section("quality gate summary")
        terminalreporter.write(text)
        terminalreporter.write_line(f"(written to {summary.SUMMARY_FILE})")
