#!/usr/bin/env python
"""Fails when a translation catalogue is stale, incomplete, fuzzy or not compiled.

1. Re-extracts the interface strings (``makemessages``) and compares the msgids
   with the committed catalogues: a string in the code that is missing from a
   catalogue, or a catalogue entry no longer in the code, is *stale*.
2. Every launch language: no empty translation, no fuzzy entry, no obsolete entry.
3. The compiled ``.mo`` file holds exactly the translations of the ``.po`` file.

Run: ``.venv/bin/python scripts/check_catalogues.py`` (needs GNU gettext).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

IGNORE = [".venv/*", "node_modules/*", "staticfiles/*", "tests/*", "bench/*", "scripts/*"]


def msgids(po: polib.POFile) -> set[tuple[str, str]]:
    return {(entry.msgctxt or "", entry.msgid) for entry in po if not entry.obsolete}


def main() -> int:  # noqa: C901 - one report over every check of every catalogue
    import django
    from django.conf import settings

    django.setup()
    if shutil.which("xgettext") is None:
        print("GNU gettext (xgettext, msgfmt) is required: apt-get install gettext")
        return 2
    codes = [code for code, _name in settings.LANGUAGES]
    problems: list[str] = []
    before = {}
    for code in codes:
        path = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
        if not path.exists():
            problems.append(f"{code}: no catalogue at {path.relative_to(ROOT)}")
            continue
        before[code] = msgids(polib.pofile(str(path)))

    args = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--add-location", "file"]
    for pattern in IGNORE:
        args += ["-i", pattern]
    for code in codes:
        args += ["-l", code]
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True)  # noqa: S603

    for code in codes:
        po_path = ROOT / "locale" / code / "LC_MESSAGES" / "django.po"
        if not po_path.exists():
            continue
        po = polib.pofile(str(po_path))
        after = msgids(po)
        if code in before:
            for _ctxt, msgid in sorted(after - before[code]):
                problems.append(f"{code}: stale catalogue, missing string {msgid[:70]!r}")
            for _ctxt, msgid in sorted(before[code] - after):
                problems.append(f"{code}: stale catalogue, string no longer used {msgid[:70]!r}")
        for entry in po:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                problems.append(f"{code}: fuzzy entry {entry.msgid[:70]!r}")
            translated = entry.msgstr_plural and all(entry.msgstr_plural.values())
            if not (entry.msgstr or translated):
                problems.append(f"{code}: untranslated {entry.msgid[:70]!r}")
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            problems.append(f"{code}: not compiled (no {mo_path.relative_to(ROOT)})")
            continue
        compiled = {(e.msgctxt or "", e.msgid): e.msgstr for e in polib.mofile(str(mo_path))}
        for entry in po:
            if entry.obsolete or entry.msgid_plural or "fuzzy" in entry.flags:
                continue
            if compiled.get((entry.msgctxt or "", entry.msgid)) != entry.msgstr:
                problems.append(f"{code}: .mo out of date for {entry.msgid[:70]!r}")
                break

    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} catalogue problem(s). Run `make messages`, translate, compile.")
        return 1
    print(f"Catalogues complete and compiled for {len(codes)} languages.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
