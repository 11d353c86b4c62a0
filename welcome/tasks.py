"""Welcome-pack tasks (autodiscovered): thin, plain arguments in, idempotent."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from welcome import services as services_welcome


@shared_task(
    name="welcome.tasks.build_pack_pdf",
    ignore_result=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def build_pack_pdf(
    language: str,
    municipality_id: int | None,
    citizenship: str,
    has_partner: bool,
    has_children: bool,
) -> str:
    """Build the welcome-pack PDF of a situation (nothing when it is built already)."""
    built = services_welcome.pack_pdf_build(
        language=language,
        municipality_id=municipality_id,
        citizenship=citizenship,
        has_partner=has_partner,
        has_children=has_children,
    )
    return built.key
