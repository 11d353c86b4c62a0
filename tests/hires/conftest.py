from __future__ import annotations

import re

import pytest

from notifications.models import OutboundEmail
from tests.employers.conftest import (  # noqa: F401 - fixtures shared with the employers' tests
    business_organisation,
    employer_admin,
    employer_in_are,
    staff_of_business,
)
from tests.employers.factories import OccupationFactory


@pytest.fixture
def cook(db):
    return OccupationFactory(
        concept_id="Cook_5120",
        ssyk="5120",
        isco="5120",
        label_sv="Kockar",
        label_en="Cooks",
        sector="hospitality",
    )


def token_in(email: OutboundEmail) -> str:
    match = re.search(r"\?t=([\w-]+)", email.body)
    assert match, email.body
    return match.group(1)


def invitation_to(address: str) -> OutboundEmail:
    return OutboundEmail.objects.filter(
        recipient=address, key__startswith="hires:invitation:"
    ).latest("pk")
