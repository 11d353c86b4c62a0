"""The gate's summary: scores, counts and bytes, printed at the end of the run
and written to test-results/gate-summary.txt."""

from __future__ import annotations

from collections import defaultdict

from tests.e2e.server import ROOT

SUMMARY_FILE = ROOT / "test-results" / "gate-summary.txt"

_sections: dict[str, list[str]] = defaultdict(list)


def add(section: str, line: str) -> None:
    _sections[section].append(line)


def render() -> str:
    out = []
    for section, lines in _sections.items():
        out.append(f"== {section}")
        out.extend(f"  {line}" for line in lines)
    return "\n".join(out)


def write() -> str | None:
    if not _sections:
        return None
    text = render() + "\n"
    SUMMARY_FILE.parent.mkdir(parents=True, exist_ok=True)
    SUMMARY_FILE.write_text(text, encoding="utf-8")
    return text
