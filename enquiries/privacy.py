"""Privacy provider for enquiries: enquiries, their conversations and e-mails.

An enquiry is the person's when their account sent it, or when it was sent signed
out with one of the account's *verified* addresses (an address merely typed into
the account proves nothing). Erasing keeps enquiries only as anonymised records
for the statistics, as the privacy notice says: open ones are closed (no one is
left to answer), their texts, addresses and e-mails are blanked. E-mails to the
person's own addresses are blanked too, and those not yet sent are never sent.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from enquiries.models import Enquiry, EnquiryMessage
from enquiries.services.privacy import enquiries_anonymise
from notifications.models import OutboundEmail
from portal.models import User
from portal.privacy import PrivacyProvider, any_of, isoformat, own_addresses, verified_addresses

ANONYMISED_RECIPIENT = "anonymised@invalid"


def enquiries_of_person(user: User) -> QuerySet[Enquiry]:
    signed_out = Q(user__isnull=True) & any_of("contact_email__iexact", verified_addresses(user))
    return Enquiry.objects.filter(Q(user=user) | signed_out)


def emails_to_person(user: User) -> QuerySet[OutboundEmail]:
    return OutboundEmail.objects.filter(any_of("recipient__iexact", own_addresses(user)))


def enquiries_export(user: User) -> dict[str, Any]:
    enquiries = (
        enquiries_of_person(user)
        .select_related("topic", "municipality", "organisation", "employer")
        .prefetch_related("messages")
        .order_by("created_at", "pk")
    )
    return {
        "enquiries": [
            {
                "reference": enquiry.reference,
                "received": enquiry.created_at.isoformat(),
                "signed_in": enquiry.user_id is not None,
                "asked_by": enquiry.audience,
                "employer": enquiry.employer.name if enquiry.employer else "",
                "topic": str(enquiry.topic),
                "municipality": str(enquiry.municipality or ""),
                "language": enquiry.language,
                "written_in": enquiry.detected_language,
                "message": enquiry.message,
                "contact_email": enquiry.contact_email,
                "status": enquiry.status,
                "organisation": str(enquiry.organisation or ""),
                "campaign": enquiry.campaign or "",
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
        "emails_sent_to_you": [
            {
                "to": email.recipient,
                "subject": email.subject,
                "text": email.body,
                "state": email.state,
                "created": isoformat(email.created_at),
                "sent": isoformat(email.sent_at),
            }
            for email in emails_to_person(user).order_by("created_at", "pk")
        ],
    }


def enquiries_erase(user: User) -> None:
    now = timezone.now()
    ids = list(enquiries_of_person(user).values_list("pk", flat=True))
    Enquiry.objects.filter(pk__in=ids).exclude(status=Enquiry.Status.RESOLVED).exclude(
        status=Enquiry.Status.TO_ROUTE
    ).update(status=Enquiry.Status.RESOLVED, resolved_at=now, due_at=None)
    unsent = OutboundEmail.objects.filter(
        Q(enquiry_id__in=ids) | Q(pk__in=emails_to_person(user).values("pk")),
        state=OutboundEmail.State.PENDING,
    )
    unsent.update(state=OutboundEmail.State.FAILED)
    enquiries_anonymise(enquiry_ids=ids, now=now)
    emails_to_person(user).update(
        recipient=ANONYMISED_RECIPIENT, subject="", body="", template="", context={}
    )


ENQUIRIES = PrivacyProvider(name="enquiries", export=enquiries_export, erase=enquiries_erase)
