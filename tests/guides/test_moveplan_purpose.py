"""Steps that do not apply are not shown (issue 15, point 5): a health-profession
licence, starting a business and university studies are left out of a plan unless
the reader says that is why they move; groups of different kinds must all fit."""

import datetime

import pytest
import time_machine

from guides.models import Stage
from guides.selectors.moveplan import Situation, guide_applies, move_plan_build
from portal.models import NewcomerProfile
from tests.guides.factories import GuideFactory
from tests.portal.factories import UserFactory

TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("applies_to", "situation", "expected"),
    [
        ([], Situation(), True),
        (["health_professionals"], Situation(), False),
        (["health_professionals"], Situation(works_in_healthcare=True), True),
        (["entrepreneurs"], Situation(starting_business=True), True),
        (["students"], Situation(), False),
        (["students"], Situation(coming_to_study=True), True),
        # Kinds combine with "and", groups of one kind with "or".
        (["non_eu", "entrepreneurs"], Situation(citizenship="non_eu"), False),
        (
            ["non_eu", "entrepreneurs"],
            Situation(citizenship="eu_eea", starting_business=True),
            False,
        ),
        (
            ["non_eu", "entrepreneurs"],
            Situation(citizenship="non_eu", starting_business=True),
            True,
        ),
        (["families", "partners"], Situation(has_partner=True), True),
        (["families", "partners"], Situation(), False),
    ],
)
def test_a_guide_applies_when_one_group_of_each_kind_fits(applies_to, situation, expected):
    assert guide_applies(applies_to, situation) is expected


def plan_subjects(situation) -> set[str]:
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC), tick=False):
        plan = move_plan_build(situation, ticked=set(), today=TODAY)
    return {step.subject for s in plan.stages for step in s.steps}


@pytest.mark.django_db
def test_the_plan_leaves_out_a_licence_and_a_business_unless_they_are_why_you_move():
    GuideFactory(
        subject="health-licence", applies_to=["health_professionals"], stage=Stage.BEFORE_MOVING
    )
    GuideFactory(subject="business", applies_to=["entrepreneurs"], stage=Stage.FIRST_MONTHS)
    GuideFactory(subject="id-card", applies_to=[], stage=Stage.FIRST_WEEKS)

    plain = plan_subjects(Situation(citizenship="non_eu"))
    assert "id-card" in plain
    assert "health-licence" not in plain
    assert "business" not in plain

    nurse = plan_subjects(Situation(citizenship="non_eu", works_in_healthcare=True))
    assert {"id-card", "health-licence"} <= nurse
    assert "business" not in nurse


@pytest.mark.django_db
def test_the_situation_form_saves_why_you_move_and_my_page_follows_it(client):
    GuideFactory(
        subject="health-licence", applies_to=["health_professionals"], stage=Stage.BEFORE_MOVING
    )
    user = UserFactory()
    client.force_login(user)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC), tick=False):
        url = "/en/my/situation/"
        response = client.post(
            url,
            {"citizenship": "non_eu", "children_count": "0", "works_in_healthcare": "on"},
        )
        assert response.status_code == 302, response.context["form"].errors
        profile = NewcomerProfile.objects.get(user=user)
        assert profile.works_in_healthcare is True
        assert profile.starting_business is False
        page = client.get("/en/my/")
        assert any(
            step.subject == "health-licence"
            for s in page.context["plan"].stages
            for step in s.steps
        )
        form = client.get(url).context["form"]
        assert form.initial["works_in_healthcare"] is True


@pytest.mark.django_db
def test_the_anonymous_preview_shows_the_licence_only_when_ticked(client):
    GuideFactory(
        subject="health-licence", applies_to=["health_professionals"], stage=Stage.BEFORE_MOVING
    )
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC), tick=False):
        url = "/en/my/plan/preview/"
        without = client.get(url, {"citizenship": "non_eu", "children_count": "0"})
        with_it = client.get(
            url, {"citizenship": "non_eu", "children_count": "0", "works_in_healthcare": "on"}
        )
    subjects = lambda r: {st.subject for s in r.context["plan"].stages for st in s.steps}  # noqa: E731 - local helper
    assert "health-licence" not in subjects(without)
    assert "health-licence" in subjects(with_it)
