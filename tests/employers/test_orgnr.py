"""Organisation numbers: the format check, the third-digit rule and the legal form."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override

from employers.orgnr import legal_form, org_number_normalise


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("212000-0142", "212000-0142"),
        ("212000-1355", "212000-1355"),
        ("556036-0793", "556036-0793"),
        ("202100-2114", "202100-2114"),
        ("202100-5489", "202100-5489"),
        ("5560360793", "556036-0793"),
        ("16556036-0793", "556036-0793"),
        ("165560360793", "556036-0793"),
        (" 556036 0793 ", "556036-0793"),
    ],
)
def test_valid_numbers_are_accepted_in_every_written_form(typed, expected):
    assert org_number_normalise(typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["556016-0681", "5560160681", "556036-079", "55603607931", "196556036079", "ABCDEF-0793", ""],
)
def test_invalid_numbers_are_refused(typed):
    with pytest.raises(ValidationError) as caught:
        org_number_normalise(typed)
    assert caught.value.code == "invalid"


def test_a_personal_identity_number_needs_the_sole_trader_tick():
    # 811218-9876 passes the Luhn check, but its third digit is 1
    with pytest.raises(ValidationError) as caught:
        org_number_normalise("811218-9876")
    assert caught.value.code == "personal_number"
    assert org_number_normalise("811218-9876", sole_trader=True) == "811218-9876"
    assert org_number_normalise("19811218-9876", sole_trader=True) == "811218-9876"


def test_the_first_digit_tells_the_legal_form():
    with override("en"):
        assert legal_form("556036-0793") == "Limited company"
        assert legal_form("212000-0142") == "State, region, municipality or parish"
        assert legal_form("811218-9876", sole_trader=True) == "Sole trader"
    with override("sv"):
        assert legal_form("556036-0793") == "Aktiebolag"
