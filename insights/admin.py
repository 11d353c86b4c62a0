"""The insights dashboard: its own admin page (the change list of ``DailyFact``, which
is never listed as rows), scoped by ``insights.selectors.viewer_for``."""

from __future__ import annotations

import csv

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from insights import charts
from insights.models import DailyFact
from insights.periods import PeriodForm, period_for
from insights.selectors import build_dashboard, choices_for, viewer_for
from markets.admin import can_see_markets
from portal.admin_scoping import staff_organisation_ids

#: The target markets page (issue 19, point 5) when its app is installed.
MARKETS_URL_NAME = "admin:markets_shortlist"


def markets_url() -> str | None:
    try:
        return reverse(MARKETS_URL_NAME)
    except NoReverseMatch:
        return None


def _cell(text: str) -> str:
    """A label that a spreadsheet would not take for a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@admin.register(DailyFact)
class DashboardAdmin(admin.ModelAdmin):
    """Every staff member of an organisation (and superusers) may open it."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None:
            # A stored fact is never shown on its own: it is not protected.
            return False
        user = request.user
        return bool(user.is_active and user.is_staff) and (
            user.is_superuser or bool(staff_organisation_ids(user))
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        return [
            path(
                "dashboard/",
                self.admin_site.admin_view(self.changelist_view),
                name="insights_dashboard",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request: HttpRequest, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        viewer = viewer_for(request.user)
        organisations, municipalities = choices_for(viewer)
        data = request.GET.copy()
        if not viewer.county and not data.get("organisation") and organisations:
            data["organisation"] = str(organisations[0].pk)
        form = PeriodForm(
            data,
            organisations=organisations,
            municipalities=municipalities,
            county=viewer.county,
        )
        today = timezone.localdate()
        cleaned = form.cleaned_data if form.is_valid() else {}
        period = period_for(
            cleaned.get("period") or "month",
            cleaned.get("on") or today,
            today,
            until=cleaned.get("until"),
        )
        try:
            dashboard = build_dashboard(
                viewer=viewer,
                period=period,
                organisation_id=cleaned.get("organisation"),
                municipality_id=cleaned.get("municipality"),
                organisations=organisations,
                municipalities=municipalities,
            )
        except PermissionError as exc:
            raise PermissionDenied from exc
        export = request.GET.get("export")
        if export:
            return self._csv(dashboard, export)
        for section in dashboard.sections:
            for table in section.tables:
                table.svg = charts.bar_chart(table) if table.chart and table.rows else ""
        query = request.GET.copy()
        query.pop("export", None)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Insights"),
            "opts": self.model._meta,
            "form": form,
            "dashboard": dashboard,
            "query": query.urlencode(),
            # The target markets and campaigns, for those who may open them.
            "markets_url": markets_url() if can_see_markets(request.user) else None,
            "min_cell": dashboard.min_cell,
            "min_cases": dashboard.min_cases,
        }
        return TemplateResponse(request, "insights/admin/dashboard.html", context)

    def _csv(self, dashboard, table_id: str) -> HttpResponse:
        table = dashboard.table(table_id)
        if table is None:
            raise PermissionDenied
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{table.id}.csv"'
        writer = csv.writer(response)
        period = dashboard.period
        writer.writerow(
            [
                table.dimension,
                f"{period.start}…{period.end}",
                f"{period.previous_start}…{period.previous_end}",
                _("Change"),
            ]
        )
        for row in table.all_rows:
            writer.writerow([_cell(row.label), row.current.text, row.previous.text, row.change])
        return response
