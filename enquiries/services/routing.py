"""Routing: each waiting enquiry goes to the organisation whose rule matches it best
(the county desk takes the rest) and to its least-loaded handler who speaks the
enquiry's language.

A routing transaction has three steps: **claim** the enquiries (ours, and up to a
batch of others nobody holds), **decide** where each goes (rules, organisations,
handlers; nothing written yet), **apply** the decisions (one write per table).
Running it twice has the effect of running it once: a routed enquiry is not claimed
again, and the database allows one automatic decision per enquiry.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Case, Count, F, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from enquiries.business_hours import add_business_hours
from enquiries.models import Enquiry, EnquiryEvent, RoutingDecision, RoutingRule
from enquiries.services.common import OPEN_STATES
from notifications.services import EmailSpec, emails_dispatch_on_commit, emails_queue_many
from portal.models import Organisation, StaffMembership

# --- routing -----------------------------------------------------------------------------
# Longest a routing statement (or its wait for a lock) may take on PostgreSQL.
ROUTING_STATEMENT_TIMEOUT_MS = 30_000


def _rule_for(enquiry: Enquiry, rules: list[RoutingRule]) -> RoutingRule | None:
    """A rule for the enquiry's audience (employers) beats any rule for everyone."""
    candidates = [
        rule
        for rule in rules
        if (not rule.audience or rule.audience == enquiry.audience)
        and (rule.topic_id is None or rule.topic_id == enquiry.topic_id)
        and (rule.municipality_id is None or rule.municipality_id == enquiry.municipality_id)
        and (not rule.language or rule.language == enquiry.language)
    ]
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda rule: (bool(rule.audience), rule.specificity, rule.priority, -rule.pk),
    )


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

    def choose(self, organisation: Organisation, language: str, written: str = ""):
        """A handler who reads the language the message is written in (``written``,
        when detected and different), else one who answers in ``language``."""
        if written and written != language:
            reader = self.choose(organisation, written)
            if reader is not None:
                return reader
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


def _organisation_emails(enquiry: Enquiry, cause: str) -> list[EmailSpec]:
    """The e-mails telling the organisation's inbox, and the assignee, about ``cause``."""
    organisation = enquiry.organisation
    if organisation is None or enquiry.is_demo:  # nobody to tell; demo data tells nobody
        return []
    context = {"enquiry": enquiry, "organisation": organisation}
    prefix = f"enquiry:{enquiry.pk}:{cause}:{enquiry.sla_cycle}"
    specs = [
        EmailSpec(
            key=f"{prefix}:organisation",
            recipient=organisation.contact_email,
            template="enquiry_routed",
            language=settings.LANGUAGE_CODE,
            context=context,
            enquiry=enquiry,
        )
    ]
    if enquiry.assignee is not None:
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


def enquiry_notify_organisation(enquiry: Enquiry, *, cause: str) -> None:
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


def routing_memory_clear() -> None:
    """Forget which enquiries this process routed (tests reuse ids after a rollback)."""
    _routed_here.clear()


def _save_routed(enquiries: list[Enquiry], now) -> None:
    """One UPDATE for the batch. What differs between the enquiries (organisation,
    due time, assignee) takes a few values, so it is written as one CASE branch per
    value rather than one per row (what ``bulk_update`` would do)."""

    def by_value(name: str):
        field = cast("models.Field", Enquiry._meta.get_field(name))
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
        # PostgreSQL types a CASE of parameters as text: cast it to the column's type.
        if connection.vendor == "postgresql":
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


def _waiting():
    # Only what routing reads: a batch loads up to ENQUIRY_ROUTING_BATCH rows.
    return (
        Enquiry.objects.only(
            "pk",
            "audience",
            "topic_id",
            "municipality_id",
            "language",
            "detected_language",
            "sla_cycle",
            "status",
            "is_demo",
        )
        .filter(status=Enquiry.Status.TO_ROUTE)
        .order_by("pk")
    )


def _limit_the_transaction() -> None:
    """A routing never waits on a lock or a statement for long, whatever the worker
    pool (the solo pool enforces no task time limit): the error rolls the batch back
    and the task is retried. PostgreSQL only."""
    if connection.vendor != "postgresql":
        return
    options = [f"SET LOCAL statement_timeout = {ROUTING_STATEMENT_TIMEOUT_MS}"]
    if settings.ENQUIRY_ROUTING_ASYNC_COMMIT:
        options.append("SET LOCAL synchronous_commit TO OFF")
    with connection.cursor() as cursor:
        cursor.execute("; ".join(options))


def _claim(enquiry_id: int, batch: int) -> list[Enquiry]:
    """Our own enquiry first, waiting for a routing that holds it; then up to
    ``batch - 1`` others that nobody holds. Empty when ours was routed meanwhile."""
    waiting = _waiting()
    enquiries = list(waiting.select_for_update(of=("self",)).filter(pk=enquiry_id))
    if enquiries and batch > 1:
        enquiries += waiting.select_for_update(of=("self",), skip_locked=True).exclude(
            pk=enquiry_id
        )[: batch - 1]
    return enquiries


@dataclass
class _Plan:
    """What routing decided, not yet written."""

    decisions: list[RoutingDecision] = field(default_factory=list)
    events: list[EnquiryEvent] = field(default_factory=list)


def _organisations_for(chosen: list[tuple[Enquiry, RoutingRule | None]]) -> dict:
    """The organisations the rules chose (and the county desk if a rule is missing),
    locked: one routing at a time per organisation keeps the load balancing honest,
    and the fixed order keeps two batches from waiting on each other."""
    ids = {rule.organisation_id for _enquiry, rule in chosen if rule is not None}
    if any(rule is None for _enquiry, rule in chosen):
        ids.add(Organisation.objects.only("pk").get(is_county_desk=True).pk)
    return {
        org.pk: org
        for org in Organisation.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }


def _rule_facts(rule: RoutingRule) -> dict:
    return {
        "rule": rule.pk,
        "topic": rule.topic_id,
        "municipality": rule.municipality_id,
        "language": rule.language,
    }


def _decide(enquiries: list[Enquiry], *, task_id: str, now) -> _Plan:
    """Choose each enquiry's organisation, handler and promise (fields set in memory)."""
    rules = _active_rules()
    chosen = [(enquiry, _rule_for(enquiry, rules)) for enquiry in enquiries]
    organisations = _organisations_for(chosen)
    desk = next((org for org in organisations.values() if org.is_county_desk), None)
    handlers = _Handlers(list(organisations.values()))
    due: dict[int, datetime] = {}
    plan = _Plan()
    for enquiry, rule in chosen:
        if rule is not None:
            organisation = organisations[rule.organisation_id]
            kind, facts = RoutingDecision.Kind.RULE, _rule_facts(rule)
        else:
            organisation = desk
            kind = RoutingDecision.Kind.FALLBACK
            facts = {
                "rule": None,
                "topic": enquiry.topic_id,
                "municipality": enquiry.municipality_id,
            }
        # Facts, not words: the reason is written in each reader's language when shown.
        plan.decisions.append(
            RoutingDecision(
                enquiry=enquiry,
                kind=kind,
                rule=rule,
                organisation=organisation,
                facts=facts,
                task_id=task_id[:64],
            )
        )
        if organisation.pk not in due:
            due[organisation.pk] = add_business_hours(now, organisation.response_time_hours)
        enquiry.organisation = organisation
        enquiry.assignee = handlers.choose(
            organisation, enquiry.language, enquiry.detected_language
        )
        enquiry.status = Enquiry.Status.OPEN
        enquiry.routed_at = enquiry.updated_at = now
        enquiry.due_at = due[organisation.pk]
        enquiry.sla_cycle += 1
        enquiry.warned_at = enquiry.breached_at = enquiry.sla_paused_remaining = None
        plan.events.append(
            EnquiryEvent(
                enquiry=enquiry,
                action=EnquiryEvent.Action.ROUTED,
                detail=str(organisation)[:300],
                organisation=organisation,
            )
        )
        if enquiry.assignee_id:
            plan.events.append(
                EnquiryEvent(
                    enquiry=enquiry,
                    action=EnquiryEvent.Action.ASSIGNED,
                    detail=str(enquiry.assignee),
                    organisation=organisation,
                )
            )
    return plan


def _apply(enquiries: list[Enquiry], plan: _Plan, now) -> None:
    """Write the plan: one statement each for decisions, enquiries, events, e-mails."""
    RoutingDecision.objects.bulk_create(plan.decisions)
    _save_routed(enquiries, now)
    EnquiryEvent.objects.bulk_create(plan.events)
    # Written by the mail worker (render=False): routing only records them.
    emails_dispatch_on_commit(
        emails_queue_many(
            [spec for enquiry in enquiries for spec in _organisation_emails(enquiry, "routed")],
            render=False,
        )
    )
    routed = [enquiry.pk for enquiry in enquiries]
    transaction.on_commit(lambda: _routed_here.extend(routed))


def enquiries_route(
    *, enquiry_id: int, task_id: str = "", batch: int = 1
) -> dict[int, RoutingDecision]:
    """See :func:`enquiry_route`. Returns the decisions made, by enquiry id.

    A fixed number of queries whatever the batch size: lock the enquiries, read the
    rules, lock their organisations, read handlers and loads, then one write each
    for decisions, enquiries, events and e-mails."""
    if enquiry_id in _routed_here:
        return {}
    if not _waiting().filter(pk=enquiry_id).exists():  # routed already: no transaction
        return {}
    with transaction.atomic():
        _limit_the_transaction()
        enquiries = _claim(enquiry_id, batch)
        if not enquiries:
            return {}
        now = timezone.now()
        plan = _decide(enquiries, task_id=task_id, now=now)
        _apply(enquiries, plan, now)
    return {decision.enquiry_id: decision for decision in plan.decisions}
