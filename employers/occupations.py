"""The occupations data file and its import (used by ``import_occupations`` and seed_demo)."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from employers.models import Occupation, OccupationImport

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "occupations.json"


@transaction.atomic
def occupations_import(*, path: Path = DEFAULT_PATH) -> OccupationImport:
    """Create or update every occupation in the file by its concept id; occupations no
    longer in the file stay (old ads point at them) but are marked inactive. Each data
    version is recorded once (re-importing the same version changes nothing)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    seen = []
    for row in data["occupations"]:
        occupation = Occupation.objects.filter(concept_id=row["concept_id"]).first()
        occupation = occupation or Occupation(concept_id=row["concept_id"])
        for field in ("ssyk", "isco", "label_sv", "label_en", "sector"):
            setattr(occupation, field, row[field])
        occupation.is_active = True
        occupation.full_clean()
        occupation.save()
        seen.append(occupation.concept_id)
    Occupation.objects.exclude(concept_id__in=seen).update(is_active=False)
    record, _created = OccupationImport.objects.update_or_create(
        version=data["version"], defaults={"source": data["source"], "count": len(seen)}
    )
    return record
