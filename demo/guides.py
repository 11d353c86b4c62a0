"""Demo guides for seed_demo: careful, general facts that link to the authority that decides.

Every guide is complete in Swedish and English. The ten "first weeks" essentials are
also in German, Ukrainian and Arabic, marked machine translated (needs review).
When in doubt the text says less and sends the reader to the authority's own site.

The texts are data: one TOML file per guide in ``demo/data/guides/`` (loaded in the
order of their file names), with its topic, stage, authority links and a table per
language (title, summary and the Markdown body).
"""

from __future__ import annotations

import datetime
import tomllib
from pathlib import Path

from django.db import transaction

from guides.models import AuthorityLink, Guide, Topic
from guides.services import guide_translations_sync
from portal.models import Municipality, Organisation

#: Demo guides were last reviewed on this date (one is left overdue on purpose).
REVIEWED = datetime.date(2026, 11, 2)
OVERDUE = datetime.date(2025, 9, 15)
LANGUAGES = ("sv", "en", "de", "es", "pl", "uk", "ar", "fa")
GUIDE_FILES = Path(__file__).resolve().parent / "data" / "guides"


def demo_guide_specs() -> list[dict]:
    """The demo guides' data files, in the order of their names."""
    return [
        tomllib.loads(path.read_text(encoding="utf-8"))
        for path in sorted(GUIDE_FILES.glob("*.toml"))
    ]


@transaction.atomic
def seed_guides() -> int:
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    organisations = {org.slug: org for org in Organisation.objects.all()}
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    specs = demo_guide_specs()
    for spec in specs:
        texts = spec["texts"]
        defaults = {
            "subject": spec["subject"],
            "topic": topics[spec["topic"]],
            "municipality": municipalities.get(spec.get("municipality", "")),
            "organisation": organisations[spec.get("owner", "region-jh")],
            "audience": spec.get("audience", "newcomer"),
            "stage": spec["stage"],
            "applies_to": spec.get("applies_to", []),
            "published": True,
            "last_reviewed": OVERDUE if spec.get("overdue") else REVIEWED,
        }
        for code in LANGUAGES:
            text = texts.get(code, {})
            defaults[f"title_{code}"] = text.get("title", "")
            defaults[f"summary_{code}"] = text.get("summary", "")
            defaults[f"body_{code}"] = text.get("body", "").strip()
        guide, _created = Guide.objects.update_or_create(slug=spec["slug"], defaults=defaults)
        guide.links.all().delete()
        for order, link in enumerate(spec.get("links", [])):
            AuthorityLink.objects.create(
                guide=guide, label_sv=link["sv"], label_en=link["en"], url=link["url"], order=order
            )
        machine = [code for code in ("de", "uk", "ar") if code in texts]
        guide_translations_sync(
            guide=guide, changed_languages=list(texts), machine_translated=machine
        )
    return len(specs)


def seed(stdout) -> None:
    """Called from demo.topics.seed after the topics."""
    stdout.write(f"  guides: {seed_guides()}")
