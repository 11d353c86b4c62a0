"""What the enquiry services share: the history record, the row lock, open states."""

from __future__ import annotations

from enquiries.models import Enquiry, EnquiryEvent
from portal.models import Organisation

OPEN_STATES = (Enquiry.Status.OPEN, Enquiry.Status.WAITING)


def enquiry_event_record(
    enquiry: Enquiry,
    action: str,
    *,
    actor=None,
    detail: str = "",
    organisation: Organisation | None = None,
) -> EnquiryEvent:
    """One line of the enquiry's history, kept with ``organisation`` (by default the
    one holding the enquiry): another organisation the enquiry goes to later sees
    neither its author nor its detail."""
    return EnquiryEvent.objects.create(
        enquiry=enquiry,
        action=action,
        actor=actor,
        detail=detail[:300],
        organisation_id=organisation.pk if organisation else enquiry.organisation_id,
    )


def enquiry_handler_address(enquiry: Enquiry) -> str:
    """Where news about the enquiry goes on the staff side: its assignee, else the
    organisation's inbox ("" before it is routed)."""
    if enquiry.assignee is not None:
        return enquiry.assignee.email
    if enquiry.organisation is not None:
        return enquiry.organisation.contact_email
    return ""


def enquiry_lock(enquiry: Enquiry) -> Enquiry:
    """The enquiry again, its row locked until the transaction ends."""
    return (
        Enquiry.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=enquiry.pk)
    )
