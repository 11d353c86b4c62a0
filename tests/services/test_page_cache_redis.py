"""Public guide pages with the cache on a real Redis: ETags from per-object versions,
304s without a query, a lost version counter, and the refresh after an edit."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guides.tasks import refresh_guide_pages
from portal import page_cache
from tests.guides.factories import GuideFactory, TopicFactory

pytestmark = pytest.mark.django_db

GUIDE = "/en/guides/housing/finding-housing/"
OTHER = "/en/guides/housing/renting-a-room/"


@pytest.fixture
def guides(region):
    topic = TopicFactory(slug="housing", name_sv="Bostad", name_en="Housing")
    first = GuideFactory(
        subject="housing",
        slug="finding-housing",
        topic=topic,
        organisation=region,
        title_en="Finding housing in the county",
    )
    GuideFactory(subject="rooms", slug="renting-a-room", topic=topic, organisation=region)
    return first


def test_on_redis_an_edit_changes_only_the_edited_guides_etag(guides):
    before = {url: Client().get(url)["ETag"] for url in (GUIDE, OTHER)}
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(GUIDE, headers={"If-None-Match": before[GUIDE]})
    assert response.status_code == 304
    assert len(queries) == 0
    guides.title_en = "Finding a home in the county"
    guides.save()
    assert Client().get(OTHER)["ETag"] == before[OTHER]
    response = Client().get(GUIDE, headers={"If-None-Match": before[GUIDE]})
    assert response.status_code == 200
    assert "Finding a home in the county" in response.content.decode()


def test_a_version_counter_lost_to_eviction_never_brings_back_an_old_etag(guides):
    first = Client().get(GUIDE)["ETag"]
    cache.delete(page_cache.VERSION_PREFIX + page_cache.guide_version("finding-housing"))
    assert Client().get(GUIDE)["ETag"] != first


def test_the_refresh_puts_every_language_into_the_store(guides, settings):
    settings.PUBLIC_BASE_URL = "http://testserver"
    statuses = refresh_guide_pages(guides.pk)
    assert sorted(statuses.values()) == [200] * 8
    for path in statuses:
        assert Client().get(path)[page_cache.HEADER] == "hit", path
