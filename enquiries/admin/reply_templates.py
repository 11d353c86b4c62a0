"""Reply templates in the staff admin: each organisation keeps its own (coordinators
write them, handlers read them); templates for every organisation are the
superuser's."""

from __future__ import annotations

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from enquiries.admin.enquiries import COORDINATOR, TRIAGE
from enquiries.models import ReplyTemplate
from portal.admin_scoping import OrganisationScopedAdmin


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(OrganisationScopedAdmin, TranslationAdmin):
    role_permissions = {
        "view": TRIAGE,
        "add": COORDINATOR,
        "change": COORDINATOR,
        "delete": COORDINATOR,
    }
    list_display = ["title", "topic", "organisation"]
    list_select_related = ["topic", "organisation"]
    search_fields = ["title"]
    fields = ["organisation", "topic", "title", "text"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        """Only a superuser writes a template for every organisation (no organisation)."""
        form = super().get_form(request, obj, change=change, **kwargs)
        if not request.user.is_superuser and "organisation" in form.base_fields:
            form.base_fields["organisation"].required = True
        return form
