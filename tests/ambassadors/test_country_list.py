"""The ambassador application's country list is in the reader's language and sorted
the way that language sorts (issue 15): not the Swedish list in every language."""

from __future__ import annotations

import pytest
from django.utils import translation

from ambassadors.forms import AmbassadorApplicationForm
from portal.collation import collation_key

pytestmark = pytest.mark.django_db


def names(language: str) -> list[str]:
    with translation.override(language):
        form = AmbassadorApplicationForm()
        return [str(name) for _code, name in form.fields["countries_lived_in"].choices]


def test_the_english_list_has_english_names_in_english_order():
    shown = names("en")
    assert "Sweden" in shown
    assert "Germany" in shown
    assert "Sverige" not in shown
    assert "Tyskland" not in shown
    # English sorts Å with A: the Åland Islands come between Afghanistan and Albania.
    assert shown.index("Afghanistan") < shown.index("Åland Islands") < shown.index("Albania")
    assert shown == sorted(shown, key=lambda name: collation_key(name, "en"))


def test_the_arabic_list_has_arabic_names():
    shown = names("ar")
    assert "السويد" in shown
    assert "Sweden" not in shown
    assert "Sverige" not in shown


def test_the_swedish_list_puts_a_ring_a_diaeresis_and_o_diaeresis_after_z():
    shown = names("sv")
    assert "Sverige" in shown
    assert shown.index("Zimbabwe") < shown.index("Åland") < shown.index("Österrike")


def test_the_ukrainian_list_follows_the_ukrainian_alphabet():
    shown = names("uk")
    # The Ukrainian letters after и come before й:
    # Israel (Ізраїль) before Jordan (Йорданія) before Kazakhstan.
    assert shown.index("Ізраїль") < shown.index("Йорданія") < shown.index("Казахстан")


def test_the_persian_list_follows_the_persian_alphabet():
    shown = names("fa")
    # ب پ ت: Brazil (برزیل) before Portugal (پرتغال) before Turkey (ترکیه).
    assert shown.index("برزیل") < shown.index("پرتغال") < shown.index("ترکیه")


@pytest.mark.parametrize(
    ("language", "words", "expected"),
    [
        ("sv", ["ö", "z", "å", "ä", "a"], ["a", "z", "å", "ä", "ö"]),
        ("de", ["Österreich", "Oman", "Ostfriesland"], ["Oman", "Österreich", "Ostfriesland"]),
        ("es", ["Ñandú", "Nuevo", "Oro"], ["Nuevo", "Ñandú", "Oro"]),
        ("pl", ["Łotwa", "Luksemburg", "Malta"], ["Luksemburg", "Łotwa", "Malta"]),
    ],
)
def test_the_collation_key_follows_each_languages_alphabet(language, words, expected):
    assert sorted(words, key=lambda word: collation_key(word, language)) == expected
