"""relocation/selectors/sql.py: rows of hand-written SQL as model instances."""

import pytest
from django.db import connection

from portal.models import Municipality
from relocation.models import Guide, Topic
from relocation.selectors.sql import Columns, split_row, table
from tests.relocation.factories_guides import GuideFactory

pytestmark = pytest.mark.django_db


def test_unknown_columns_are_refused_when_the_query_is_built():
    with pytest.raises(LookupError, match="title_xx"):
        Columns.of(Guide, "g", ["slug", "title_xx"])


def test_the_primary_key_is_always_read_first():
    columns = Columns.of(Topic, "t", ["slug"])
    assert [f.attname for f in columns.fields] == ["id", "slug"]


def test_a_row_becomes_instances_and_the_null_side_of_an_outer_join_none(topic, region, are):
    county = GuideFactory(topic=topic, organisation=region, municipality=None)
    local = GuideFactory(topic=topic, organisation=region, municipality=are)
    guide = Columns.of(Guide, "g", ["slug", "published", "municipality_id"])
    municipality = Columns.of(Municipality, "m", ["name"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {guide.sql}, {municipality.sql} FROM {table(Guide)} g "  # noqa: S608
            f"LEFT OUTER JOIN {table(Municipality)} m ON m.id = g.municipality_id ORDER BY g.id"
        )
        rows = [split_row(row, [guide, municipality]) for row in cursor.fetchall()]
    assert [(g.pk, g.published, m) for g, m in rows] == [
        (county.pk, True, None),
        (local.pk, True, are),
    ]
    # Not read: left deferred, loaded on access like any deferred field.
    assert "title_sv" in rows[0][0].get_deferred_fields()
    assert rows[0][0].title_sv == county.title_sv
