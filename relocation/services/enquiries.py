"""Every write about enquiries: submit, route, sweep, triage, the newcomer's answers.

Side effects (routing task, e-mails) are scheduled after commit, and a failure
to reach the broker never fails the caller: the outbox sweep catches up.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare

from portal.models import Municipality, Organisation, StaffMembership
from relocation.business_hours import add_business_hours, business_time_between
from relocation.models import (
    Enquiry,
    EnquiryEvent,
    EnquiryMessage,
    RoutingDecision,
    RoutingRule,
    Topic,
)
from relocation.services.enquiry_emails import (
    broker_publish,
    email_queue,
    emails_dispatch_on_commit,
    interface_language,
)

logger = logging.getLogger(__name__)

STATUS_SALT = "relocation.enquiry-status"
OPEN_STATES = (Enquiry.Status.OPEN, Enquiry.Status.WAITING)


# --- links -------------------------------------------------------------------------------
def enquiry_status_token(*, reference: str) -> str:
    return signing.Signer(salt=STATUS_SALT).signature(reference)


def enquiry_token_is_valid(*, reference: str, token: str) -> bool:
    return bool(token) and constant_time_compare(enquiry_status_token(reference=reference), token)


def enquiry_status_link(*, enquiry: Enquiry) -> str:
    language = interface_language(enquiry.language)
    with translation.override(language):
        path = reverse("relocation:enquiry_status", kwargs={"reference": enquiry.reference})
    token = enquiry_status_token(reference=enquiry.reference)
    return f"{settings.PUBLIC_BASE_URL}{path}?t={token}"


def _event(enquiry: Enquiry, action: str, *, actor=None, detail: str = "") -> EnquiryEvent:
    return EnquiryEvent.objects.create(
        enquiry=enquiry, action=action, actor=actor, detail=detail[:300]
    )


# --- submit and the outbox -----------------------------------------------------------
def enquiry_submit(
    *,
    topic: Topic,
    municipality: Municipality | None,
    language: str,
    message: str,
    contact_email: str,
    user=None,
) -> Enquiry:
    """Save the enquiry in its "to route" state and queue its confirmation; routing
    is dispatched after commit and may fail without failing the request."""
    now = timezone.now()
    with transaction.atomic():
        enquiry = Enquiry(
            topic=topic,
            municipality=municipality,
            language=language,
            message=message.strip(),
            contact_email=contact_email.strip().lower(),
            user=user if user is not None and user.is_authenticated else None,
            consent_at=now,
            status=Enquiry.Status.TO_ROUTE,
            dispatched_at=now,
            dispatch_attempts=1,
        )
        enquiry.full_clean()
        enquiry.save()
        _event(enquiry, EnquiryEvent.Action.SUBMITTED, actor=enquiry.user)
        email_queue(
            key=f"enquiry:{enquiry.pk}:confirmation",
            recipient=enquiry.contact_email,
            template="enquiry_confirmation",
            language=enquiry.language,
            context={"enquiry": enquiry, "status_link": enquiry_status_link(enquiry=enquiry)},
            enquiry=enquiry,
        )
        transaction.on_commit(lambda: enquiry_dispatch(enquiry_id=enquiry.pk))
    return enquiry


def enquiry_dispatch(*, enquiry_id: int) -> bool:
    """Hand routing to the broker. Never raises: the sweep re-dispatches."""
    from relocation.tasks import route_enquiry

    return broker_publish(route_enquiry, [enquiry_id])


def enquiry_sweep_unrouted(*, lease_seconds: int, limit: int = 500) -> int:
    """Re-dispatch enquiries still "to route" after the lease, claiming them with
    ``SELECT … FOR UPDATE SKIP LOCKED`` so concurrent sweeps never double up."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            Enquiry.objects.select_for_update(skip_locked=True)
            .filter(
                status=Enquiry.Status.TO_ROUTE,
                dispatched_at__lt=now - timedelta(seconds=lease_seconds),
            )
            .order_by("dispatched_at")
            .values_list("pk", flat=True)[:limit]
        )
        Enquiry.objects.filter(pk__in=ids).update(
            dispatched_at=now, dispatch_attempts=F("dispatch_attempts") + 1
        )
    from relocation.tasks import route_enquiry

    broker_publish(route_enquiry, ids)
    return len(ids)


# --- routing -----------------------------------------------------------------------------
def routing_rule_for(*, enquiry: Enquiry) -> RoutingRule | None:
    """The most specific active rule matching the enquiry, then the highest priority."""
    candidates = [
        rule
        for rule in RoutingRule.objects.filter(is_active=True).select_related(
            "organisation", "topic", "municipality"
        )
        if (rule.topic_id is None or rule.topic_id == enquiry.topic_id)
        and (rule.municipality_id is None or rule.municipality_id == enquiry.municipality_id)
        and (not rule.language or rule.language == enquiry.language)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda rule: (rule.specificity, rule.priority, -rule.pk))


def handler_for(*, organisation: Organisation, language: str):
    """The handler speaking ``language`` with the fewest open enquiries, or None."""
    if organisation.enquiry_assignment == Organisation.AssignmentMode.UNASSIGNED:
        return None
    memberships = StaffMembership.objects.filter(
        organisation=organisation,
        role=StaffMembership.Role.HANDLER,
        user__is_active=True,
    ).select_related("user")
    speakers = {m.user_id: m.user for m in memberships if language in (m.languages or [])}
    if not speakers:
        return None
    loads = dict(
        Enquiry.objects.filter(
            organisation=organisation, assignee_id__in=speakers, status__in=OPEN_STATES
        )
        .values_list("assignee_id")
        .annotate(n=Count("id"))
    )
    user_id = min(speakers, key=lambda pk: (loads.get(pk, 0), pk))
    return speakers[user_id]


def _start_clock(enquiry: Enquiry, now) -> None:
    enquiry.due_at = add_business_hours(now, enquiry.organisation.response_time_hours)
    enquiry.sla_cycle += 1
    enquiry.warned_at = None
    enquiry.breached_at = None
    enquiry.sla_paused_remaining = None


def _pause_clock(enquiry: Enquiry, now) -> None:
    """Stop the clock, keeping the business time the promise still had."""
    if enquiry.due_at is not None:
        enquiry.sla_paused_remaining = business_time_between(now, enquiry.due_at)
    enquiry.due_at = None


def _resume_clock(enquiry: Enquiry, now) -> None:
    """Go on where the clock stopped: same promise cycle, the time left added back.

    A promise already breached stays breached (no second breach notice); one that
    was paused with no time left falls due at once."""
    remaining = enquiry.sla_paused_remaining
    enquiry.due_at = add_business_hours(now, remaining.total_seconds() / 3600)
    enquiry.sla_paused_remaining = None


def _notify_organisation(enquiry: Enquiry, *, cause: str) -> None:
    """The organisation's inbox and the assignee, in one batch after commit."""
    context = {"enquiry": enquiry, "organisation": enquiry.organisation}
    emails = [
        email_queue(
            key=f"enquiry:{enquiry.pk}:{cause}:{enquiry.sla_cycle}:organisation",
            recipient=enquiry.organisation.contact_email,
            template="enquiry_routed",
            language=settings.LANGUAGE_CODE,
            context=context,
            enquiry=enquiry,
            dispatch=False,
        )
    ]
    if enquiry.assignee_id:
        emails.append(
            email_queue(
                key=f"enquiry:{enquiry.pk}:{cause}:{enquiry.sla_cycle}:assignee",
                recipient=enquiry.assignee.email,
                template="enquiry_assigned",
                language=settings.LANGUAGE_CODE,
                context=context,
                enquiry=enquiry,
                dispatch=False,
            )
        )
    emails_dispatch_on_commit(emails)


def enquiry_route(*, enquiry_id: int, task_id: str = "") -> RoutingDecision | None:
    """Route the enquiry once. A second run (a re-delivered task, a sweep) finds it
    routed and does nothing; the database allows one automatic decision only."""
    with transaction.atomic():
        enquiry = (
            Enquiry.objects.select_for_update(of=("self",))
            .select_related("topic", "municipality")
            .filter(pk=enquiry_id, status=Enquiry.Status.TO_ROUTE)
            .first()
        )
        if enquiry is None:
            return None
        if settings.ENQUIRY_ROUTING_ASYNC_COMMIT and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        rule = routing_rule_for(enquiry=enquiry)
        if rule is not None:
            organisation = rule.organisation
            kind = RoutingDecision.Kind.RULE
            reason = f"rule {rule.pk}: {rule}"
        else:
            organisation = Organisation.objects.get(is_county_desk=True)
            kind = RoutingDecision.Kind.FALLBACK
            reason = "no rule matched"
        # One routing at a time per organisation keeps the load balancing honest.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        now = timezone.now()
        decision = RoutingDecision.objects.create(
            enquiry=enquiry,
            kind=kind,
            rule=rule,
            organisation=organisation,
            reason=reason[:1000],
            task_id=task_id[:64],
        )
        enquiry.organisation = organisation
        enquiry.assignee = handler_for(organisation=organisation, language=enquiry.language)
        enquiry.status = Enquiry.Status.OPEN
        enquiry.routed_at = now
        _start_clock(enquiry, now)
        enquiry.save()
        events = [
            EnquiryEvent(
                enquiry=enquiry,
                action=EnquiryEvent.Action.ROUTED,
                detail=f"{organisation} ({reason})"[:300],
            )
        ]
        if enquiry.assignee_id:
            events.append(
                EnquiryEvent(
                    enquiry=enquiry,
                    action=EnquiryEvent.Action.ASSIGNED,
                    detail=str(enquiry.assignee),
                )
            )
        EnquiryEvent.objects.bulk_create(events)
        _notify_organisation(enquiry, cause="routed")
    return decision


def _locked(enquiry: Enquiry) -> Enquiry:
    return (
        Enquiry.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=enquiry.pk)
    )


# --- the newcomer's side -----------------------------------------------------------------
def enquiry_newcomer_answer(*, enquiry: Enquiry, body: str, user=None) -> EnquiryMessage:
    """The newcomer answers back and the enquiry reopens. If staff had paused the
    clock to wait for the newcomer, it resumes with the time the promise had left;
    after a reply (the promise was kept) or a resolution, a new promise starts."""
    with transaction.atomic():
        enquiry = _locked(enquiry)
        message = EnquiryMessage(
            enquiry=enquiry,
            kind=EnquiryMessage.Kind.NEWCOMER,
            author=user if user is not None and user.is_authenticated else None,
            body=body.strip(),
        )
        message.full_clean()
        message.save()
        if enquiry.status != Enquiry.Status.TO_ROUTE:
            now = timezone.now()
            paused = (
                enquiry.status == Enquiry.Status.WAITING
                and enquiry.sla_paused_remaining is not None
            )
            enquiry.status = Enquiry.Status.OPEN
            enquiry.resolved_at = None
            if paused:
                _resume_clock(enquiry, now)
            else:
                _start_clock(enquiry, now)
            enquiry.save()
        _event(enquiry, EnquiryEvent.Action.NEWCOMER_ANSWERED, actor=message.author)
        if enquiry.organisation_id:
            recipient = (
                enquiry.assignee.email
                if enquiry.assignee_id
                else enquiry.organisation.contact_email
            )
            email_queue(
                key=f"enquiry:{enquiry.pk}:answer:{message.pk}",
                recipient=recipient,
                template="enquiry_newcomer_answered",
                language=settings.LANGUAGE_CODE,
                context={"enquiry": enquiry, "organisation": enquiry.organisation},
                enquiry=enquiry,
            )
    return message


# --- spam defence ------------------------------------------------------------------------
def _consume(key: str, limit: int, window: int) -> bool:
    cache.add(key, 0, timeout=window)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        used = 1
    return used <= limit


def enquiry_rate_limit_consume(*, client_ip: str, email: str) -> bool:
    """Count a submission against the per-IP and per-e-mail limits (one hour).
    False when either is exhausted. The counters live in the shared cache."""
    window = 3600
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    try:
        ip_ok = _consume(f"enquiry-rate:ip:{client_ip}", settings.ENQUIRY_RATE_LIMIT_PER_IP, window)
        email_ok = _consume(
            f"enquiry-rate:email:{email_key}", settings.ENQUIRY_RATE_LIMIT_PER_EMAIL, window
        )
    except Exception:  # the cache is down: never lose an enquiry over a counter
        logger.warning("Enquiry rate limits unavailable (cache error); allowing the submission.")
        return True
    return ip_ok and email_ok
