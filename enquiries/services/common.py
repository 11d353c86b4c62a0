"""What the enquiry services share: the history record, the row lock, open states."""

from __future__ import annotations

from enquiries.models import Enquiry, EnquiryEvent

OPEN_STATES = (Enquiry.Status.OPEN, Enquiry.Status.WAITING)


def enquiry_event_record(
    enquiry: Enquiry, action: str, *, actor=None, detail: str = ""
) -> EnquiryEvent:
    """One line of the enquiry's history."""
    return EnquiryEvent.objects.create(
        enquiry=enquiry, action=action, actor=actor, detail=detail[:300]
    )


def enquiry_lock(enquiry: Enquiry) -> Enquiry:
    """The enquiry again, its row locked until the transaction ends."""
    return (
        Enquiry.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=enquiry.pk)
    )
