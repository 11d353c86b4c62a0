"""The guide page's reads on PostgreSQL keep their statements prepared on the connection
(guides.selectors.sql.hot_cursor), and Django's own queries never are."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from guides.models import Guide
from guides.selectors.sql import hot_cursor
from tests.guides.factories import AuthorityLinkFactory, GuideFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides(are, are_kommun):
    topic = TopicFactory(slug="housing", name_sv="Bostad", name_en="Housing")
    made = [
        GuideFactory(
            subject=f"subject-{i}",
            slug=f"guide-{i}",
            topic=topic,
            organisation=are_kommun,
            title_sv=f"Svensk titel {i}",
            title_en=f"English title {i}",
        )
        for i in range(3)
    ]
    AuthorityLinkFactory(
        guide=made[1],
        label_sv="Skatteverket",
        label_en="Swedish Tax Agency",
        url="https://skatteverket.se/",
    )
    return made


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def guide_statements() -> list[str]:
    return [s for s in prepared_statements() if '"relocation_guide" g' in s]


def test_the_guide_page_statements_are_prepared_and_answer_for_each_guide(client, guides):
    assert connection.connection is None or not guide_statements()
    first = client.get("/en/guides/housing/guide-0/")
    assert first.status_code == 200
    prepared = prepared_statements()
    # The guide with its relations, its statuses, its links, the two lists, the chooser.
    assert len(guide_statements()) == 3
    assert any('FROM "relocation_guidetranslation"' in s for s in prepared)
    assert any('FROM "relocation_authoritylink" l' in s for s in prepared)
    assert any('FROM "portal_municipality" ORDER BY' in s for s in prepared)
    # Parameters are bound by the server: $1, never the values in the text.
    assert all("guide-0" not in s for s in prepared)
    assert any("$1" in s for s in guide_statements())

    # The same statements answer for another guide, with its own values.
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/en/guides/housing/guide-1/")
    assert second.status_code == 200
    text = second.content.decode()
    assert "English title 1" in text
    assert "Swedish Tax Agency" in text
    assert "https://skatteverket.se/" in text
    assert "English title 0" in text  # among the related guides
    assert prepared_statements() == prepared  # nothing new prepared
    # Counted like every other query (the page tests' query counts rely on it).
    assert len(queries) >= 6


def test_django_queries_are_never_prepared(guides):
    before = set(prepared_statements())
    for _ in range(10):
        assert Guide.objects.filter(slug="guide-2").count() == 1
        list(Guide.objects.filter(published=True).values_list("slug", flat=True))
    assert set(prepared_statements()) == before


def test_after_a_rollback_the_statements_are_prepared_again(client, guides):
    assert client.get("/sv/guides/housing/guide-0/").status_code == 200
    assert guide_statements()

    # A failed block rolls back (here to its savepoint): psycopg deallocates what it
    # prepared, since a statement prepared inside may be gone.
    def fail_after_a_read() -> None:
        with transaction.atomic(), hot_cursor() as cursor:
            cursor.execute('SELECT "slug" FROM "relocation_guide" g WHERE g."id" = %s', [0])
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_after_a_read()
    assert not guide_statements()
    response = client.get("/sv/guides/housing/guide-2/")
    assert response.status_code == 200
    assert "Svensk titel 2" in response.content.decode()


def test_with_preparing_turned_off_the_page_reads_the_same(client, guides):
    client.get("/en/guides/housing/guide-0/")  # connect
    raw = connection.connection
    threshold = raw.prepare_threshold
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    raw.prepare_threshold = None  # as DATABASE_PREPARED_STATEMENTS=0 leaves it
    try:
        response = client.get("/en/guides/housing/guide-1/")
        assert response.status_code == 200
        assert "English title 1" in response.content.decode()
        assert prepared_statements() == []
    finally:
        raw.prepare_threshold = threshold


def test_the_connection_is_set_up_to_prepare_only_on_request():
    assert settings.DATABASE_PREPARED_STATEMENTS is True
    connection.ensure_connection()
    assert connection.connection.prepare_threshold == 2**31 - 1
