"""The move plan: a checklist generated from the newcomer's situation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from guides.models import Audience, Guide, MovePlanTick, Stage
from guides.models.guides import AppliesTo
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
    """A guide with no groups applies to everyone; otherwise to any group that fits."""
    if not applies_to:
        return True
    fits: dict[str, bool] = {
        AppliesTo.EU_EEA: situation.citizenship in ("", AppliesTo.EU_EEA),
        AppliesTo.NON_EU: situation.citizenship in ("", AppliesTo.NON_EU),
        AppliesTo.FAMILIES: situation.has_children,
        AppliesTo.PARTNERS: situation.has_partner,
    }
    return any(fits.get(group, False) for group in applies_to)


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


@dataclass
class MovePlan:
    stages: list[PlanStage]
    total: int
    done: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


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
    return MovePlan(stages=stages, total=total, done=done)


def move_plan_ticks(user) -> set[str]:
    return set(MovePlanTick.objects.filter(user=user).values_list("subject", flat=True))
