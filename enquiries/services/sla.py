"""Response-time promises: the clock (start, pause, resume), pre-breach warnings and
breach escalation.

The check selects by due time (``due_at <= now``), not by "the last minute", so a
run after downtime catches up with everything it missed. Rows are claimed with
``SKIP LOCKED`` so overlapping runs never notify twice; the e-mail keys make a
repeated notification impossible anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from enquiries.business_hours import add_business_hours, business_time_between
from enquiries.models import Enquiry, EnquiryEvent
from enquiries.services.common import enquiry_handler_address
from notifications.services import email_queue, emails_dispatch_on_commit
from portal.models import Organisation, StaffMembership


# --- the clock -----------------------------------------------------------------------------
def sla_start(enquiry: Enquiry, now) -> None:
    """A new promise: due after the organisation's response time in office hours."""
    if enquiry.organisation is None:
        raise ValueError("An enquiry has a promise only once an organisation holds it.")
    enquiry.due_at = add_business_hours(now, enquiry.organisation.response_time_hours)
    enquiry.sla_cycle += 1
    enquiry.warned_at = None
    enquiry.breached_at = None
    enquiry.sla_paused_remaining = None


def sla_pause(enquiry: Enquiry, now) -> None:
    """Stop the clock, keeping the business time the promise still had."""
    if enquiry.due_at is not None:
        enquiry.sla_paused_remaining = business_time_between(now, enquiry.due_at)
    enquiry.due_at = None


def sla_resume(enquiry: Enquiry, now) -> None:
    """Go on where the clock stopped: same promise cycle, the time left added back.

    A promise already breached stays breached (no second breach notice); one that
    was paused with no time left falls due at once."""
    remaining = enquiry.sla_paused_remaining or timedelta(0)
    enquiry.due_at = add_business_hours(now, remaining.total_seconds() / 3600)
    enquiry.sla_paused_remaining = None


# --- deadlines ---------------------------------------------------------------------------
@dataclass
class DeadlineRun:
    warned: int = 0
    breached: int = 0


def _open_due_before(moment, *, flag: str, limit: int):
    return (
        Enquiry.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("organisation", "assignee")
        .filter(status=Enquiry.Status.OPEN, due_at__lte=moment, **{f"{flag}__isnull": True})
        .order_by("due_at")[:limit]
    )


def enquiry_check_deadlines(*, now=None, limit: int = 500) -> DeadlineRun:
    now = now or timezone.now()
    run = DeadlineRun()
    warning = timedelta(minutes=settings.ENQUIRY_SLA_WARNING_MINUTES)
    with transaction.atomic():
        for enquiry in _open_due_before(now, flag="breached_at", limit=limit):
            _breach(enquiry, now)
            run.breached += 1
        for enquiry in _open_due_before(now + warning, flag="warned_at", limit=limit):
            if enquiry.breached_at is not None:
                continue
            _warn(enquiry, now)
            run.warned += 1
    return run


def _warn(enquiry: Enquiry, now) -> None:
    enquiry.warned_at = now
    enquiry.save(update_fields=["warned_at", "updated_at"])
    EnquiryEvent.objects.create(enquiry=enquiry, action=EnquiryEvent.Action.WARNED)
    if enquiry.is_demo:  # demo data: timed, but nobody is e-mailed
        return
    recipient = enquiry_handler_address(enquiry)
    email_queue(
        key=f"enquiry:{enquiry.pk}:warning:{enquiry.sla_cycle}",
        recipient=recipient,
        template="enquiry_sla_warning",
        language=settings.LANGUAGE_CODE,
        context={"enquiry": enquiry, "organisation": enquiry.organisation},
        enquiry=enquiry,
    )


def _breach(enquiry: Enquiry, now) -> None:
    enquiry.breached_at = now
    enquiry.warned_at = enquiry.warned_at or now
    enquiry.save(update_fields=["breached_at", "warned_at", "updated_at"])
    EnquiryEvent.objects.create(enquiry=enquiry, action=EnquiryEvent.Action.BREACHED)
    if enquiry.is_demo:  # demo data: timed, but nobody is e-mailed
        return
    recipients = set(
        StaffMembership.objects.filter(
            organisation=enquiry.organisation_id,
            role=StaffMembership.Role.COORDINATOR,
            user__is_active=True,
        ).values_list("user__email", flat=True)
    )
    desk = Organisation.objects.filter(is_county_desk=True).first()
    if desk is not None:
        recipients.add(desk.contact_email)
    if not recipients and enquiry.organisation is not None:
        recipients.add(enquiry.organisation.contact_email)
    emails_dispatch_on_commit(
        [
            email_queue(
                key=f"enquiry:{enquiry.pk}:breach:{enquiry.sla_cycle}:{recipient}"[:120],
                recipient=recipient,
                template="enquiry_sla_breach",
                language=settings.LANGUAGE_CODE,
                context={"enquiry": enquiry, "organisation": enquiry.organisation},
                enquiry=enquiry,
                dispatch=False,
            )
            for recipient in sorted(recipients)
        ]
    )
