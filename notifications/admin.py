from django.contrib import admin

from notifications.models import OutboundEmail
from portal.admin_scoping import OrganisationScopedAdmin

NOBODY: frozenset[str] = frozenset()


@admin.register(OutboundEmail)
class OutboundEmailAdmin(OrganisationScopedAdmin):
    """The e-mail outbox, for operators (superusers) only: it holds personal data."""

    organisation_path = "enquiry__organisation"
    role_permissions = {"view": NOBODY, "add": NOBODY, "change": NOBODY, "delete": NOBODY}
    list_display = ["created_at", "key", "recipient", "language", "state", "attempts", "sent_at"]
    list_filter = ["state", "language"]
    search_fields = ["=key", "=recipient"]
    show_full_result_count = False
    readonly_fields = [
        "key",
        "enquiry",
        "recipient",
        "language",
        "subject",
        "body",
        "template",
        "context",
        "state",
        "attempts",
        "dispatched_at",
        "sent_at",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False
