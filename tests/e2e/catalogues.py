"""Interface strings that must not show up untranslated.

The source strings are the msgids of the project's catalogues (locale/*/LC_MESSAGES)
and of django-allauth's (its pages are part of the portal), plus the project's
Swedish msgstrs. Each string is split at placeholders and markup so that every
fragment lines up with text as the browser shows it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

import allauth
import polib

from tests.e2e.pages import MIN_UNTRANSLATED_LENGTH, PROPER_NOUNS
from tests.e2e.server import ROOT

PROJECT_LOCALE = ROOT / "locale"
ALLAUTH_LOCALE = Path(allauth.__file__).parent / "locale"

_SPLIT = re.compile(
    r"<[^>]*>"  # markup
    r"|%\([^)]*\)[a-z]"  # %(name)s
    r"|%[a-z%]"  # %s
    r"|\{[^}]*\}"  # {name}
)


def normalise(text: str) -> str:
    return " ".join(text.split())


def fragments(message: str) -> set[str]:
    """Pieces of a message long and specific enough to flag when seen verbatim."""
    pieces = set()
    for piece in _SPLIT.split(message):
        piece = normalise(piece).strip(" .,:;!?()–-")
        if len(piece) < MIN_UNTRANSLATED_LENGTH:
            continue
        rest = piece
        for noun in sorted(PROPER_NOUNS, key=len, reverse=True):
            rest = rest.replace(noun, "")
        if len(normalise(rest).strip(" .,:;!?()–-")) == 0:
            continue
        pieces.add(piece)
    return pieces


def catalogue_path(locale_dir: Path, lang: str) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / "django.po"


def _entries(path: Path) -> list[polib.POEntry]:
    if not path.exists():
        return []
    return [e for e in polib.pofile(str(path)) if not e.obsolete]


def _messages(entry: polib.POEntry) -> list[str]:
    return [entry.msgid, *([entry.msgid_plural] if entry.msgid_plural else [])]


def _translations(entry: polib.POEntry) -> list[str]:
    if "fuzzy" in entry.flags:
        return []
    if entry.msgstr_plural:
        return [s for s in entry.msgstr_plural.values() if s]
    return [entry.msgstr] if entry.msgstr else []


@functools.cache
def translated_text(lang: str) -> str:
    """Every translation the page language has: text allowed to appear verbatim."""
    texts = []
    for locale_dir in (PROJECT_LOCALE, ALLAUTH_LOCALE):
        for entry in _entries(catalogue_path(locale_dir, lang)):
            texts.extend(normalise(t) for t in _translations(entry))
    return "\n".join(texts)


@functools.cache
def source_fragments(lang: str) -> frozenset[str]:
    """Fragments that, on a page in ``lang``, mean a string was not translated."""
    candidates: set[str] = set()
    for path in PROJECT_LOCALE.glob("*/LC_MESSAGES/django.po"):
        for entry in _entries(path):
            for message in _messages(entry):
                candidates.update(fragments(message))
    for entry in _entries(catalogue_path(ALLAUTH_LOCALE, "en")):
        for message in _messages(entry):
            candidates.update(fragments(message))
    if lang != "sv":
        # Swedish single words are mostly names of authorities and organisations
        # ("Arbetsförmedlingen", "Skatteverket") that every language shows as they
        # are; only Swedish phrases count.
        for entry in _entries(catalogue_path(PROJECT_LOCALE, "sv")):
            for message in _translations(entry):
                candidates.update(f for f in fragments(message) if " " in f)
    allowed = translated_text(lang)
    return frozenset(f for f in candidates if f not in allowed)


def untranslated_on_page(lang: str, texts: Sequence[str], foreign: Sequence[str] = ()) -> list[str]:
    """Source fragments seen in ``texts``, unless the page also has them as text in
    another language (a fallback guide's title repeated in <title>, say)."""
    page_text = normalise(" \n ".join(texts))
    foreign_text = normalise(" \n ".join(foreign))
    return sorted(f for f in source_fragments(lang) if f in page_text and f not in foreign_text)


def missing_catalogues(languages: list[str]) -> list[str]:
    return [lang for lang in languages if not catalogue_path(PROJECT_LOCALE, lang).exists()]
