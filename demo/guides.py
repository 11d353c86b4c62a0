"""Demo guides for seed_demo: careful, general facts that link to the authority that decides.

Every guide is complete in Swedish and English. The ten "first weeks" essentials are
also in German, Ukrainian and Arabic, marked machine translated (needs review).
When in doubt the text says less and sends the reader to the authority's own site.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from demo.guide_texts import GUIDES
from guides.models import AuthorityLink, Guide, Topic
from guides.services import guide_translations_sync
from portal.models import Municipality, Organisation

#: Demo guides were last reviewed on this date (one is left overdue on purpose).
REVIEWED = datetime.date(2026, 11, 2)
OVERDUE = datetime.date(2025, 9, 15)
LANGUAGES = ("sv", "en", "de", "es", "pl", "uk", "ar", "fa")


@transaction.atomic
def seed_guides() -> int:
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    organisations = {org.slug: org for org in Organisation.objects.all()}
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    for spec in GUIDES:
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
            title, summary, body = texts.get(code, ("", "", ""))
            defaults[f"title_{code}"] = title
            defaults[f"summary_{code}"] = summary
            defaults[f"body_{code}"] = body.strip()
        guide, _created = Guide.objects.update_or_create(slug=spec["slug"], defaults=defaults)
        guide.links.all().delete()
        for order, (label_sv, label_en, url) in enumerate(spec["links"]):
            AuthorityLink.objects.create(
                guide=guide, label_sv=label_sv, label_en=label_en, url=url, order=order
            )
        machine = [code for code in ("de", "uk", "ar") if code in texts]
        guide_translations_sync(
            guide=guide, changed_languages=list(texts), machine_translated=machine
        )
    return len(GUIDES)


def seed(stdout) -> None:
    """Called from demo.topics.seed after the topics."""
    stdout.write(f"  guides: {seed_guides()}")
