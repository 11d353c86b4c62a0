"""The move plan leads with the few steps that matter now (issue 15, point 5)."""

import datetime

import pytest
import time_machine

from guides.models import Guide, MovePlanTick, Stage, Topic
from guides.selectors.moveplan import (
    FOCUS_SIZE,
    PlanStage,
    PlanStep,
    Situation,
    move_plan_build,
    plan_focus,
)
from portal.models import Municipality, NewcomerProfile
from tests.guides.factories import GuideFactory, TopicFactory

TODAY = datetime.date(2026, 11, 23)


def step(subject, *, topic_order=10, local=False, applies_to=(), done=False) -> PlanStep:
    guide = Guide(subject=subject, applies_to=list(applies_to), topic=Topic(order=topic_order))
    if local:
        guide.municipality = Municipality(pk=1, name="Åre")
    return PlanStep(subject=subject, guide=guide, county_guide=None, done=done)


def stage(value, steps, *, current=False) -> PlanStage:
    return PlanStage(value=value, label=value, steps=steps, is_current=current)


def subjects(steps) -> list[str]:
    return [s.subject for s in steps]


def test_the_focus_takes_the_current_stages_open_steps_and_leaves_later_stages_for_later():
    stages = [
        stage("before_moving", [step("old-done", done=True)]),
        stage("first_weeks", [step("a"), step("b", done=True)], current=True),
        stage("first_months", [step("later")]),
    ]
    focus, others = plan_focus(stages)
    assert subjects(focus) == ["a"]
    assert [(s.value, subjects(s.steps)) for s in others] == [
        ("before_moving", ["old-done"]),
        ("first_weeks", ["b"]),
        ("first_months", ["later"]),
    ]


def test_the_focus_ranks_local_then_topic_order_then_situation_then_earlier_stages():
    stages = [
        stage("before_moving", [step("missed", topic_order=1)]),
        stage(
            "first_weeks",
            [
                step("general-late-topic", topic_order=90),
                step("general-early-topic", topic_order=20),
                step("for-families", topic_order=50, applies_to=["families"]),
                step("general-same-topic", topic_order=50),
                step("local", topic_order=99, local=True),
            ],
            current=True,
        ),
    ]
    focus, _others = plan_focus(stages)
    assert subjects(focus) == [
        "local",
        "general-early-topic",
        "for-families",
        "general-same-topic",
        "general-late-topic",
    ]
    # Six candidates for five places: the step missed in an earlier stage comes last.
    assert "missed" not in subjects(focus)


def test_the_focus_holds_a_few_steps_and_the_rest_stays_one_click_away():
    stages = [stage("first_weeks", [step(f"s{n:02}") for n in range(12)], current=True)]
    focus, others = plan_focus(stages)
    assert len(focus) == FOCUS_SIZE
    assert len(others[0].steps) == 12 - FOCUS_SIZE
    assert not set(subjects(focus)) & set(subjects(others[0].steps))


def test_a_plan_with_nothing_open_now_has_an_empty_focus():
    stages = [
        stage("before_moving", [step("x", done=True)], current=True),
        stage("first_weeks", [step("y")]),
    ]
    focus, others = plan_focus(stages)
    assert focus == []
    assert [s.value for s in others] == ["before_moving", "first_weeks"]


@pytest.fixture
def library(db, region, are, are_kommun):
    topic = TopicFactory(slug="everything", order=10)
    niche = TopicFactory(slug="starting-business", order=900)

    def guide(subject, **fields):
        return GuideFactory(
            topic=fields.pop("topic", topic),
            organisation=region,
            subject=subject,
            title_en=subject.replace("-", " ").capitalize(),
            **fields,
        )

    for n in range(6):
        guide(f"first-weeks-general-{n}", stage=Stage.FIRST_WEEKS)
    guide("start-business", stage=Stage.FIRST_WEEKS, topic=niche)
    guide("family-school", stage=Stage.FIRST_WEEKS, applies_to=["families"])
    guide("work-permit", stage=Stage.BEFORE_MOVING, applies_to=["non_eu"])
    guide("eu-rights", stage=Stage.BEFORE_MOVING, applies_to=["eu_eea"])
    guide("tax-return", stage=Stage.SETTLING_IN)
    GuideFactory(
        topic=topic,
        organisation=are_kommun,
        municipality=are,
        subject="housing",
        title_en="Housing in Are",
        stage=Stage.FIRST_WEEKS,
    )


@time_machine.travel(TODAY)
def test_a_newcomer_in_the_first_weeks_gets_the_steps_for_now_and_their_situation(library, are):
    situation = Situation(
        citizenship="non_eu",
        municipality=are,
        planned_arrival=TODAY - datetime.timedelta(days=10),
    )
    plan = move_plan_build(situation, ticked={"first-weeks-general-0"}, today=TODAY)
    focus = subjects(plan.focus)
    assert len(focus) == FOCUS_SIZE
    assert focus[0] == "housing"  # the guide for Åre leads
    assert "first-weeks-general-0" not in focus  # done already
    assert "start-business" not in focus  # a niche topic comes after the common ones
    assert "tax-return" not in focus  # a later stage waits
    other = {s.subject for stage in plan.other_stages for s in stage.steps}
    assert {"start-business", "tax-return", "work-permit", "first-weeks-general-0"} <= other
    everything = set(focus) | other
    # Steps that do not apply to a single non-EU newcomer are not in the plan at all.
    assert "family-school" not in everything
    assert "eu-rights" not in everything
    assert plan.total == len(everything)


@time_machine.travel(TODAY)
def test_my_page_leads_with_what_matters_now_and_folds_the_rest(client, library, newcomer_in_are):
    NewcomerProfile.objects.filter(user=newcomer_in_are).update(
        citizenship="non_eu", planned_arrival=TODAY - datetime.timedelta(days=10)
    )
    MovePlanTick.objects.create(user=newcomer_in_are, subject="first-weeks-general-0")
    client.force_login(newcomer_in_are)
    html = client.get("/en/my/").content.decode()
    now, _sep, rest = html.partition('<details class="plan-others">')
    now = now.split('id="plan-now"')[1]
    assert "What matters now" in html
    assert "Housing in Are" in now
    assert "Start business" not in now
    assert "Start business" in rest
    assert "Tax return" in rest
    assert "Family school" not in html
    assert "All other steps (" in rest
