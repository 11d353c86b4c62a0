"""The "Target markets" admin view (``admin:markets_shortlist``), the data-file upload
and the import history, for the county desk and region coordinators only.

The views hang on ``MarketDataImportAdmin.get_urls`` (the documented way to add views
to a ModelAdmin), so they live in the admin site's namespace and are wrapped in
``admin_site.admin_view`` (staff sign-in, two-factor step)."""

from __future__ import annotations

import csv

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from markets import selectors
from markets.models import MarketDataImport
from markets.services import (
    EU_ROUTE_POINTS,
    LICENCE_FROM_OUTSIDE_POINTS,
    MAX_HIRE_POINTS,
    MAX_JOB_POINTS,
    NORDIC_HEALTH_POINTS,
    POINTS_PER_HIRE,
    MarketDataError,
    market_data_import,
    shortlists,
    small_count,
)
from portal.admin_scoping import OrganisationScopedAdmin, is_county_desk_staff, staff_roles
from portal.models import Organisation, StaffMembership


def can_see_markets(user) -> bool:
    """Superusers, staff of the county desk and coordinators of a region."""
    if not (user.is_active and user.is_staff):
        return False
    if is_county_desk_staff(user):
        return True
    return (
        StaffMembership.Role.COORDINATOR in staff_roles(user)
        and StaffMembership.objects.filter(
            user=user,
            role=StaffMembership.Role.COORDINATOR,
            organisation__kind=Organisation.Kind.REGION,
        ).exists()
    )


def can_import(user) -> bool:
    """Superusers and coordinators of the county desk."""
    if not (user.is_active and user.is_staff):
        return False
    return (
        user.is_superuser
        or StaffMembership.objects.filter(
            user=user, role=StaffMembership.Role.COORDINATOR, organisation__is_county_desk=True
        ).exists()
    )


class MarketDataUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of file"), choices=MarketDataImport.Kind.choices)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 text with a header line; lines starting with # are comments."),
    )


def csv_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@admin.register(MarketDataImport)
class MarketDataImportAdmin(OrganisationScopedAdmin):
    """The import history (read only; new versions come through the upload form)."""

    organisation_path = None
    change_list_template = "admin/markets/marketdataimport/change_list.html"
    list_display = [
        "kind",
        "file_name",
        "row_count",
        "data_year",
        "source",
        "imported_at",
        "sha256",
    ]
    list_filter = ["kind"]
    readonly_fields = [
        "kind",
        "file_name",
        "sha256",
        "row_count",
        "source",
        "data_year",
        "imported_at",
        "imported_by",
    ]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return can_see_markets(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return can_see_markets(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    # --- the views ---------------------------------------------------------------------
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("shortlist/", wrap(self.shortlist_view), name="markets_shortlist"),
            path(
                "shortlist/export.csv", wrap(self.shortlist_csv_view), name="markets_shortlist_csv"
            ),
            path(
                "shortlist/campaigns.csv",
                wrap(self.campaigns_csv_view),
                name="markets_campaigns_csv",
            ),
            path("upload/", wrap(self.upload_view), name="markets_upload"),
            *super().get_urls(),
        ]

    def _check(self, request: HttpRequest) -> None:
        if not can_see_markets(request.user):
            raise PermissionDenied

    def _campaign_rows(self) -> list[dict[str, str]]:
        threshold = selectors.min_cell()
        return [
            {
                "campaign": row.campaign,
                "signups": small_count(row.signups, threshold),
                "enquiries": small_count(row.enquiries, threshold),
                "job_views": small_count(row.job_views, threshold),
                "apply_clicks": small_count(row.apply_clicks, threshold),
            }
            for row in selectors.campaign_results()
        ]

    def _shortlists(self):
        signals = selectors.market_signals(timezone.localdate())
        return signals, shortlists(signals, selectors.sectors())

    def shortlist_view(self, request: HttpRequest) -> HttpResponse:
        self._check(request)
        signals, found = self._shortlists()
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Target markets"),
            "opts": self.model._meta,
            "shortlists": [
                {"sector": item, "label": selectors.sector_label(item.sector)} for item in found
            ],
            "salary_floor": signals.salary_floor,
            "who_year": signals.who_year,
            "who_count": len(signals.who_list),
            "current": [
                (label, selectors.current_imports()[kind])
                for kind, label in MarketDataImport.Kind.choices
            ],
            "history": selectors.import_history(),
            "campaigns": self._campaign_rows(),
            "min_cell": selectors.min_cell(),
            "suppressed_label": f"<{selectors.min_cell()}",
            "salary_floor_sek": f"{signals.salary_floor.monthly_sek:,}".replace(",", "\u00a0"),
            "can_import": can_import(request.user),
            "points": {
                "jobs": MAX_JOB_POINTS,
                "double": 2 * selectors.min_cell(),
                "per_hire": POINTS_PER_HIRE,
                "hires": MAX_HIRE_POINTS,
                "eu": EU_ROUTE_POINTS,
                "nordic": NORDIC_HEALTH_POINTS,
                "licence": -LICENCE_FROM_OUTSIDE_POINTS,
            },
        }
        return TemplateResponse(request, "admin/markets/shortlist.html", context)

    def shortlist_csv_view(self, request: HttpRequest) -> HttpResponse:
        self._check(request)
        _signals, found = self._shortlists()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="target-markets.csv"'
        writer = csv.writer(response)
        writer.writerow(
            ["sector", "rank", "country", "name", "points", "route", "excluded", "reasons"]
        )
        for item in found:
            for rank, line in enumerate(item.ranked, start=1):
                writer.writerow(self._csv_line(item.sector, rank, line))
            for line in item.excluded:
                writer.writerow(self._csv_line(item.sector, "", line))
        return response

    @staticmethod
    def _csv_line(sector: str, rank: object, line) -> list[str]:
        reasons = "; ".join(f"{reason.text} ({reason.points:+d})" for reason in line.reasons)
        if line.excluded:
            reasons = f"{line.exclusion} {reasons}"
        return [
            csv_cell(value)
            for value in (
                sector,
                rank,
                line.country,
                line.name,
                line.points,
                line.route,
                "yes" if line.excluded else "",
                reasons,
            )
        ]

    def campaigns_csv_view(self, request: HttpRequest) -> HttpResponse:
        self._check(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="campaigns.csv"'
        writer = csv.writer(response)
        writer.writerow(["campaign", "signups", "enquiries", "job_views", "apply_clicks"])
        for row in self._campaign_rows():
            writer.writerow([csv_cell(value) for value in row.values()])
        return response

    def upload_view(self, request: HttpRequest) -> HttpResponse:
        if not can_import(request.user):
            raise PermissionDenied
        form = MarketDataUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                version, created = market_data_import(
                    kind=form.cleaned_data["kind"],
                    file_name=upload.name,
                    content=upload.read(),
                    user=request.user,
                )
            except MarketDataError as exc:
                for error in exc.errors:
                    form.add_error("file", error)
            else:
                if created:
                    text = gettext("Imported %(rows)d rows from %(file)s.") % {
                        "rows": version.row_count,
                        "file": version.file_name,
                    }
                else:
                    text = gettext("This file is already the current version; nothing changed.")
                self.message_user(request, text, messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:markets_shortlist"))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Import a target-market data file"),
            "opts": self.model._meta,
            "form": form,
        }
        return TemplateResponse(request, "admin/markets/upload.html", context)
