"""Every write about enquiries: submit, route, sweep, triage, the newcomer's answers.

Side effects (routing task, e-mails) are scheduled after commit, and a failure
to reach the broker never fails the caller: the outbox sweep catches up.
"""

from __future__ import annotations

import hashlib
import logging
from collections import deque
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Case, Count, F, Value, When
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare

from enquiries.business_hours import add_business_hours, business_time_between
from enquiries.models import Enquiry, EnquiryEvent, EnquiryMessage, RoutingDecision, RoutingRule
from enquiries.services.emails import (
    EmailSpec,
    broker_publish,
    email_queue,
    emails_dispatch_on_commit,
    emails_queue_many,
    interface_language,
)
from guides.models import Topic
from portal.models import Municipality, Organisation, StaffMembership

logger = logging.getLogger(__name__)

STATUS_SALT = "relocation.enquiry-status"
OPEN_STATES = (Enquiry.Status.OPEN, Enquiry.Status.WAITING)


# --- links -------------------------------------------------------------------------------
# A status link's token signs the reference, the link generation and the time it was
# made: it expires after ENQUIRY_STATUS_LINK_DAYS and when the newcomer replaces it.
def enquiry_status_token(*, reference: str, generation: int | None = None) -> str:
    if generation is None:
        generation = Enquiry.objects.values_list("status_link_generation", flat=True).get(
            reference=reference
        )
    signed = signing.TimestampSigner(salt=STATUS_SALT).sign(f"{reference}:{generation}")
    return signed.removeprefix(f"{reference}:")  # the reference is in the URL already


def enquiry_token_is_valid(*, enquiry: Enquiry, token: str) -> bool:
    if not token:
        return False
    try:
        value = signing.TimestampSigner(salt=STATUS_SALT).unsign(
            f"{enquiry.reference}:{token}",
            max_age=timedelta(days=settings.ENQUIRY_STATUS_LINK_DAYS),
        )
    except signing.BadSignature:  # forged, expired (SignatureExpired) or malformed
        return False
    return constant_time_compare(value, f"{enquiry.reference}:{enquiry.status_link_generation}")


def enquiry_status_link(*, enquiry: Enquiry) -> str:
    language = interface_language(enquiry.language)
    with translation.override(language):
        path = reverse("enquiries:enquiry_status", kwargs={"reference": enquiry.reference})
    token = enquiry_status_token(
        reference=enquiry.reference, generation=enquiry.status_link_generation
    )
    return f"{settings.PUBLIC_BASE_URL}{path}?t={token}"


def enquiry_status_link_replace(*, enquiry: Enquiry) -> Enquiry:
    """The newcomer replaces the status link: every link given so far stops working."""
    with transaction.atomic():
        enquiry = _locked(enquiry)
        enquiry.status_link_generation += 1
        enquiry.save(update_fields=["status_link_generation", "updated_at"])
    return enquiry


def _event(
    enquiry: Enquiry,
    action: str,
    *,
    actor=None,
    detail: str = "",
    organisation: Organisation | None = None,
) -> EnquiryEvent:
    """A history entry, kept with ``organisation`` (by default the one holding the
    enquiry): another organisation the enquiry goes to later sees neither its
    author nor its detail."""
    return EnquiryEvent.objects.create(
        enquiry=enquiry,
        action=action,
        actor=actor,
        detail=detail[:300],
        organisation_id=organisation.pk if organisation else enquiry.organisation_id,
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
    from enquiries.tasks import route_enquiry

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
    from enquiries.tasks import route_enquiry

    broker_publish(route_enquiry, ids)
    return len(ids)


# --- routing -----------------------------------------------------------------------------
# Longest a routing statement (or its wait for a lock) may take on PostgreSQL.
ROUTING_STATEMENT_TIMEOUT_MS = 30_000


def _rule_for(enquiry: Enquiry, rules: list[RoutingRule]) -> RoutingRule | None:
    candidates = [
        rule
        for rule in rules
        if (rule.topic_id is None or rule.topic_id == enquiry.topic_id)
        and (rule.municipality_id is None or rule.municipality_id == enquiry.municipality_id)
        and (not rule.language or rule.language == enquiry.language)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda rule: (rule.specificity, rule.priority, -rule.pk))


def _active_rules() -> list[RoutingRule]:
    return list(
        RoutingRule.objects.filter(is_active=True).select_related(
            "organisation", "topic", "municipality"
        )
    )


def routing_rule_for(*, enquiry: Enquiry) -> RoutingRule | None:
    """The most specific active rule matching the enquiry, then the highest priority."""
    return _rule_for(enquiry, _active_rules())


class _Handlers:
    """Least-loaded handler choice for several organisations with two queries: the
    handlers (active users, role handler) and their open enquiries. Each choice
    counts towards that handler's load, so one batch spreads like single routings."""

    def __init__(self, organisations: list[Organisation]):
        assigning = [
            org.pk
            for org in organisations
            if org.enquiry_assignment != Organisation.AssignmentMode.UNASSIGNED
        ]
        self.members: dict[int, list] = {pk: [] for pk in assigning}
        self.loads: dict[tuple[int, int], int] = {}
        if not assigning:
            return
        memberships = StaffMembership.objects.filter(
            organisation_id__in=assigning,
            role=StaffMembership.Role.HANDLER,
            user__is_active=True,
        ).select_related("user")
        for membership in memberships:
            self.members[membership.organisation_id].append(membership)
        counted = (
            Enquiry.objects.filter(
                organisation_id__in=assigning,
                assignee__isnull=False,
                status__in=OPEN_STATES,
            )
            .values_list("organisation_id", "assignee_id")
            .annotate(n=Count("id"))
        )
        self.loads = {(org_id, user_id): n for org_id, user_id, n in counted}

    def choose(self, organisation: Organisation, language: str):
        speakers = {
            m.user_id: m.user
            for m in self.members.get(organisation.pk, ())
            if language in (m.languages or [])
        }
        if not speakers:
            return None
        user_id = min(speakers, key=lambda pk: (self.loads.get((organisation.pk, pk), 0), pk))
        self.loads[(organisation.pk, user_id)] = self.loads.get((organisation.pk, user_id), 0) + 1
        return speakers[user_id]


def handler_for(*, organisation: Organisation, language: str):
    """The handler speaking ``language`` with the fewest open enquiries, or None."""
    return _Handlers([organisation]).choose(organisation, language)


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


def _organisation_emails(enquiry: Enquiry, cause: str) -> list[EmailSpec]:
    """The e-mails telling the organisation's inbox, and the assignee, about ``cause``."""
    context = {"enquiry": enquiry, "organisation": enquiry.organisation}
    prefix = f"enquiry:{enquiry.pk}:{cause}:{enquiry.sla_cycle}"
    specs = [
        EmailSpec(
            key=f"{prefix}:organisation",
            recipient=enquiry.organisation.contact_email,
            template="enquiry_routed",
            language=settings.LANGUAGE_CODE,
            context=context,
            enquiry=enquiry,
        )
    ]
    if enquiry.assignee_id:
        specs.append(
            EmailSpec(
                key=f"{prefix}:assignee",
                recipient=enquiry.assignee.email,
                template="enquiry_assigned",
                language=settings.LANGUAGE_CODE,
                context=context,
                enquiry=enquiry,
            )
        )
    return specs


def _notify_organisation(enquiry: Enquiry, *, cause: str) -> None:
    """The organisation's inbox and the assignee, in one batch after commit."""
    emails_dispatch_on_commit(emails_queue_many(_organisation_emails(enquiry, cause), render=False))


class _RecentlyRouted:
    """The ids of the enquiries this process routed lately (committed), so that their
    own tasks, arriving after a batch took them, return without a query. Routing is
    never undone, so a stale entry can only be right; an id that fell out of the
    window costs one query."""

    def __init__(self, size: int = 20_000):
        self._order: deque[int] = deque(maxlen=size)
        self._ids: set[int] = set()

    def __contains__(self, pk: int) -> bool:
        return pk in self._ids

    def clear(self) -> None:
        self._order.clear()
        self._ids.clear()

    def extend(self, pks: list[int]) -> None:
        for pk in pks:
            if len(self._order) == self._order.maxlen:
                self._ids.discard(self._order[0])
            self._order.append(pk)
            self._ids.add(pk)


_routed_here = _RecentlyRouted()


def _save_routed(enquiries: list[Enquiry], now) -> None:
    """One UPDATE for the batch. What differs between the enquiries (organisation,
    due time, assignee) takes a few values, so it is written as one CASE branch per
    value rather than one per row (what ``bulk_update`` would do)."""

    def by_value(name: str):
        field = Enquiry._meta.get_field(name)
        groups: dict[object, list[int]] = {}
        for enquiry in enquiries:
            groups.setdefault(getattr(enquiry, field.attname), []).append(enquiry.pk)
        case = Case(
            *(
                When(pk__in=pks, then=Value(value, output_field=field))
                for value, pks in groups.items()
            ),
            output_field=field,
        )
        # As bulk_update does: PostgreSQL needs the CASE cast to the column's type.
        if connection.features.requires_casted_case_in_updates:
            return Cast(case, output_field=field)
        return case

    Enquiry.objects.filter(pk__in=[enquiry.pk for enquiry in enquiries]).update(
        organisation=by_value("organisation"),
        assignee=by_value("assignee"),
        due_at=by_value("due_at"),
        status=Enquiry.Status.OPEN,
        routed_at=now,
        sla_cycle=F("sla_cycle") + 1,
        warned_at=None,
        breached_at=None,
        sla_paused_remaining=None,
        updated_at=now,
    )


def enquiry_route(*, enquiry_id: int, task_id: str = "", batch: int = 1) -> RoutingDecision | None:
    """Route the enquiry once; its decision, or None when it was no longer waiting.

    With ``batch`` > 1 the same transaction also routes up to ``batch - 1`` other
    enquiries still waiting to be routed (oldest first, skipping rows another
    routing holds): under a backlog one task does the work of many, and the tasks
    of the enquiries it took find them routed and do nothing. A second run (a
    re-delivered task, a sweep) finds the enquiry routed and does nothing; the
    database allows one automatic decision per enquiry."""
    return enquiries_route(enquiry_id=enquiry_id, task_id=task_id, batch=batch).get(enquiry_id)


def enquiries_route(
    *, enquiry_id: int, task_id: str = "", batch: int = 1
) -> dict[int, RoutingDecision]:
    """See :func:`enquiry_route`. Returns the decisions made, by enquiry id.

    A fixed number of queries whatever the batch size: lock the enquiries, read the
    rules, lock their organisations, read handlers and loads, then one write each
    for decisions, enquiries, events and e-mails."""
    if enquiry_id in _routed_here:
        return {}
    # Only what routing reads: a batch loads up to ENQUIRY_ROUTING_BATCH rows.
    waiting = (
        Enquiry.objects.only("pk", "topic_id", "municipality_id", "language", "sla_cycle", "status")
        .filter(status=Enquiry.Status.TO_ROUTE)
        .order_by("pk")
    )
    if not waiting.filter(pk=enquiry_id).exists():  # routed already: no transaction
        return {}
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # A routing never waits on a lock or a statement for long, whatever the
            # worker pool (the solo pool enforces no task time limit): the error
            # rolls the batch back and the task is retried.
            options = [f"SET LOCAL statement_timeout = {ROUTING_STATEMENT_TIMEOUT_MS}"]
            if settings.ENQUIRY_ROUTING_ASYNC_COMMIT:
                options.append("SET LOCAL synchronous_commit TO OFF")
            with connection.cursor() as cursor:
                cursor.execute("; ".join(options))
        # Our own enquiry first, waiting for a routing that holds it; then the others
        # that nobody holds.
        enquiries = list(waiting.select_for_update(of=("self",)).filter(pk=enquiry_id))
        if not enquiries:
            return {}
        if batch > 1:
            enquiries += waiting.select_for_update(of=("self",), skip_locked=True).exclude(
                pk=enquiry_id
            )[: batch - 1]
        rules = _active_rules()
        chosen: list[tuple[Enquiry, RoutingRule | None]] = [
            (enquiry, _rule_for(enquiry, rules)) for enquiry in enquiries
        ]
        organisation_ids = {rule.organisation_id for _e, rule in chosen if rule is not None}
        if any(rule is None for _e, rule in chosen):
            organisation_ids.add(Organisation.objects.only("pk").get(is_county_desk=True).pk)
        # One routing at a time per organisation keeps the load balancing honest; the
        # fixed order keeps two batches from waiting on each other.
        organisations = {
            org.pk: org
            for org in Organisation.objects.select_for_update()
            .filter(pk__in=organisation_ids)
            .order_by("pk")
        }
        desk = next((org for org in organisations.values() if org.is_county_desk), None)
        handlers = _Handlers(list(organisations.values()))
        now = timezone.now()
        due: dict[int, object] = {}
        decisions: list[RoutingDecision] = []
        events: list[EnquiryEvent] = []
        for enquiry, rule in chosen:
            if rule is not None:
                organisation = organisations[rule.organisation_id]
                kind = RoutingDecision.Kind.RULE
                reason = f"rule {rule.pk}: {rule}"
            else:
                organisation = desk
                kind = RoutingDecision.Kind.FALLBACK
                reason = "no rule matched"
            decisions.append(
                RoutingDecision(
                    enquiry=enquiry,
                    kind=kind,
                    rule=rule,
                    organisation=organisation,
                    reason=reason[:1000],
                    task_id=task_id[:64],
                )
            )
            enquiry.organisation = organisation
            enquiry.assignee = handlers.choose(organisation, enquiry.language)
            enquiry.status = Enquiry.Status.OPEN
            enquiry.routed_at = now
            if organisation.pk not in due:
                due[organisation.pk] = add_business_hours(now, organisation.response_time_hours)
            enquiry.due_at = due[organisation.pk]
            enquiry.sla_cycle += 1
            enquiry.warned_at = enquiry.breached_at = enquiry.sla_paused_remaining = None
            enquiry.updated_at = now
            events.append(
                EnquiryEvent(
                    enquiry=enquiry,
                    action=EnquiryEvent.Action.ROUTED,
                    detail=f"{organisation} ({reason})"[:300],
                    organisation=organisation,
                )
            )
            if enquiry.assignee_id:
                events.append(
                    EnquiryEvent(
                        enquiry=enquiry,
                        action=EnquiryEvent.Action.ASSIGNED,
                        detail=str(enquiry.assignee),
                        organisation=organisation,
                    )
                )
        RoutingDecision.objects.bulk_create(decisions)
        _save_routed(enquiries, now)
        EnquiryEvent.objects.bulk_create(events)
        # Written by the mail worker (render=False): routing only records them.
        emails_dispatch_on_commit(
            emails_queue_many(
                [spec for enquiry in enquiries for spec in _organisation_emails(enquiry, "routed")],
                render=False,
            )
        )
        routed = [enquiry.pk for enquiry in enquiries]
        transaction.on_commit(lambda: _routed_here.extend(routed))
    return {decision.enquiry_id: decision for decision in decisions}


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
