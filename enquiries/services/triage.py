"""Staff triage of enquiries: assign, re-route, wait, resolve, reply, note.

Called by the staff admin; every function locks the enquiry row, records the
history and schedules e-mail after commit (see enquiries/services/submission.py).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from enquiries.models import Enquiry, EnquiryEvent, EnquiryMessage, RoutingDecision
from enquiries.services.common import enquiry_event_record, enquiry_lock
from enquiries.services.routing import enquiry_notify_organisation, handler_for
from enquiries.services.sla import sla_pause, sla_start
from enquiries.services.submission import enquiry_status_link
from notifications.services import email_queue
from portal.models import Organisation


def enquiry_assign(*, enquiry: Enquiry, assignee, actor) -> Enquiry:
    with transaction.atomic():
        enquiry = enquiry_lock(enquiry)
        if enquiry.assignee_id == assignee.pk:
            return enquiry
        enquiry.assignee = assignee
        enquiry.save(update_fields=["assignee", "updated_at"])
        enquiry_event_record(
            enquiry, EnquiryEvent.Action.ASSIGNED, actor=actor, detail=str(assignee)
        )
    return enquiry


def enquiry_language_correct(*, enquiry: Enquiry, language: str, actor) -> Enquiry:
    """Staff correct the language the message is written in; the history records
    the change (from → to)."""
    with transaction.atomic():
        enquiry = enquiry_lock(enquiry)
        previous = enquiry.detected_language
        if previous == language:
            return enquiry
        enquiry.detected_language = language
        enquiry.language_corrected_at = timezone.now()
        enquiry.save(update_fields=["detected_language", "language_corrected_at", "updated_at"])
        enquiry_event_record(
            enquiry,
            EnquiryEvent.Action.LANGUAGE_CORRECTED,
            actor=actor,
            detail=f"{previous or '?'} → {language}",
        )
    return enquiry


def enquiry_reroute(*, enquiry: Enquiry, organisation: Organisation, reason: str, actor) -> Enquiry:
    """Send the enquiry to another organisation: a decision, a new promise, a handler."""
    with transaction.atomic():
        enquiry = enquiry_lock(enquiry)
        previous = enquiry.organisation
        RoutingDecision.objects.create(
            enquiry=enquiry,
            kind=RoutingDecision.Kind.REROUTE,
            from_organisation=previous,
            organisation=organisation,
            reason=reason,
            decided_by=actor,
        )
        now = timezone.now()
        enquiry.organisation = organisation
        enquiry.assignee = handler_for(organisation=organisation, language=enquiry.language)
        enquiry.status = Enquiry.Status.OPEN
        enquiry.resolved_at = None
        sla_start(enquiry, now)
        enquiry.save()
        enquiry_event_record(
            enquiry,
            EnquiryEvent.Action.REROUTED,
            actor=actor,
            detail=f"{previous} → {organisation}: {reason}",
            organisation=previous,  # done by the previous organisation's staff
        )
        enquiry_notify_organisation(enquiry, cause="rerouted")
    return enquiry


def enquiry_mark_waiting(*, enquiry: Enquiry, actor) -> Enquiry:
    """Waiting for the newcomer: the clock pauses until they answer, keeping the
    business time the promise still had."""
    with transaction.atomic():
        enquiry = enquiry_lock(enquiry)
        if enquiry.status != Enquiry.Status.OPEN:
            return enquiry
        enquiry.status = Enquiry.Status.WAITING
        sla_pause(enquiry, timezone.now())
        enquiry.save(update_fields=["status", "due_at", "sla_paused_remaining", "updated_at"])
        enquiry_event_record(enquiry, EnquiryEvent.Action.WAITING, actor=actor)
    return enquiry


def enquiry_resolve(*, enquiry: Enquiry, actor) -> Enquiry:
    with transaction.atomic():
        enquiry = enquiry_lock(enquiry)
        if enquiry.status in (Enquiry.Status.RESOLVED, Enquiry.Status.TO_ROUTE):
            return enquiry
        enquiry.status = Enquiry.Status.RESOLVED
        enquiry.resolved_at = timezone.now()
        enquiry.due_at = None
        enquiry.sla_paused_remaining = None
        enquiry.save(
            update_fields=["status", "resolved_at", "due_at", "sla_paused_remaining", "updated_at"]
        )
        enquiry_event_record(enquiry, EnquiryEvent.Action.RESOLVED, actor=actor)
    return enquiry


def enquiry_reply(*, enquiry: Enquiry, body: str, actor) -> EnquiryMessage:
    """A reply to the newcomer: shown on the status page and e-mailed in their
    language. The promise is kept; the clock waits for the newcomer."""
    with transaction.atomic():
        enquiry = enquiry_lock(enquiry)
        message = EnquiryMessage(
            enquiry=enquiry,
            kind=EnquiryMessage.Kind.REPLY,
            author=actor,
            body=body.strip(),
            organisation=enquiry.organisation,
        )
        message.full_clean()
        message.save()
        now = timezone.now()
        enquiry.first_response_at = enquiry.first_response_at or now
        if enquiry.status != Enquiry.Status.RESOLVED:
            enquiry.status = Enquiry.Status.WAITING
        # The reply keeps the promise: the newcomer's answer starts a new one.
        enquiry.due_at = None
        enquiry.sla_paused_remaining = None
        if enquiry.assignee_id is None:
            enquiry.assignee = actor
        enquiry.save()
        enquiry_event_record(enquiry, EnquiryEvent.Action.REPLIED, actor=actor)
        email_queue(
            key=f"enquiry:{enquiry.pk}:reply:{message.pk}",
            recipient=enquiry.contact_email,
            template="enquiry_reply",
            language=enquiry.language,
            context={
                "enquiry": enquiry,
                "reply": message,
                "status_link": enquiry_status_link(enquiry=enquiry),
            },
            enquiry=enquiry,
        )
    return message


def enquiry_add_note(*, enquiry: Enquiry, body: str, actor) -> EnquiryMessage:
    with transaction.atomic():
        message = EnquiryMessage(
            enquiry=enquiry,
            kind=EnquiryMessage.Kind.NOTE,
            author=actor,
            body=body.strip(),
            organisation_id=enquiry.organisation_id,  # the note stays with its writers
        )
        message.full_clean()
        message.save()
        enquiry_event_record(enquiry, EnquiryEvent.Action.NOTED, actor=actor)
    return message
