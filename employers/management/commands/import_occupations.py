"""Load the curated occupations (SSYK 2012 level 4 with JobTech Taxonomy concept ids)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from employers.occupations import DEFAULT_PATH, occupations_import


class Command(BaseCommand):
    help = "Import the occupations data file and record its version (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DEFAULT_PATH, help="The JSON data file.")

    def handle(self, *args, file: Path, **options) -> None:
        record = occupations_import(path=file)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {record.count} occupations, data version {record.version}."
            )
        )
