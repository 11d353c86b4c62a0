"""Which language an enquiry is written in: a cheap script check first (Arabic
script, Cyrillic, Latin), then, for Latin script, an offline detector restricted to
the launch languages written in it (lingua ships its models in its package).

A suggestion, never a decision: short, mixed or unclear texts give ``None`` and the
caller keeps the language the newcomer chose.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from enquiries.services.suggestions import without_place_names

#: Below this many characters (stripped) the text is too short to tell.
MIN_CHARACTERS = 20
#: The dominant script must hold this share of the letters, else the text is mixed.
MIN_SCRIPT_SHARE = 0.8
#: The detector's confidence needed for a Latin-script language.
MIN_CONFIDENCE = 0.5

#: Letters Persian writes and Arabic does not (پ چ ژ گ, Persian yeh and kaf) …
PERSIAN_LETTERS = frozenset("پچژگیک")
#: … and letters Arabic writes and Persian does not (ta marbuta, Arabic yeh, kaf, alef maksura).
ARABIC_LETTERS = frozenset("ةيكى")

LATIN_LANGUAGES = ("sv", "en", "de", "es", "pl")


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for script in ("ARABIC", "CYRILLIC", "LATIN"):
        if name.startswith(script):
            return script
    return "OTHER"


def _dominant_script(text: str) -> str | None:
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            script = _script(char)
            counts[script] = counts.get(script, 0) + 1
    total = sum(counts.values())
    if not total:
        return None
    script, count = max(counts.items(), key=lambda item: item[1])
    return script if count / total >= MIN_SCRIPT_SHARE else None


def _arabic_or_persian(text: str) -> str:
    persian = sum(char in PERSIAN_LETTERS for char in text)
    arabic = sum(char in ARABIC_LETTERS for char in text)
    return "fa" if persian > arabic else "ar"


@cache
def _latin_detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(_iso(code)) for code in LATIN_LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _iso(code: str):
    from lingua import IsoCode639_1

    return getattr(IsoCode639_1, code.upper())


def _latin_language(text: str) -> str | None:
    values = _latin_detector().compute_language_confidence_values(text)
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return values[0].language.iso_code_639_1.name.lower()


def detect_language(text: str) -> str | None:
    """The launch language ``text`` is written in, or None when it cannot be told
    (shorter than MIN_CHARACTERS, mixed scripts, low confidence, another script).
    The county's place names are left out: they are Swedish in every language."""
    text = (text or "").strip()
    if len(text) < MIN_CHARACTERS:
        return None
    text = without_place_names(text)
    script = _dominant_script(text)
    if script == "ARABIC":
        return _arabic_or_persian(text)
    if script == "CYRILLIC":
        return "uk"
    if script == "LATIN":
        return _latin_language(text)
    return None


def language_written(text: str, *, chosen: str) -> str:
    """The detected language, or the chosen one when detection cannot tell."""
    return detect_language(text) or chosen
