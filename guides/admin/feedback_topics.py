"""Readers' feedback on guides and the topics, in the staff admin."""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from guides.models import (
    GuideFeedback,
    Topic,
)
from portal.admin_scoping import (
    ALL_ROLES,
    OrganisationScopedAdmin,
)
from portal.models import StaffMembership


@admin.register(GuideFeedback)
class GuideFeedbackAdmin(OrganisationScopedAdmin):
    organisation_path = "guide__organisation"
    role_permissions = {
        "view": ALL_ROLES,
        "add": frozenset(),
        "change": frozenset(),
        "delete": frozenset({StaffMembership.Role.COORDINATOR}),
    }
    list_display = ("guide", "helpful", "language", "comment", "created_at")
    list_filter = ("helpful", "language")
    list_select_related = ("guide",)
    search_fields = ("comment",)
    readonly_fields = ("guide", "helpful", "comment", "language", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(Topic)
class TopicAdmin(OrganisationScopedAdmin, TranslationAdmin):
    """Topics are shared reference data: everyone sees them, superusers edit them."""

    organisation_path = None
    list_display = ("name", "slug", "order", "icon")
    search_fields = ("slug", "name_sv", "name_en")
