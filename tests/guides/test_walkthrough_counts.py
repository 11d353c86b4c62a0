"""Walk-through bugs (issue 15): the library's counts group by the counted field only."""

import pytest

from guides.models import Stage
from guides.selectors.guides import stages_with_counts
from tests.guides.factories import GuideFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_each_stage_counts_all_its_guides_not_one_per_ordering_group(region):
    topics = [TopicFactory(), TopicFactory()]
    for n in range(3):
        GuideFactory(topic=topics[n % 2], organisation=region, stage=Stage.FIRST_WEEKS)
    GuideFactory(topic=topics[0], organisation=region, stage=Stage.BEFORE_MOVING)
    GuideFactory(topic=topics[1], organisation=region, stage=Stage.BEFORE_MOVING)

    counts = {item["value"]: item["count"] for item in stages_with_counts()}

    assert counts[Stage.FIRST_WEEKS] == 3
    assert counts[Stage.BEFORE_MOVING] == 2


def test_the_library_page_shows_the_stage_counts(client, region):
    for _ in range(3):
        GuideFactory(organisation=region, stage=Stage.FIRST_WEEKS)
    html = client.get("/en/guides/").content.decode()
    assert "(3 guides)" in html
