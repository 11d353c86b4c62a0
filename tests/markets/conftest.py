from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from demo import markets as demo_markets
from employers.occupations import occupations_import

#: A fixed moment for every test that reads the clock (salary floor, click days).
NOW = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def demo_files(db):
    """The occupation list and the three example data files, as seed_demo loads them."""
    occupations_import()
    demo_markets.seed()


@pytest.fixture(autouse=True)
def english():
    """Messages and reasons are compared in English, whatever language an earlier test
    left active (the portal's default language is Swedish)."""
    with translation.override("en"):
        yield
