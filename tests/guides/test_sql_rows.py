"""relocation/selectors/sql.py: rows of hand-written SQL as model instances."""

import pytest
from django.db import connection
from django.test.utils import isolate_apps

from guides.models import Guide, Topic
from guides.selectors.sql import Columns, split_row, table
from portal.models import Municipality
from tests.guides.factories import GuideFactory

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


def _read(columns, model, pk):
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns.sql} FROM {table(model)} {columns.alias} "  # noqa: S608
            f"WHERE {columns.alias}.id = %s",
            [pk],
        )
        return cursor.fetchone()


@pytest.mark.parametrize(
    ("model", "attnames"),
    [
        (Guide, ["slug", "topic_id", "municipality_id", "applies_to", "last_reviewed",
                 "published", "title_sv", "title_en", "body_en"]),
        (Topic, ["slug", "name_sv", "name_en", "order"]),
        (Municipality, ["name", "slug"]),
    ],
)  # fmt: skip
def test_an_instance_is_built_as_from_db_builds_it(topic, region, are, model, attnames):
    """The quick builder (Django's constructor, no pre_init listener) gives the same
    instance as ``Model.from_db``: values, deferred fields, state, and what
    modeltranslation's post_init handler leaves."""
    GuideFactory(topic=topic, organisation=region, municipality=are, applies_to=["eu", "family"])
    pk = {Guide: Guide.objects.get().pk, Topic: topic.pk, Municipality: are.pk}[model]
    columns = Columns.of(model, "x", attnames)
    assert columns._plain_init  # the quick path is the one taken for these models
    quick = columns.build(_read(columns, model, pk))
    slow = model.from_db(connection.alias, columns.attnames, list(_read_converted(columns, pk)))
    assert type(quick) is model
    assert {k: v for k, v in quick.__dict__.items() if k != "_state"} == {
        k: v for k, v in slow.__dict__.items() if k != "_state"
    }
    assert quick.get_deferred_fields() == slow.get_deferred_fields()
    assert (quick._state.adding, quick._state.db) == (False, connection.alias)
    assert quick == slow
    assert quick.pk == pk
    # A field not read loads on access, as on any deferred instance.
    unread = sorted(quick.get_deferred_fields())[0]
    assert getattr(quick, unread) == getattr(model.objects.get(pk=pk), unread)


def _read_converted(columns, pk):
    """The row with the backend's converters applied, as ``build`` applies them."""
    values = list(_read(columns, columns.model, pk))
    for index, column, converters in columns._plan():
        if values[index] is not None:
            for converter in converters:
                values[index] = converter(values[index], column, connection)
    return values


@isolate_apps("guides")  # the model must not stay in the app registry for later tests
def test_a_model_with_its_own_constructor_is_built_with_from_db():
    class Custom(Topic):
        class Meta:
            proxy = True
            app_label = "relocation"

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.built_by_init = True

    columns = Columns.of(Custom, "t", ["slug"])
    assert not columns._plain_init
    assert columns.build([1, "housing"]).built_by_init
