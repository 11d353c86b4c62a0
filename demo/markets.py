"""Example target-market data files (``markets/data/*.example.csv``) for the demo.

They are fictional but plausible, and marked as examples in their header comments.
Idempotent: a file identical to the current version of its kind is not imported again.
"""

from __future__ import annotations

from markets.models import MarketDataImport
from markets.services import DATA_DIR, market_data_import

EXAMPLE_FILES = {
    MarketDataImport.Kind.SHORTAGE: "shortage_occupations.example.csv",
    MarketDataImport.Kind.SURPLUS: "surplus_countries.example.csv",
    MarketDataImport.Kind.WHO: "who_safeguards.example.csv",
}


def seed(stdout=None) -> None:
    for kind, name in EXAMPLE_FILES.items():
        path = DATA_DIR / name
        version, created = market_data_import(kind=kind, file_name=name, content=path.read_bytes())
        if stdout is not None and created:
            stdout.write(f"Target-market example data: {version.row_count} rows from {name}")
