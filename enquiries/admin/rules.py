"""Routing rules (coordinators; coverage outside the own municipality is the county
desk's) and the access log, in the staff admin."""

from __future__ import annotations

from django.contrib import admin

from enquiries.admin.enquiries import COORDINATOR, NOBODY
from enquiries.admin.filters import (
    EstimatedCountPaginator,
)
from enquiries.forms import RoutingRuleForm
from enquiries.models import (
    EnquiryAccess,
    EnquiryEvent,
    RoutingRule,
)
from portal.admin_scoping import (
    ALL_ROLES,
    OrganisationScopedAdmin,
    is_county_desk_staff,
    staff_organisation_ids,
)
from portal.models import Municipality


@admin.register(RoutingRule)
class RoutingRuleAdmin(OrganisationScopedAdmin):
    """Routing without code. Coordinators keep their organisation's rules."""

    role_permissions = {
        "view": ALL_ROLES,
        "add": COORDINATOR,
        "change": COORDINATOR,
        "delete": COORDINATOR,
    }
    list_display = [
        "__str__",
        "audience",
        "topic",
        "municipality",
        "language",
        "organisation",
        "priority",
        "is_active",
    ]
    list_filter = ["is_active", "audience", "language"]
    list_select_related = ["topic", "municipality", "organisation"]
    search_fields = ["note", "organisation__name"]
    form = RoutingRuleForm
    fields = [
        "audience",
        "topic",
        "municipality",
        "language",
        "organisation",
        "priority",
        "is_active",
        "note",
    ]

    def _covered(self, request) -> frozenset[int] | None:
        """The municipalities the user may route, or None (the county desk: any)."""
        if is_county_desk_staff(request.user):
            return None
        covered = Municipality.objects.filter(
            organisations__in=staff_organisation_ids(request.user)
        ).values_list("pk", flat=True)
        return frozenset(covered)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.covered = self._covered(request)
        form.own_organisation_ids = staff_organisation_ids(request.user)
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        covered = self._covered(request) if db_field.name == "municipality" else None
        if covered is not None:
            kwargs["queryset"] = Municipality.objects.filter(pk__in=covered)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(EnquiryAccess)
class EnquiryAccessAdmin(OrganisationScopedAdmin):
    """Who viewed or changed an enquiry, and when: for the organisation's coordinators."""

    # The organisation that held the enquiry when it was accessed: a re-route does not
    # hand the previous organisation's access log to the next one.
    organisation_path = "organisation"
    role_permissions = {"view": COORDINATOR, "add": NOBODY, "change": NOBODY, "delete": NOBODY}
    list_display = ["created_at", "enquiry", "action", "actor", "detail"]
    list_filter = ["action"]
    list_select_related = ["enquiry", "actor"]
    search_fields = ["=enquiry__reference"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    fields = ["created_at", "enquiry", "action", "actor", "detail"]
    readonly_fields = fields
    ordering = ["-created_at", "-id"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(action__in=EnquiryEvent.ACCESS_ACTIONS)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
