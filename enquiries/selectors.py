"""Reads about enquiries that are more than one line."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet

from enquiries.models import Enquiry, EnquiryMessage
from guides.models import Topic
from portal.models import Municipality

WORD = re.compile(r"\w{4,}", re.UNICODE)


def enquiry_for_status_page(*, reference: str) -> Enquiry | None:
    return (
        Enquiry.objects.select_related("topic", "municipality", "organisation")
        .filter(reference=reference.upper(), anonymised_at__isnull=True)
        .first()
    )


def enquiry_conversation(*, enquiry: Enquiry) -> list[EnquiryMessage]:
    """What the newcomer sees: their answers and the replies, never internal notes."""
    return list(enquiry.messages.exclude(kind=EnquiryMessage.Kind.NOTE).select_related("author"))


def enquiries_of(*, user) -> QuerySet[Enquiry]:
    return (
        Enquiry.objects.filter(user=user, anonymised_at__isnull=True)
        .select_related("topic", "organisation")
        .order_by("-created_at")
    )


def suggested_guides(
    *, topic: Topic, municipality: Municipality | None, message: str, limit: int = 5
) -> list:
    """Published guides on the topic for the municipality (or the whole county),
    those sharing words with the message first. Empty without the guides app."""
    try:
        from guides.models import Guide
    except ImportError:  # the guides part is not installed
        return []
    guides = list(
        Guide.objects.filter(published=True, topic=topic)
        .filter(municipality__in=[municipality] if municipality else [])
        .select_related("topic")
        | Guide.objects.filter(
            published=True, topic=topic, municipality__isnull=True
        ).select_related("topic")
    )
    words = {word.lower() for word in WORD.findall(message)}

    def score(guide) -> tuple:
        text = f"{guide.title} {guide.summary}".lower()
        return (-sum(word in text for word in words), guide.municipality_id is None, guide.pk)

    return sorted(guides, key=score)[:limit]


# --- the triage desk ---------------------------------------------------------------------
def enquiry_my_work_q(user) -> Q:
    """A staff member's work: open or waiting enquiries assigned to them, or unassigned
    in their organisations."""
    from portal.admin_scoping import staff_organisation_ids

    mine = Q(assignee=user) | Q(
        assignee__isnull=True, organisation__in=staff_organisation_ids(user)
    )
    return mine & Q(status__in=[Enquiry.Status.OPEN, Enquiry.Status.WAITING])
