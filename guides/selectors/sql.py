"""Rows of hand-written SQL as model instances, for the few hot reads that skip the ORM
(the guide page, search; see ``relocation/selectors/guide_page.py`` for why).

``Columns`` names the columns of one model that a query reads, under a table alias,
taken from ``_meta``; ``build`` turns the values of a row into an instance, as
``Model.from_db`` would, after the database converters the ORM would apply (dates and
booleans on SQLite, JSON), leaving the other fields deferred.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.db.models import Field, Model
from django.db.models.base import ModelState
from django.db.models.expressions import Col
from django.db.models.signals import post_init, pre_init


def hot_cursor() -> CursorWrapper:
    """A cursor for the hot reads: on PostgreSQL its statements are prepared on the
    connection the first time they run, so that later executions skip parsing and,
    once PostgreSQL settles on a generic plan, planning. Planning the guide page's
    six queries costs the database about as much as running them; the portal's
    connections are kept (``DATABASE_CONN_MAX_AGE``), so each is prepared once per
    worker.

    Only this cursor prepares: Django's own cursors bind parameters on the client and
    never do. ``DATABASE_PREPARED_STATEMENTS=0`` turns preparing off (a connection
    pooler in transaction mode that does not track prepared statements, e.g.
    PgBouncer before 1.21 or without ``max_prepared_statements``); the cursor then
    binds on the server without preparing. Logging and query counting go through
    Django's cursor wrapper as for any other cursor.
    """
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        return connection._prepare_cursor(_preparing_cursor_class()(connection.connection))


@cache
def _preparing_cursor_class() -> type:
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        """psycopg's server-binding cursor that asks for every statement to be prepared
        (psycopg prepares only when the connection's ``prepare_threshold`` is set,
        which ``config/settings.py`` does unless preparing is turned off)."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparingCursor


def q(name: str) -> str:
    """A quoted identifier."""
    return connection.ops.quote_name(name)


def table(model: type[Model]) -> str:
    return q(model._meta.db_table)


def translated(names: Iterable[str], languages: Sequence[str]) -> list[str]:
    """["title_uk", "title_en", …]: the translated columns of ``names`` in ``languages``."""
    return [f"{name}_{code}" for name in names for code in languages]


@dataclass(frozen=True)
class Columns:
    """The columns of ``model`` a query reads, under ``alias``, in the order of the
    model's concrete fields (the order ``Model.from_db`` expects), primary key first."""

    model: type[Model]
    alias: str
    fields: tuple[Field, ...]
    #: vendor → the conversion plan of ``_plan``.
    _plans: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, model: type[Model], alias: str, attnames: Iterable[str]) -> Columns:
        wanted = set(attnames) | {model._meta.pk.attname}
        fields = tuple(f for f in model._meta.concrete_fields if f.attname in wanted)
        missing = wanted - {f.attname for f in fields}
        if missing:
            raise LookupError(f"{model.__name__} has no columns {sorted(missing)}")
        if fields[0] is not model._meta.pk:
            # ``build`` tells an outer join's NULL row by the first value.
            raise ValueError(f"{model.__name__}: the primary key is not the first column")
        return cls(model, alias, fields)

    @property
    def sql(self) -> str:
        return ", ".join(f"{self.alias}.{q(f.column)}" for f in self.fields)

    def __len__(self) -> int:
        return len(self.fields)

    def build(self, values: Sequence) -> Model | None:
        """The instance of the row ``values``; None for the NULL side of an outer join."""
        if values[0] is None:
            return None
        plan = self._plan()
        if plan:
            values = list(values)
            for index, column, converters in plan:
                value = values[index]
                if value is not None:
                    for converter in converters:
                        value = converter(value, column, connection)
                    values[index] = value
        if self._plain_init:
            return _instance(self.model, self._ordered_attnames, values)
        return self.model.from_db(connection.alias, self.attnames, values)

    @cached_property
    def _ordered_attnames(self) -> tuple[str, ...]:
        return tuple(f.attname for f in self.fields)

    @cached_property
    def _plain_init(self) -> bool:
        """Whether ``_instance`` builds what ``from_db`` would: the model's constructor is
        Django's (or modeltranslation's wrapper, which only rewrites keyword
        arguments), ``from_db`` is not overridden and nothing listens for pre_init."""
        model = self.model
        constructor = model.__init__
        return (
            (constructor is Model.__init__ or constructor.__qualname__ == _MT_INIT)
            and model.from_db.__func__ is Model.from_db.__func__
            and not pre_init.has_listeners(model)
        )

    @cached_property
    def attnames(self) -> frozenset[str]:
        # ``from_db`` only asks whether a field was read; a set answers that fastest.
        return frozenset(f.attname for f in self.fields)

    def _plan(self) -> list[tuple[int, Col, list]]:
        """(position, column, converters) of the columns whose values the database
        backend converts (dates and booleans on SQLite, JSON): most have none, and a
        page builds a few dozen instances, so the others are not looked at."""
        plan = self._plans.get(connection.vendor)
        if plan is None:
            plan = []
            for index, model_field in enumerate(self.fields):
                column = model_field.get_col(self.alias)
                converters = connection.ops.get_db_converters(column)
                converters += model_field.get_db_converters(connection)
                if converters:
                    plan.append((index, column, converters))
            self._plans[connection.vendor] = plan
        return plan


#: modeltranslation's constructor wrapper (``translator.patch_constructor``).
_MT_INIT = "patch_constructor.<locals>.new_init"


def _instance(model: type[Model], attnames: tuple[str, ...], values: Sequence) -> Model:
    """``model.from_db(alias, attnames, values)`` for a model with Django's constructor,
    in a tenth of the time: the values go straight into the instance's ``__dict__``
    (where ``Model.__init__`` puts them for a fresh instance), the fields not read
    stay deferred, and post_init is sent as the constructor would send it."""
    instance = model.__new__(model)
    state = instance._state = ModelState()
    state.adding = False
    state.db = connection.alias
    instance.__dict__.update(zip(attnames, values, strict=True))
    if post_init.has_listeners(model):
        post_init.send(sender=model, instance=instance)
    return instance


def split_row(row: Sequence, parts: Sequence[Columns]) -> list[Model | None]:
    """The instances of a row that reads ``parts`` one after the other."""
    built, start = [], 0
    for part in parts:
        built.append(part.build(row[start : start + len(part)]))
        start += len(part)
    return built
