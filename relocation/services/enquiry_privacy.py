"""Privacy and audit: the access log, anonymisation, data export, account deletion."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from notifications.models import OutboundEmail
from portal.models import Organisation
from relocation.models import Enquiry, EnquiryEvent, EnquiryMessage

ANONYMISED_TEXT = ""


def enquiry_log_access(*, enquiry: Enquiry, user, changed: bool = False, detail: str = "") -> None:
    """Who viewed or changed an enquiry, and when (shown to coordinators)."""
    EnquiryEvent.objects.create(
        enquiry=enquiry,
        action=EnquiryEvent.Action.CHANGED if changed else EnquiryEvent.Action.VIEWED,
        actor=user,
        detail=detail[:300],
    )


def _anonymise(enquiry_ids: list[int], now) -> int:
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
        return _anonymise(ids, now)


def newcomer_export(*, user) -> dict:
    """Everything the portal holds about the newcomer that this app knows of."""
    profile = getattr(user, "newcomer_profile", None)
    enquiries = (
        Enquiry.objects.filter(user=user)
        .select_related("topic", "municipality", "organisation")
        .prefetch_related("messages")
        .order_by("created_at")
    )
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "date_joined": user.date_joined.isoformat(),
        },
        "profile": None
        if profile is None
        else {
            "preferred_language": profile.preferred_language,
            "country_of_origin": str(profile.country_of_origin or ""),
            "municipality": str(profile.municipality or ""),
            "planned_arrival": profile.planned_arrival.isoformat()
            if profile.planned_arrival
            else None,
            "citizenship": profile.citizenship,
            "has_partner": profile.has_partner,
            "children_count": profile.children_count,
            "consent_processing_at": profile.consent_processing_at.isoformat()
            if profile.consent_processing_at
            else None,
        },
        "enquiries": [
            {
                "reference": enquiry.reference,
                "received": enquiry.created_at.isoformat(),
                "topic": str(enquiry.topic),
                "municipality": str(enquiry.municipality or ""),
                "language": enquiry.language,
                "message": enquiry.message,
                "contact_email": enquiry.contact_email,
                "status": enquiry.status,
                "organisation": str(enquiry.organisation or ""),
                "messages": [
                    {
                        "kind": message.kind,
                        "written": message.created_at.isoformat(),
                        "text": message.body,
                    }
                    for message in enquiry.messages.all()
                    if message.kind != EnquiryMessage.Kind.NOTE
                ],
            }
            for enquiry in enquiries
        ],
    }


def newcomer_delete_account(*, user) -> None:
    """Delete the account. Its enquiries stay only as anonymised records; open ones
    are closed, since there is no one left to answer."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(Enquiry.objects.filter(user=user).values_list("pk", flat=True))
        Enquiry.objects.filter(pk__in=ids).exclude(status=Enquiry.Status.RESOLVED).exclude(
            status=Enquiry.Status.TO_ROUTE
        ).update(status=Enquiry.Status.RESOLVED, resolved_at=now, due_at=None)
        _anonymise(ids, now)
        user.delete()
