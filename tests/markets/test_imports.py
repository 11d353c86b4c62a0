"""Importing the target-market data files: good files, every kind of bad file (refused
with the line named, nothing changed), and the version record."""

from __future__ import annotations

import hashlib

import pytest
from django.core.management import CommandError, call_command

from markets.models import MarketDataImport, SafeguardCountry, ShortageOccupation, SurplusCountry
from markets.services import DATA_DIR, MarketDataError, market_data_import, market_data_parse

pytestmark = pytest.mark.django_db

SHORTAGE = (
    b"# source: Example outlook\nssyk,outlook,year\n2221,large_shortage,2026\n6210,shortage,2025\n"
)
SURPLUS = b"isco,country,year\n2221,PT,2025\n2221,es,2025\n"
WHO = b"country,list_year\nNG,2023\nPK,2023\n"


def counts():
    return (
        MarketDataImport.objects.count(),
        ShortageOccupation.objects.count(),
        SurplusCountry.objects.count(),
        SafeguardCountry.objects.count(),
    )


def test_a_good_file_of_each_kind_is_imported_with_its_version(frozen, staff_of_region):
    version, created = market_data_import(
        kind="shortage",
        file_name="exports/outlook-2026.csv",
        content=SHORTAGE,
        user=staff_of_region,
    )
    assert created
    assert version.file_name == "outlook-2026.csv"
    assert version.sha256 == hashlib.sha256(SHORTAGE).hexdigest()
    assert version.row_count == 2
    assert version.source == "Example outlook"
    assert version.data_year == 2026
    assert version.imported_at == frozen
    assert version.imported_by == staff_of_region
    assert sorted(version.shortages.values_list("ssyk", "outlook", "year")) == [
        ("2221", "large_shortage", 2026),
        ("6210", "shortage", 2025),
    ]
    surplus, _ = market_data_import(kind="surplus", file_name="eures.csv", content=SURPLUS)
    assert sorted(surplus.surpluses.values_list("country", flat=True)) == ["ES", "PT"]
    who, _ = market_data_import(kind="who", file_name="who.csv", content=WHO)
    assert who.data_year == 2023
    assert counts() == (3, 2, 2, 2)


def test_a_new_version_keeps_the_old_one_and_the_same_file_is_not_imported_twice(frozen):
    first, _ = market_data_import(kind="who", file_name="who.csv", content=WHO)
    again, created = market_data_import(kind="who", file_name="who-copy.csv", content=WHO)
    assert (again, created) == (first, False)
    second, created = market_data_import(
        kind="who", file_name="who-2024.csv", content=b"country,list_year\nNG,2024\n"
    )
    assert created
    assert MarketDataImport.objects.filter(kind="who").count() == 2
    assert SafeguardCountry.objects.filter(data_import=first).count() == 2
    assert SafeguardCountry.objects.filter(data_import=second).count() == 1


@pytest.mark.parametrize(
    ("kind", "content", "expected"),
    [
        ("shortage", b"ssyk,year\n2221,2026\n", "Line 1: the header lacks the columns outlook"),
        (
            "shortage",
            b"# comment\n\nssyk,outlook,year\n22A1,shortage,2026\n",
            "Line 4, column ssyk (22A1)",
        ),
        ("shortage", b"ssyk,outlook,year\n2221,lots,2026\n", "Line 2, column outlook (lots)"),
        ("shortage", b"ssyk,outlook,year\n2221,shortage,26\n", "Line 2, column year (26)"),
        (
            "shortage",
            b"ssyk,outlook,year\n2221,shortage,2026\n2221,balance,2026\n",
            "Line 3 repeats line 2",
        ),
        ("shortage", b"ssyk,outlook,year\n2221,shortage\n", "Line 2: 2 values, the header has 3"),
        (
            "surplus",
            b"isco,country,year\n2221,XX,2025\n",
            "Line 2, column country (XX): unknown ISO",
        ),
        ("surplus", b"isco,country,year\n2221,PT,2025\n2221,pt,2025\n", "Line 3 repeats line 2"),
        ("surplus", b"isco,country,year\n222,PT,2025\n", "Line 2, column isco (222)"),
        ("who", b"country,list_year\nNG,2023\nNG,2024\n", "Line 3 repeats line 2"),
        ("who", b"country,list_year\nNigeria,2023\n", "Line 2, column country (Nigeria)"),
        ("who", b"country\nNG\n", "Line 1: the header lacks the columns list_year"),
        ("who", b"country,list_year\n", "no data rows"),
        ("who", b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_a_malformed_file_is_refused_naming_the_line_and_nothing_changes(kind, content, expected):
    market_data_import(kind="who", file_name="who.csv", content=WHO)
    before = counts()
    with pytest.raises(MarketDataError) as refused:
        market_data_import(kind=kind, file_name="bad.csv", content=content)
    assert expected in str(refused.value)
    assert counts() == before


def test_every_bad_line_is_reported_not_only_the_first():
    content = b"isco,country,year\n2221,XX,2025\n2221,PT,2025\n2221,YY,2025\n"
    with pytest.raises(MarketDataError) as refused:
        market_data_parse("surplus", content)
    assert [error.split(",")[0] for error in refused.value.errors] == ["Line 2", "Line 4"]


def test_a_failure_while_writing_rows_leaves_no_version(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(SafeguardCountry.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        market_data_import(kind="who", file_name="who.csv", content=WHO)
    assert counts() == (0, 0, 0, 0)


def test_the_command_imports_a_file_and_refuses_a_bad_one(tmp_path, capsys):
    good = tmp_path / "who.csv"
    good.write_bytes(WHO)
    call_command("import_market_data", "who", str(good))
    assert "Imported 2 rows from who.csv" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"country,list_year\nZZ,2023\n")
    with pytest.raises(
        CommandError, match=r"bad.csv refused, nothing changed:\nLine 2, column country \(ZZ\)"
    ):
        call_command("import_market_data", "who", str(bad))
    assert counts() == (1, 0, 0, 2)


def test_the_example_files_are_marked_as_examples_and_import_cleanly():
    for name, kind in (
        ("shortage_occupations.example.csv", "shortage"),
        ("surplus_countries.example.csv", "surplus"),
        ("who_safeguards.example.csv", "who"),
    ):
        content = (DATA_DIR / name).read_bytes()
        assert content.startswith(b"# EXAMPLE DATA")
        assert market_data_parse(kind, content).rows


def test_seed_demo_loads_the_example_files_once(demo_files):
    from demo import markets as demo_markets

    assert MarketDataImport.objects.count() == 3
    demo_markets.seed()
    assert MarketDataImport.objects.count() == 3
