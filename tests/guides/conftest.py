"""Fixtures shared by the relocation tests."""

import pytest

from tests.guides.factories import TopicFactory


@pytest.fixture
def topic(db):
    """The housing topic, which the guide fixtures of several test modules belong to."""
    return TopicFactory(slug="housing", name_sv="Bostad", name_en="Housing")
