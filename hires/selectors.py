"""Reads about hires: the invitation's state, the employer's view of a hire (state and
checklist only), the newcomer's offers after accepting."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import override

from employers.models import Employer
from events.models import Event
from guides.models import Guide
from guides.models.guides import AppliesTo
from guides.selectors.guides import listed_guides
from hires import checklist, rules
from hires.models import CheckIn, ExemptOccupation, HireReferral, SalaryFloorRule

#: The guides topic for an accompanying partner's career (demo/topics.py).
PARTNER_TOPIC = "partner-career"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_state(referral: HireReferral, now: datetime.datetime | None = None) -> str:
    """sent, accepted, declined — or expired: still "sent" after its validity."""
    now = now or timezone.now()
    if referral.state == HireReferral.State.SENT and now >= referral.sent_at + datetime.timedelta(
        days=settings.HIRE_INVITATION_DAYS
    ):
        return HireReferral.State.EXPIRED
    return referral.state


def state_label(state: str) -> str:
    return str(HireReferral.State(state).label)


def referral_by_token(token: str) -> HireReferral | None:
    """The open (sent, unexpired) referral a link's token opens, else None."""
    if not token:
        return None
    referral = (
        HireReferral.objects.select_related("employer", "occupation", "municipality")
        .filter(token_hash=token_hash(token), state=HireReferral.State.SENT)
        .first()
    )
    if referral is None or invitation_state(referral) != HireReferral.State.SENT:
        return None
    return referral


def check_in_by_token(token: str) -> CheckIn | None:
    if not token:
        return None
    return (
        CheckIn.objects.select_related("referral__employer")
        .filter(token_hash=token_hash(token), answered_at__isnull=True)
        .first()
    )


def employer_referrals(employer: Employer) -> QuerySet[HireReferral]:
    return employer.referrals.select_related("occupation", "municipality").order_by(
        "start_date", "pk"
    )


def facts_of(referral: HireReferral) -> checklist.Facts:
    return checklist.Facts(
        start=referral.start_date,
        is_eu_citizen=bool(referral.is_eu_citizen),
        expert_tax_applies=referral.expert_tax_applies,
        permit_end=referral.permit_end_date,
    )


@dataclass(frozen=True)
class StepView:
    key: str
    title: str
    explanation: str
    links: tuple[tuple[str, str], ...]
    due: datetime.date | None
    done: bool
    overdue: bool


@dataclass(frozen=True)
class SalaryCheck:
    on: datetime.date
    rule: SalaryFloorRule | None
    exemption: ExemptOccupation | None
    offered: int | None

    @property
    def meets_floor(self) -> bool | None:
        if self.exemption is not None:
            return True
        if self.offered is None or self.rule is None:
            return None
        return self.offered >= self.rule.floor


@dataclass(frozen=True)
class Checklist:
    language: str
    steps: list[StepView]
    salary: SalaryCheck | None

    @property
    def done(self) -> int:
        return sum(step.done for step in self.steps)


def checklist_view(referral: HireReferral, *, language: str, today: datetime.date) -> Checklist:
    """The employer's checklist, its words in ``language`` (the employer user's)."""
    facts = facts_of(referral)
    ticked = set(referral.ticks.values_list("step", flat=True))
    with override(language):
        steps = [
            StepView(
                key=spec.key,
                title=str(spec.title),
                explanation=str(spec.explanation),
                links=spec.links,
                due=spec.due,
                done=spec.key in ticked,
                overdue=spec.key not in ticked and spec.due is not None and spec.due < today,
            )
            for spec in checklist.steps_for(facts)
        ]
    salary = None
    if not facts.is_eu_citizen:
        on = checklist.salary_check_date(facts)
        salary = SalaryCheck(
            on=on,
            rule=rules.salary_floor_rule(on),
            exemption=rules.exempt_occupation(referral.occupation.ssyk, on),
            offered=referral.offered_salary,
        )
    return Checklist(language=language, steps=steps, salary=salary)


@dataclass(frozen=True)
class NewcomerOffers:
    partner_guides: list[Guide]
    partner_events: list[Event]


def newcomer_offers(referral: HireReferral) -> NewcomerOffers:
    """For the partner: the partner-career guides and the coming meet-ups."""
    if not referral.partner_comes:
        return NewcomerOffers(partner_guides=[], partner_events=[])
    guides = [
        guide
        for guide in listed_guides()
        .filter(audience="newcomer")
        .select_related("topic")
        .order_by("title")
        if guide.topic.slug == PARTNER_TOPIC or AppliesTo.PARTNERS in (guide.applies_to or [])
        if guide.municipality_id in (None, referral.municipality_id)
    ]
    events = list(
        Event.objects.filter(
            is_published=True,
            cancelled_at__isnull=True,
            audience__in=[Event.Audience.EVERYONE, Event.Audience.NEWCOMERS],
            starts_at__gte=timezone.now(),
        ).order_by("starts_at")[:3]
    )
    return NewcomerOffers(partner_guides=guides[:6], partner_events=events)
