"""The browser journeys navigate like people: one typed address, then clicks.

A journey (tests/e2e/test_*journey*.py) opens /<lang>/ through journeys.start() and
never calls page.goto() itself; the only typed address outside start() is the
root redirect check, which is not a journey. A static check: no browser needed.
"""

from __future__ import annotations

import ast
from pathlib import Path

E2E = Path(__file__).parent
#: Tests in journey files that may type an address, and why.
ALLOWED = {
    ("test_journey.py", "test_the_root_sends_a_browser_to_its_language"): 1,
    # A hire starts where a hire starts: the link in the invitation e-mail.
    ("test_hire_journey.py", "test_an_employer_refers_a_hire_who_accepts_and_gets_a_move_plan"): 1,
}


def goto_calls(node: ast.AST) -> int:
    return sum(
        1
        for call in ast.walk(node)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "goto"
    )


def test_journeys_type_no_address_after_the_first():
    files = sorted(E2E.glob("test_*journey*.py"))
    assert files, "no journey files found"
    typed = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            # Tests, fixtures and helpers alike.
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                count = goto_calls(node)
                if count != ALLOWED.get((path.name, node.name), 0):
                    typed.append(f"{path.name}::{node.name} calls goto() {count}×")
    assert not typed, "journeys must click, not type addresses:\n" + "\n".join(typed)


def test_a_journey_starts_with_one_typed_address():
    tree = ast.parse((E2E / "journeys.py").read_text(encoding="utf-8"))
    starts = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "start"]
    assert len(starts) == 1
    assert goto_calls(tree) == goto_calls(starts[0]) == 1
