"""The "on the same subject" and "related guides" lists of a guide page, and the
municipality chooser on the guide pages."""

import pytest

from guides.models import Stage
from guides.selectors.guides import guide_related
from tests.guides.factories import GuideFactory, TopicFactory, make_guides

pytestmark = pytest.mark.django_db


@pytest.fixture
def county_guide(topic, region):
    return GuideFactory(
        subject="housing", slug="finding-housing", topic=topic, organisation=region,
        stage=Stage.SETTLING_IN, title_en="Finding housing in the county",
    )  # fmt: skip


@pytest.fixture
def local_versions(topic, are, are_kommun, ostersund, ostersunds_kommun):
    return [
        GuideFactory(
            subject="housing", slug="housing-in-are", topic=topic, organisation=are_kommun,
            municipality=are, stage=Stage.SETTLING_IN, title_en="Housing in Åre",
        ),
        GuideFactory(
            subject="housing", slug="housing-in-ostersund", topic=topic,
            organisation=ostersunds_kommun, municipality=ostersund, stage=Stage.SETTLING_IN,
            title_en="Housing in Östersund",
        ),
    ]  # fmt: skip


def test_every_version_of_the_subject_is_listed_however_many_guides_the_topic_holds(
    topic, region, county_guide, local_versions
):
    # Guides that come before the subject in reading order (an earlier stage).
    make_guides(30, topic=topic, organisation=region, stage=Stage.BEFORE_MOVING)
    related = guide_related(county_guide, None)
    assert {g.slug for g in related["versions"]} == {"housing-in-are", "housing-in-ostersund"}
    assert county_guide not in related["versions"]


def test_related_guides_are_other_subjects_of_the_topic_in_reading_order(
    topic, region, county_guide, local_versions
):
    later = make_guides(3, topic=topic, organisation=region, stage=Stage.SETTLING_IN)
    earlier = make_guides(5, topic=topic, organisation=region, stage=Stage.BEFORE_MOVING)
    GuideFactory(topic=topic, organisation=region, published=False, stage=Stage.BEFORE_MOVING)
    related = guide_related(county_guide, None, limit=6)["related"]
    # Stage, then subject: the five earlier guides, then the first of the later ones.
    in_order = sorted(earlier, key=lambda g: g.subject) + sorted(later, key=lambda g: g.subject)
    assert [g.pk for g in related] == [g.pk for g in in_order[:6]]
    assert all(g.subject != "housing" and g.published for g in related)


def test_related_guides_show_the_readers_municipality_and_not_the_others(
    topic, region, county_guide, are, are_kommun, ostersund, ostersunds_kommun
):
    in_are = GuideFactory(topic=topic, organisation=are_kommun, municipality=are)
    in_ostersund = GuideFactory(topic=topic, organisation=ostersunds_kommun, municipality=ostersund)
    county = GuideFactory(topic=topic, organisation=region)

    assert set(guide_related(county_guide, are)["related"]) == {in_are, county}
    assert set(guide_related(county_guide, None)["related"]) == {county}
    # A local guide's page also relates the county guides of its topic.
    assert set(guide_related(in_ostersund, None)["related"]) == {county, county_guide}


def test_another_topic_is_not_related(topic, region, county_guide):
    other = GuideFactory(topic=TopicFactory(slug="healthcare"), organisation=region)
    assert other not in guide_related(county_guide, None)["related"]


def test_the_chooser_lists_the_municipalities_and_marks_the_chosen_one(
    client, county_guide, are, ostersund, parse_html
):
    page = parse_html(client.get("/en/guides/housing/finding-housing/"))
    select = page.find("select", name="municipality")
    assert select.attrs["id"] == "id_municipality"
    assert page.find("label", **{"for": "id_municipality"}).text.strip() == "Your municipality"
    options = page.find_all("option")
    assert [o.attrs["value"] for o in options] == ["", "are", "ostersund"]
    assert "selected" in options[0].attrs

    page = parse_html(client.get("/en/guides/housing/finding-housing/?municipality=are"))
    chosen = [o.attrs["value"] for o in page.find_all("option") if "selected" in o.attrs]
    assert chosen == ["are"]
    # A GET form to the page itself: the choice is in the address, not the session.
    form = page.find("form", **{"class": "municipality-chooser"})
    assert (form.attrs["method"], form.attrs["action"]) == (
        "get",
        "/en/guides/housing/finding-housing/",
    )


def test_the_chooser_speaks_the_readers_language(client, county_guide, are):
    html = client.get("/sv/guides/housing/finding-housing/").content.decode()
    assert "Din kommun" in html
    assert "Hela länet (ingen kommun vald)" in html


def test_guides_are_listed_in_the_order_of_a_move_not_of_the_stage_names(
    client, topic, region, are, are_kommun
):
    # "first_months" sorts before "first_weeks" as text; readers need weeks first.
    months = GuideFactory(
        topic=topic, organisation=are_kommun, municipality=are, stage=Stage.FIRST_MONTHS,
        subject="a-months", title_en="Later: the first months",
    )  # fmt: skip
    weeks = GuideFactory(
        topic=topic, organisation=are_kommun, municipality=are, stage=Stage.FIRST_WEEKS,
        subject="b-weeks", title_en="Early: the first weeks",
    )  # fmt: skip
    before = GuideFactory(
        topic=topic, organisation=are_kommun, municipality=are, stage=Stage.BEFORE_MOVING,
        subject="c-before", title_en="Before you move",
    )  # fmt: skip
    settling = GuideFactory(
        topic=topic, organisation=region, stage=Stage.SETTLING_IN, subject="d-settling"
    )
    assert guide_related(settling, are)["related"] == [before, weeks, months]

    html = client.get("/en/municipalities/are/").content.decode()
    assert (
        html.index("Before you move")
        < html.index("Early: the first weeks")
        < html.index("Later: the first months")
    )
