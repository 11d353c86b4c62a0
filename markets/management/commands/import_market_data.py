from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from markets.models import MarketDataImport
from markets.services import MarketDataError, market_data_import


class Command(BaseCommand):
    help = (
        "Import a target-market data file (CSV) as a new version: shortage (ssyk,outlook,year), "
        "surplus (isco,country,year) or who (country,list_year). A bad file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=MarketDataImport.Kind.values)
        parser.add_argument("file", type=Path)

    def handle(self, *args, kind: str, file: Path, **options) -> None:
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        try:
            version, created = market_data_import(kind=kind, file_name=file.name, content=content)
        except MarketDataError as exc:
            raise CommandError(
                f"{file.name} refused, nothing changed:\n" + "\n".join(exc.errors)
            ) from exc
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {version.row_count} rows from {version.file_name} "
                    f"(sha256 {version.sha256[:12]}…, data year {version.data_year})."
                )
            )
        else:
            self.stdout.write(f"{file.name} is already the current {kind} file; nothing changed.")
