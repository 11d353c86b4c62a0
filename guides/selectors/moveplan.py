"""The move plan: a checklist generated from the newcomer's situation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from guides.models import Audience, Guide, MovePlanTick, Stage
from guides.models.guides import APPLIES_TO_KINDS, AppliesTo
from guides.selectors.guides import listed_guides
from portal.models import Municipality, NewcomerProfile

# --- move plan ------------------------------------------------------------------------------


@dataclass
class Situation:
    citizenship: str = ""
    has_partner: bool = False
    has_children: bool = False
    municipality: Municipality | None = None
    planned_arrival: datetime.date | None = None
    works_in_healthcare: bool = False
    starting_business: bool = False
    coming_to_study: bool = False

    @classmethod
    def from_profile(cls, profile: NewcomerProfile | None) -> Situation:
        if profile is None:
            return cls()
        return cls(
            citizenship=profile.citizenship,
            has_partner=profile.has_partner,
            has_children=profile.children_count > 0,
            municipality=profile.municipality,
            planned_arrival=profile.planned_arrival,
            works_in_healthcare=profile.works_in_healthcare,
            starting_business=profile.starting_business,
            coming_to_study=profile.coming_to_study,
        )

    def current_stage(self, today: datetime.date) -> str:
        if self.planned_arrival is None or self.planned_arrival > today:
            return Stage.BEFORE_MOVING
        days = (today - self.planned_arrival).days
        if days <= 30:
            return Stage.FIRST_WEEKS
        if days <= 180:
            return Stage.FIRST_MONTHS
        return Stage.SETTLING_IN


def guide_applies(applies_to: list[str], situation: Situation) -> bool:
    """A guide with no groups applies to everyone. Otherwise, for each kind of group it
    lists (citizenship, household, purpose), one of that kind's groups must fit: a
    health-profession licence is left out of a plan whose reader is no health
    professional, the self-employment permit needs both non-EU and starting a business."""
    if not applies_to:
        return True
    fits: dict[str, bool] = {
        AppliesTo.EU_EEA: situation.citizenship in ("", AppliesTo.EU_EEA),
        AppliesTo.NON_EU: situation.citizenship in ("", AppliesTo.NON_EU),
        AppliesTo.FAMILIES: situation.has_children,
        AppliesTo.PARTNERS: situation.has_partner,
        AppliesTo.HEALTH_PROFESSIONALS: situation.works_in_healthcare,
        AppliesTo.ENTREPRENEURS: situation.starting_business,
        AppliesTo.STUDENTS: situation.coming_to_study,
    }
    by_kind: dict[str, bool] = {}
    for group in applies_to:
        kind = APPLIES_TO_KINDS.get(group, group)
        by_kind[kind] = by_kind.get(kind, False) or fits.get(group, False)
    return all(by_kind.values())


@dataclass
class PlanStep:
    subject: str
    guide: Guide
    county_guide: Guide | None
    done: bool


@dataclass
class PlanStage:
    value: str
    label: str
    steps: list[PlanStep]
    is_current: bool


#: How many steps the plan leads with: the few that matter now.
FOCUS_SIZE = 5


@dataclass
class MovePlan:
    stages: list[PlanStage]
    total: int
    done: int
    #: The few steps that matter now (``plan_focus``), shown first.
    focus: list[PlanStep] = field(default_factory=list)
    #: Every other step, by stage: one click away.
    other_stages: list[PlanStage] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def other_count(self) -> int:
        return sum(len(stage.steps) for stage in self.other_stages)


def _focus_rank(step: PlanStep, stage_index: int, current_index: int) -> tuple:
    """The order of the steps that matter now: this stage's before the earlier stages'
    (not ticked yet), a guide for the reader's municipality before a county one, then
    the topics' own order (the editors put the common needs first: permits,
    registration, housing; starting a business last), and within a topic a guide
    written for the reader's group (``applies_to``) before a guide for everyone."""
    return (
        0 if stage_index == current_index else 1,
        0 if step.guide.municipality_id else 1,
        step.guide.topic.order,
        0 if step.guide.applies_to else 1,
        step.subject,
    )


def plan_focus(
    stages: list[PlanStage], *, limit: int = FOCUS_SIZE
) -> tuple[list[PlanStep], list[PlanStage]]:
    """Split a plan into the few steps that matter now and the rest.

    The steps that matter now are steps not done yet of the current stage, then of the
    stages before it (still to do), at most ``limit``; a later stage's steps wait. The
    rest keep their stages, in the order of a move."""
    current = next((i for i, stage in enumerate(stages) if stage.is_current), 0)
    candidates = [
        (_focus_rank(step, index, current), step)
        for index, stage in enumerate(stages)
        if index <= current
        for step in stage.steps
        if not step.done
    ]
    candidates.sort(key=lambda pair: pair[0])
    focus = [step for _rank, step in candidates[:limit]]
    chosen = {step.subject for step in focus}
    others = [
        PlanStage(
            value=stage.value,
            label=stage.label,
            steps=[step for step in stage.steps if step.subject not in chosen],
            is_current=stage.is_current,
        )
        for stage in stages
    ]
    return focus, [stage for stage in others if stage.steps]


def move_plan_build(situation: Situation, *, ticked: set[str], today: datetime.date) -> MovePlan:
    """The checklist for a situation: one step per subject, the local guide preferred."""
    visible = Q(municipality__isnull=True)
    if situation.municipality is not None:
        visible |= Q(municipality=situation.municipality)
    guides = [
        guide
        for guide in listed_guides().filter(visible, audience=Audience.NEWCOMER)
        if guide_applies(guide.applies_to, situation)
    ]
    by_subject: dict[str, dict[str, Guide]] = {}
    for guide in guides:
        slot = "local" if guide.municipality_id else "county"
        by_subject.setdefault(guide.subject, {})[slot] = guide
    current = situation.current_stage(today)
    stages = []
    total = done = 0
    for value, label in Stage.choices:
        steps = []
        for subject, versions in by_subject.items():
            main = versions.get("local") or versions["county" if "county" in versions else "local"]
            if main.stage != value:
                continue
            county = versions.get("county") if "local" in versions else None
            is_done = subject in ticked
            steps.append(PlanStep(subject=subject, guide=main, county_guide=county, done=is_done))
            total += 1
            done += is_done
        stages.append(
            PlanStage(value=value, label=str(label), steps=steps, is_current=value == current)
        )
    focus, others = plan_focus(stages)
    return MovePlan(stages=stages, total=total, done=done, focus=focus, other_stages=others)


def move_plan_ticks(user) -> set[str]:
    return set(MovePlanTick.objects.filter(user=user).values_list("subject", flat=True))
