"""The queue's list filters and paginator, built for a million rows.

Filter choices come from reference data (topics, municipalities), never from a
DISTINCT over the queue; the paginator shows PostgreSQL's estimate above
``ESTIMATE_ABOVE`` rows instead of counting them.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from enquiries.models import Enquiry
from enquiries.selectors import enquiry_my_work_q
from guides.models import Topic
from portal.models import Municipality

#: Above this many estimated rows the change list shows the planner's estimate.
ESTIMATE_ABOVE = 10_000


class EstimatedCountPaginator(Paginator):
    """An exact count for small results; PostgreSQL's planner estimate for big ones."""

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if connection.vendor == "postgresql" and isinstance(queryset, QuerySet):
            try:
                sql, params = queryset.order_by().values("pk").query.sql_with_params()
            except EmptyResultSet:  # a filter no row can match (an id beyond the range)
                return 0
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
                plan = cursor.fetchone()[0]
            if isinstance(plan, str):
                plan = json.loads(plan)
            estimate = int(plan[0]["Plan"]["Plan Rows"])
            if estimate > ESTIMATE_ABOVE:
                return estimate
        return super().count


# --- list filters (choices from reference data, never from the queue) --------------------
def _chosen_id(value: str | None) -> int | None:
    """The id a filter link carries; None for anything else (a hand-edited URL)."""
    if value and value.isascii() and value.isdigit() and len(value) <= 18:  # a bigint
        return int(value)
    return None


class TopicFilter(admin.SimpleListFilter):
    title = _("topic")
    parameter_name = "topic"

    def lookups(self, request, model_admin):
        return [(str(topic.pk), str(topic)) for topic in Topic.objects.all()]

    def queryset(self, request, queryset):
        topic_id = _chosen_id(self.value())
        return queryset.filter(topic_id=topic_id) if topic_id is not None else queryset


class MunicipalityFilter(admin.SimpleListFilter):
    title = _("municipality")
    parameter_name = "municipality"

    def lookups(self, request, model_admin):
        return [("none", _("Not decided yet"))] + [
            (str(m.pk), m.name) for m in Municipality.objects.all()
        ]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(municipality__isnull=True)
        municipality_id = _chosen_id(self.value())
        if municipality_id is None:
            return queryset
        return queryset.filter(municipality_id=municipality_id)


class PromiseFilter(admin.SimpleListFilter):
    title = _("response-time promise")
    parameter_name = "promise"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("due_soon", _("Due soon"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "overdue":
            return queryset.filter(status=Enquiry.Status.OPEN, due_at__lte=now)
        if self.value() == "due_soon":
            soon = now + timedelta(minutes=settings.ENQUIRY_SLA_WARNING_MINUTES)
            return queryset.filter(status=Enquiry.Status.OPEN, due_at__gt=now, due_at__lte=soon)
        return queryset


class AssigneeFilter(admin.SimpleListFilter):
    title = _("assigned")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Assigned to me")), ("nobody", _("Unassigned"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assignee=request.user)
        if self.value() == "nobody":
            return queryset.filter(assignee__isnull=True)
        return queryset


class WorkFilter(admin.SimpleListFilter):
    """The default view, "My work": enquiries assigned to me, then my organisation's
    unassigned ones, still open or waiting (the order is the admin's
    ``get_ordering``). "All" is the whole queue the viewer may see (for the county
    desk: every organisation's). A search by reference or e-mail looks in "All"
    unless "My work" is chosen: staff searching for a reference mean any enquiry."""

    title = _("view")
    parameter_name = "view"
    ALL = "all"
    MINE = "mine"

    def __init__(self, request, params, model, model_admin):
        self.searching = is_searching(request)
        super().__init__(request, params, model, model_admin)

    def chosen(self) -> str:
        return self.value() or (self.ALL if self.searching else self.MINE)

    def lookups(self, request, model_admin):
        return [(self.MINE, _("My work")), (self.ALL, _("All"))]

    def choices(self, changelist):
        """Two choices and no "All" of Django's: no value means "My work" (or "All"
        for a search)."""
        current = self.chosen()
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.chosen() == self.ALL:
            return queryset
        return queryset.filter(enquiry_my_work_q(request.user))


def is_searching(request) -> bool:
    return bool(request.GET.get("q", "").strip())


def is_my_work_view(request) -> bool:
    chosen = request.GET.get(WorkFilter.parameter_name)
    if chosen is None:
        return not is_searching(request)
    return chosen != WorkFilter.ALL
