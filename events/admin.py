"""Staff admin for events, scoped to the organiser."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventRegistration
from portal.admin_scoping import ALL_ROLES, OrganisationScopedAdmin, OrganisationScopedInline
from portal.models import StaffMembership

EVENT_EDITORS = frozenset({StaffMembership.Role.COORDINATOR, StaffMembership.Role.EDITOR})


class EventRegistrationInline(OrganisationScopedInline):
    model = EventRegistration
    extra = 0
    can_delete = False
    fields = ["user", "status", "created_at", "promoted_at", "reminder_sent_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(OrganisationScopedAdmin):
    role_permissions = {
        "view": ALL_ROLES,
        "add": EVENT_EDITORS,
        "change": EVENT_EDITORS,
        "delete": EVENT_EDITORS,
    }
    list_display = [
        "title",
        "starts_at",
        "kind",
        "municipality",
        "capacity",
        "confirmed",
        "waiting",
        "is_published",
    ]
    list_filter = ["kind", "audience", "is_published", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["title", "place"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_at"
    inlines = [EventRegistrationInline]
    fields = [
        "title",
        "slug",
        "kind",
        "audience",
        "language",
        "organisation",
        "municipality",
        "summary",
        "description",
        "starts_at",
        "ends_at",
        "is_online",
        "place",
        "online_url",
        "capacity",
        "is_published",
        "cancelled_at",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed")),
                waiting_count=Count("registrations", filter=Q(registrations__status="waiting")),
            )
        )

    @admin.display(description=_("registered"), ordering="confirmed_count")
    def confirmed(self, obj) -> int:
        return obj.confirmed_count

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, obj) -> int:
        return obj.waiting_count
