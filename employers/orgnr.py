"""Swedish organisation numbers: the format check (python-stdnum) and the legal form.

The portal cannot reach the national registers, so a number that passes is only
"format checked": ten digits (or twelve with the century prefix), a Luhn check
digit, and a third digit of at least 2 unless the employer is a sole trader, who
uses a personal identity number.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr

#: The legal form told by the first digit (for numbers whose third digit is ≥ 2).
LEGAL_FORMS = {
    "1": _("Estate of a deceased person"),
    "2": _("State, region, municipality or parish"),
    "3": _("Foreign company"),
    "5": _("Limited company"),
    "6": _("Simple partnership"),
    "7": _("Economic association"),
    "8": _("Non-profit association or foundation"),
    "9": _("Trading or limited partnership"),
}
SOLE_TRADER_FORM = _("Sole trader")

INVALID_MESSAGE = _(
    "This is not a valid Swedish organisation number. Write ten digits, "
    "for example 556036-0793, and check the last digit."
)
PERSONAL_NUMBER_MESSAGE = _(
    "The third digit of an organisation number is at least 2. If you are a sole trader "
    "using your personal identity number, tick “sole trader”."
)


def org_number_normalise(value: str, *, sole_trader: bool = False) -> str:
    """The number as ``NNNNNN-NNNN``, or a ValidationError with a message for people."""
    digits = orgnr.compact(value or "")
    if len(digits) == 12 and digits.isdigit():
        prefixes = ("16", "19", "20") if sole_trader else ("16",)
        if digits[:2] not in prefixes:
            raise ValidationError(INVALID_MESSAGE, code="invalid")
        digits = digits[2:]
    try:
        digits = orgnr.validate(digits)
    except StdnumError as error:
        raise ValidationError(INVALID_MESSAGE, code="invalid") from error
    if int(digits[2]) < 2 and not sole_trader:
        raise ValidationError(PERSONAL_NUMBER_MESSAGE, code="personal_number")
    return orgnr.format(digits)


def legal_form(number: str, *, sole_trader: bool = False) -> str:
    """The legal form the number tells (empty when it tells none)."""
    if sole_trader:
        return str(SOLE_TRADER_FORM)
    return str(LEGAL_FORMS.get(number[:1], ""))
