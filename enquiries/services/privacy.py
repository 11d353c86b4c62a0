"""Privacy and audit: the access log and anonymisation (the account's export and
deletion go through the privacy registry, ``portal.privacy``; see ``relocation.privacy``)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from enquiries.models import Enquiry, EnquiryEvent, EnquiryMessage
from notifications.models import OutboundEmail
from portal.models import Organisation

ANONYMISED_TEXT = ""


def enquiry_log_access(*, enquiry: Enquiry, user, changed: bool = False, detail: str = "") -> None:
    """Who viewed or changed an enquiry, and when (shown to coordinators)."""
    EnquiryEvent.objects.create(
        enquiry=enquiry,
        action=EnquiryEvent.Action.CHANGED if changed else EnquiryEvent.Action.VIEWED,
        actor=user,
        detail=detail[:300],
        organisation_id=enquiry.organisation_id,  # the record stays with that organisation
    )


def enquiries_anonymise(*, enquiry_ids: list[int], now) -> int:
    """Blank what identifies the newcomer in these enquiries, their conversation and
    their e-mails; what the statistics need stays."""
    if not enquiry_ids:
        return 0
    count = Enquiry.objects.filter(pk__in=enquiry_ids, anonymised_at__isnull=True).update(
        message=ANONYMISED_TEXT, contact_email="", user=None, anonymised_at=now
    )
    EnquiryMessage.objects.filter(enquiry_id__in=enquiry_ids).update(
        body=ANONYMISED_TEXT, author=None
    )
    EnquiryEvent.objects.filter(enquiry_id__in=enquiry_ids).exclude(
        action__in=EnquiryEvent.ACCESS_ACTIONS
    ).update(detail="")
    OutboundEmail.objects.filter(enquiry_id__in=enquiry_ids).update(
        recipient="anonymised@invalid", subject="", body="", template="", context={}
    )
    EnquiryEvent.objects.bulk_create(
        EnquiryEvent(enquiry_id=pk, action=EnquiryEvent.Action.ANONYMISED) for pk in enquiry_ids
    )
    return count


def enquiries_anonymise_expired(*, now=None, limit: int = 1000) -> int:
    """Anonymise resolved enquiries older than their organisation's retention period.
    What remains (topic, municipality, language, organisation, times) feeds the
    statistics and identifies nobody."""
    now = now or timezone.now()
    expired = Q(pk__in=[])
    for org_id, days in Organisation.objects.values_list("pk", "enquiry_retention_days"):
        expired |= Q(organisation_id=org_id, resolved_at__lt=now - timedelta(days=days))
    with transaction.atomic():
        ids = list(
            Enquiry.objects.select_for_update(skip_locked=True)
            .filter(expired, status=Enquiry.Status.RESOLVED, anonymised_at__isnull=True)
            .values_list("pk", flat=True)[:limit]
        )
        return enquiries_anonymise(enquiry_ids=ids, now=now)
