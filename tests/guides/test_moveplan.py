"""The move plan at /<lang>/my/: built from the profile, ticks kept, no JavaScript needed."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.models import MovePlanTick, Stage
from portal.models import NewcomerProfile
from tests.guides.factories import GuideFactory, TopicFactory, make_guides

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides(region, are, are_kommun):
    topic = TopicFactory(slug="work-permits")
    return {
        "permit": GuideFactory(
            topic=topic,
            organisation=region,
            subject="permit",
            title_en="Work permit",
            applies_to=["non_eu"],
            stage=Stage.BEFORE_MOVING,
        ),
        "eu": GuideFactory(
            topic=topic,
            organisation=region,
            subject="eu-rights",
            title_en="EU right of residence",
            applies_to=["eu_eea"],
            stage=Stage.BEFORE_MOVING,
        ),
        "school": GuideFactory(
            topic=topic,
            organisation=region,
            subject="school",
            title_en="Preschool and school",
            applies_to=["families"],
        ),
        "housing": GuideFactory(
            topic=topic, organisation=region, subject="housing", title_en="Finding housing"
        ),
        "housing_are": GuideFactory(
            topic=topic,
            organisation=are_kommun,
            municipality=are,
            subject="housing",
            title_en="Housing in Åre",
        ),
        "employer": GuideFactory(
            topic=topic,
            organisation=region,
            subject="recruit",
            title_en="Recruiting abroad",
            audience="employer",
        ),
    }


def my_page(client):
    response = client.get("/en/my/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_visitor_without_an_account_is_sent_to_the_preview(client, db):
    response = client.get("/en/my/")
    assert response.status_code == 302
    assert response["Location"] == "/en/my/plan/preview/"


def test_the_plan_follows_the_newcomers_situation(client, newcomer_in_are, guides):
    client.force_login(newcomer_in_are)  # non-EU, no partner, no children, Åre
    html = my_page(client)
    assert "Work permit" in html
    assert "EU right of residence" not in html
    assert "Preschool and school" not in html
    assert "Recruiting abroad" not in html


def test_the_local_guide_is_the_step_and_the_county_guide_is_offered_too(
    client, newcomer_in_are, guides
):
    client.force_login(newcomer_in_are)
    html = my_page(client)
    assert html.index("Housing in Åre") < html.index("Finding housing")


def test_each_step_links_to_its_guide(client, newcomer_in_are, guides):
    client.force_login(newcomer_in_are)
    assert f'href="{guides["permit"].get_absolute_url()}"' in my_page(client)


def test_ticking_a_step_is_a_plain_post_and_shows_progress(client, newcomer_in_are, guides):
    client.force_login(newcomer_in_are)
    response = client.post("/en/my/plan/steps/", {"subject": "permit", "done": "1"})
    assert response.status_code == 302
    assert MovePlanTick.objects.filter(user=newcomer_in_are, subject="permit").exists()
    assert "1 of 2 steps done (50%)" in my_page(client)


def test_a_step_can_be_unticked(client, newcomer_in_are, guides):
    client.force_login(newcomer_in_are)
    client.post("/en/my/plan/steps/", {"subject": "permit", "done": "1"})
    client.post("/en/my/plan/steps/", {"subject": "permit", "done": "0"})
    assert not MovePlanTick.objects.exists()


def test_ticking_twice_is_harmless(client, newcomer_in_are, guides):
    client.force_login(newcomer_in_are)
    client.post("/en/my/plan/steps/", {"subject": "permit", "done": "1"})
    client.post("/en/my/plan/steps/", {"subject": "permit", "done": "1"})
    assert MovePlanTick.objects.count() == 1


def test_a_visitor_cannot_tick(client, guides):
    response = client.post("/en/my/plan/steps/", {"subject": "permit", "done": "1"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not MovePlanTick.objects.exists()


def test_changing_the_situation_updates_the_plan_and_keeps_the_ticks(
    client, newcomer_in_are, guides
):
    client.force_login(newcomer_in_are)
    client.post("/en/my/plan/steps/", {"subject": "housing", "done": "1"})
    response = client.post(
        "/en/my/situation/",
        {"citizenship": "eu_eea", "children_count": "2", "municipality": "are"},
    )
    assert response.status_code == 302
    html = my_page(client)
    assert "EU right of residence" in html
    assert "Work permit" not in html
    assert "Preschool and school" in html
    assert "1 of 3 steps done" in html


def test_an_invalid_situation_is_refused_with_a_summary_and_keeps_the_input(
    client, newcomer_in_are, guides
):
    client.force_login(newcomer_in_are)
    response = client.post("/en/my/situation/", {"citizenship": "eu_eea", "children_count": "99"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert 'value="99"' in html
    profile = NewcomerProfile.objects.get(user=newcomer_in_are)
    assert profile.citizenship == "non_eu"


def test_a_signed_in_user_without_a_profile_can_create_one(client, guides):
    from tests.portal.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    my_page(client)
    client.post("/en/my/situation/", {"citizenship": "non_eu", "children_count": "0"})
    assert NewcomerProfile.objects.get(user=user).consent_processing_at is not None


@time_machine.travel(datetime.date(2026, 11, 23))
def test_the_current_stage_comes_from_the_planned_arrival(client, newcomer_in_are, guides):
    NewcomerProfile.objects.filter(user=newcomer_in_are).update(
        planned_arrival=datetime.date(2026, 11, 10)
    )
    client.force_login(newcomer_in_are)
    html = my_page(client)
    # The plan leads with the first weeks' step (housing in Åre), then the step still
    # open from before the move.
    focus = html.split('id="plan-now"')[1]
    assert focus.index("Housing in Åre") < focus.index("Work permit")


def test_the_preview_shows_a_plan_for_a_chosen_situation_and_invites_to_sign_up(client, guides):
    response = client.get("/en/my/plan/preview/", {"citizenship": "eu_eea", "children_count": "1"})
    html = response.content.decode()
    assert "EU right of residence" in html
    assert "Preschool and school" in html
    assert "Work permit" not in html
    assert "/accounts/signup/" in html
    assert "Mark as done" not in html


def test_the_preview_without_a_situation_shows_the_form_only(client, guides):
    html = client.get("/en/my/plan/preview/").content.decode()
    assert 'name="citizenship"' in html
    assert "steps done" not in html


def test_the_my_page_leaves_a_place_for_the_enquiries(client, newcomer_in_are, guides):
    client.force_login(newcomer_in_are)
    assert my_page(client).count("<h1") == 1


PLAN_URLS = ["/en/my/", "/en/my/plan/preview/?citizenship=non_eu&children_count=1"]


@pytest.mark.parametrize("url", PLAN_URLS)
def test_the_move_plan_pages_issue_the_same_number_of_queries_for_5_and_200_guides(
    client, newcomer_in_are, url, region
):
    client.force_login(newcomer_in_are)
    topic = TopicFactory()
    make_guides(5, topic=topic, organisation=region)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    make_guides(195, topic=topic, organisation=region)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert len(few) == len(many)
