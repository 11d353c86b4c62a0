"""Suggestions from the enquiry's text, for the newcomer to confirm or change: the
municipality from the county's place names (enquiries/data/county_places.json).

Words are compared case- and accent-insensitively and may carry a short ending
(Swedish "Östersunds", Polish "Östersundzie", Ukrainian "Естерсунді"). A few
names are also ordinary words once their accents are gone ("Åre"/"are",
"Berg"/"berg"): those match only as written with their accents, or capitalised
inside a sentence.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PLACES_FILE = Path(__file__).resolve().parent.parent / "data" / "county_places.json"
WORD = re.compile(r"\w+")
SENTENCE_END = ".!?¿¡:;\n"
#: Letters Arabic script may join to the front of a place name: in, to, and.
ARABIC_PREFIXES = ("ب", "ل", "و")


def fold(text: str) -> str:
    """Lower case without accents: "Östersund" → "ostersund"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True)
class Place:
    name: str
    municipality_slug: str
    strict: bool


@cache
def county_places() -> dict[str, Place]:
    """Folded place name → place."""
    data = json.loads(PLACES_FILE.read_text(encoding="utf-8"))
    strict = {fold(name) for name in data.get("_strict", [])}
    return {
        fold(name): Place(name=name, municipality_slug=slug, strict=fold(name) in strict)
        for slug, names in data.items()
        if not slug.startswith("_")
        for name in names
    }


def _max_ending(name: str) -> int:
    return 3 if len(name) >= 5 else 1


def _candidates(folded: str):
    """The token and the token without a joined Arabic-script letter."""
    yield folded
    if len(folded) > 3 and folded[0] in ARABIC_PREFIXES:
        yield folded[1:]


def _place_of(folded: str) -> Place | None:
    places = county_places()
    for word in _candidates(folded):
        for cut in range(4):
            stem = word[: len(word) - cut] if cut else word
            place = places.get(stem)
            if place is not None and cut <= _max_ending(stem):
                if cut == 1 and len(stem) < 5 and word[-1] != "s":
                    continue  # short names take only the genitive -s
                return place
    return None


def _written_as_name(text: str, match: re.Match, place: Place) -> bool:
    """A strict name counts with its accents, or capitalised inside a sentence."""
    token = match.group()
    has_accents = fold(place.name) != place.name.casefold()
    if has_accents and token.casefold().startswith(place.name.casefold()):
        return True
    before = text[: match.start()].rstrip()
    return token[:1].isupper() and bool(before) and before[-1] not in SENTENCE_END


def _place_at(text: str, match: re.Match) -> Place | None:
    place = _place_of(fold(match.group()))
    if place is None or (place.strict and not _written_as_name(text, match, place)):
        return None
    return place


def places_in(text: str) -> list[Place]:
    """The county places the text names, in the order it names them."""
    text = text or ""
    return [place for match in WORD.finditer(text) if (place := _place_at(text, match))]


def without_place_names(text: str) -> str:
    """The text without the county's place names (Swedish names in an Arabic or
    Ukrainian sentence say nothing about the language it is written in)."""
    return WORD.sub(lambda match: "" if _place_at(text, match) else match.group(), text)


def suggest_municipality_slug(text: str) -> str | None:
    """The municipality of the first county place the text names, or None."""
    places = places_in(text)
    return places[0].municipality_slug if places else None


def suggest_municipality(text: str):
    """The Municipality row :func:`suggest_municipality_slug` names, or None."""
    from portal.models import Municipality

    slug = suggest_municipality_slug(text)
    return Municipality.objects.filter(slug=slug).first() if slug else None
