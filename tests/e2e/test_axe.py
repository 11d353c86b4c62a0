"""axe-core finds no WCAG 2.1 A/AA (EN 301 549) violation on any page, in any language,
wide, at 320 px and in the dark colour scheme."""

from __future__ import annotations

import pytest

from tests.e2e import summary
from tests.e2e.crawl import AXE_VARIANTS, PageResult, load_helpers
from tests.e2e.pages import AXE_TAGS

pytestmark = pytest.mark.browser


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {v['count']} nodes): {v['help']}")
        lines.extend(f"    {n['target']}: {n['summary']}" for n in v["nodes"])
    return "\n".join(lines)


def test_installed_axe_has_rules_for_every_gate_tag(browser):
    page = browser.new_page()
    try:
        page.set_content("<!DOCTYPE html><html lang='en'><title>t</title><main></main></html>")
        load_helpers(page)
        counts = page.evaluate("(tags) => tags.map((t) => axe.getRules([t]).length)", AXE_TAGS)
        version = page.evaluate("axe.version")
    finally:
        page.close()
    per_tag = dict(zip(AXE_TAGS, counts, strict=True))
    summary.add("axe-core", f"version {version}; rules per tag: {per_tag}")
    assert all(counts), f"axe {version} has no rules for some tags: {per_tag}"


@pytest.mark.parametrize("variant", AXE_VARIANTS)
def test_no_axe_violations(crawled: list[PageResult], variant: str, subtests):
    total = 0
    for result in crawled:
        with subtests.test(msg=f"axe {variant}: {result.label}"):
            assert result.error is None, result.error
            violations = result.axe[variant]
            total += sum(v["count"] for v in violations)
            assert not violations, describe(violations)
    summary.add("axe-core", f"{variant}: {total} violating nodes on {len(crawled)} page loads")
