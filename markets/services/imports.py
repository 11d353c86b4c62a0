"""Importing the target-market data files: one service behind the management command
and the admin upload form. A file is parsed and checked completely before anything is
written; the rows and the version record are written in one transaction."""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from markets.models import (
    MarketDataImport,
    SafeguardCountry,
    ShortageOccupation,
    SurplusCountry,
)

# --- imports ----------------------------------------------------------------------------

MAX_IMPORT_BYTES = 1_000_000
MAX_IMPORT_ROWS = 20_000
MAX_REPORTED_ERRORS = 20

_FOUR_DIGITS = re.compile(r"^\d{4}$")


class MarketDataError(ValueError):
    """A file refused: ``errors`` lists what is wrong, each naming its line."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class KindSpec:
    columns: tuple[str, ...]
    key: tuple[str, ...]
    year_column: str


KINDS: dict[str, KindSpec] = {
    MarketDataImport.Kind.SHORTAGE: KindSpec(("ssyk", "outlook", "year"), ("ssyk", "year"), "year"),
    MarketDataImport.Kind.SURPLUS: KindSpec(
        ("isco", "country", "year"), ("isco", "country", "year"), "year"
    ),
    MarketDataImport.Kind.WHO: KindSpec(("country", "list_year"), ("country",), "list_year"),
}


@dataclass
class ParsedFile:
    rows: list[dict[str, Any]]
    source: str
    data_year: int


def _check_code(value: str) -> str | None:
    return None if _FOUR_DIGITS.match(value) else _("a four-digit code is expected")


def _check_value(column: str, value: str) -> tuple[Any, str | None]:
    """The cleaned value of one cell, or an error message."""
    if column in ("ssyk", "isco"):
        return value, _check_code(value)
    if column in ("year", "list_year"):
        ok = _FOUR_DIGITS.match(value) and 2000 <= int(value) <= 2100
        return (int(value) if ok else value), None if ok else _("a year such as 2026 is expected")
    if column == "country":
        code = value.upper()
        known = len(code) == 2 and code.isalpha() and code in dict(countries)
        return code, None if known else _("unknown ISO 3166 country code")
    if column == "outlook":
        ok = value in ShortageOccupation.Outlook.values
        choices = ", ".join(ShortageOccupation.Outlook.values)
        return value, None if ok else _("the outlook must be one of: %(choices)s") % {
            "choices": choices
        }
    return value, None


def _data_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of the lines that are not blank and not comments."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _source_comment(text: str) -> str:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.lower().startswith("# source:"):
            return stripped.split(":", 1)[1].strip()[:300]
    return ""


def _decode(content: bytes) -> str:
    if len(content) > MAX_IMPORT_BYTES:
        raise MarketDataError([_("The file is larger than 1 MB.")])
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MarketDataError([_("The file is not UTF-8 text.")]) from exc


def _parse_row(
    spec: KindSpec, header: list[str], number: int, values: list[str]
) -> tuple[dict[str, Any], list[str]]:
    if len(values) != len(header):
        message = _("Line %(line)d: %(found)d values, the header has %(expected)d.")
        return {}, [message % {"line": number, "found": len(values), "expected": len(header)}]
    cells = dict(zip(header, (value.strip() for value in values), strict=True))
    row: dict[str, Any] = {}
    errors = []
    for column in spec.columns:
        row[column], problem = _check_value(column, cells[column])
        if problem:
            errors.append(
                _("Line %(line)d, column %(column)s (%(value)s): %(problem)s.")
                % {
                    "line": number,
                    "column": column,
                    "value": cells[column] or "–",
                    "problem": problem,
                }
            )
    return row, errors


def market_data_parse(kind: str, content: bytes) -> ParsedFile:
    """Parse and check a whole file (pure: nothing is written). Raises
    ``MarketDataError`` naming every bad line (up to ``MAX_REPORTED_ERRORS``)."""
    spec = KINDS.get(kind)
    if spec is None:
        raise MarketDataError([_("Unknown kind of file: %(kind)s.") % {"kind": kind}])
    text = _decode(content)
    lines = list(_data_lines(text))
    if not lines:
        raise MarketDataError([_("The file has no header line.")])
    header_line, header_text = lines[0]
    header = [name.strip().lower() for name in next(csv.reader([header_text]))]
    missing = [column for column in spec.columns if column not in header]
    if missing:
        raise MarketDataError(
            [
                _(
                    "Line %(line)d: the header lacks the columns %(missing)s "
                    "(expected: %(expected)s)."
                )
                % {
                    "line": header_line,
                    "missing": ", ".join(missing),
                    "expected": ",".join(spec.columns),
                }
            ]
        )
    errors: list[str] = []
    rows: list[dict[str, Any]] = []
    first_seen: dict[tuple, int] = {}
    for number, line in lines[1:]:
        row, row_errors = _parse_row(spec, header, number, next(csv.reader([line])))
        errors += row_errors
        if row_errors:
            continue
        key = tuple(row[column] for column in spec.key)
        if key in first_seen:
            errors.append(
                _("Line %(line)d repeats line %(first)d.")
                % {"line": number, "first": first_seen[key]}
            )
            continue
        first_seen[key] = number
        rows.append(row)
    if not errors and not rows:
        errors.append(_("The file has no data rows."))
    if len(rows) > MAX_IMPORT_ROWS:
        errors.append(_("The file has more than %(max)d rows.") % {"max": MAX_IMPORT_ROWS})
    if errors:
        raise MarketDataError(errors[:MAX_REPORTED_ERRORS])
    data_year = max(row[spec.year_column] for row in rows)
    return ParsedFile(rows=rows, source=_source_comment(text), data_year=data_year)


def current_import(kind: str) -> MarketDataImport | None:
    return MarketDataImport.objects.filter(kind=kind).order_by("-imported_at", "-pk").first()


_ROW_MODELS: dict[str, Any] = {
    MarketDataImport.Kind.SHORTAGE: ShortageOccupation,
    MarketDataImport.Kind.SURPLUS: SurplusCountry,
    MarketDataImport.Kind.WHO: SafeguardCountry,
}


def market_data_import(
    *, kind: str, file_name: str, content: bytes, user: Any = None
) -> tuple[MarketDataImport, bool]:
    """Import one data file as a new version of its kind: (the version, created).

    The whole file is checked first; a bad file raises ``MarketDataError`` and
    changes nothing. A file identical (same SHA-256) to the current version of its
    kind is not imported again: (the current version, False)."""
    parsed = market_data_parse(kind, content)
    sha256 = hashlib.sha256(content).hexdigest()
    with transaction.atomic():
        current = current_import(kind)
        if current is not None and current.sha256 == sha256:
            return current, False
        version = MarketDataImport.objects.create(
            kind=kind,
            file_name=Path(file_name).name[:255],
            sha256=sha256,
            row_count=len(parsed.rows),
            source=parsed.source,
            data_year=parsed.data_year,
            imported_by=user if user is not None and user.is_authenticated else None,
        )
        model = _ROW_MODELS[kind]
        model.objects.bulk_create(model(data_import=version, **row) for row in parsed.rows)
    return version, True
