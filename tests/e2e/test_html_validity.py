"""The Nu Html Checker (vnu.jar) finds no error in the HTML the portal serves."""

from __future__ import annotations

import pytest

from tests.e2e import summary
from tests.e2e.crawl import PageResult

pytestmark = pytest.mark.browser


def _errors(messages: list[dict]) -> list[dict]:
    return [m for m in messages if m["type"] in ("error", "non-document-error")]


def test_validator_reports_errors_in_broken_html(vnu_messages):
    assert _errors(vnu_messages["canary"]), "vnu.jar found nothing wrong with broken HTML"


def test_served_html_is_valid(crawled: list[PageResult], vnu_messages, subtests):
    errors = warnings = 0
    for result in crawled:
        with subtests.test(msg=f"vnu: {result.label}"):
            assert result.error is None, result.error
            messages = vnu_messages[result.label]
            found = _errors(messages)
            errors += len(found)
            warnings += len(messages) - len(found)
            assert not found, "\n".join(
                f"line {m.get('lastLine')}: {m['message']}\n    {m.get('extract', '')!r}"
                for m in found
            )
    summary.add(
        "Nu Html Checker", f"{errors} errors, {warnings} warnings/info on {len(crawled)} pages"
    )
