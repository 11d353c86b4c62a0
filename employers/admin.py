"""Staff admin: staff of the business organisations vet employers and follow their ads.

Scoped to the vetting organisation through ``OrganisationScopedAdmin``. The admin
shows an employer's users and open invitations (their e-mail addresses are the
employer's own contacts) but nothing about newcomers.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from employers import selectors, services
from employers.models import (
    Employer,
    EmployerInvitation,
    EmployerMembership,
    Job,
    Occupation,
    OccupationImport,
    TrainingSeat,
)
from portal.admin_scoping import ALL_ROLES, OrganisationScopedAdmin, OrganisationScopedInline
from portal.models import StaffMembership

R = StaffMembership.Role
VETTERS = frozenset({R.COORDINATOR, R.HANDLER})
NOBODY: frozenset[str] = frozenset()


class MembershipInline(OrganisationScopedInline):
    model = EmployerMembership
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = ["user", "role", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class InvitationInline(MembershipInline):
    model = EmployerInvitation
    fields = ["email", "created_at", "accepted_at"]
    readonly_fields = ["email", "created_at", "accepted_at"]


class VettingForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", _("No change")), ("approve", _("Approve")), ("decline", _("Decline"))],
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the employer."),
    )

    class Meta:
        model = Employer
        fields: list[str] = []

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the employer a reason for declining."))
        return cleaned


@admin.register(Employer)
class EmployerAdmin(OrganisationScopedAdmin):
    role_permissions = {"view": ALL_ROLES, "change": VETTERS, "add": NOBODY, "delete": NOBODY}
    form = VettingForm
    list_display = ["name", "org_number", "municipality", "sector", "status", "created_at"]
    list_filter = ["status", "sector", "is_network_member", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["name", "org_number"]
    inlines = [MembershipInline, InvitationInline]
    actions = ["approve_selected"]
    readonly_fields = [
        "name",
        "org_number",
        "legal_form",
        "is_sole_trader",
        "municipality",
        "sector",
        "size",
        "website",
        "organisation",
        "status",
        "vetted_at",
        "decline_reason",
        "is_network_member",
        "listing_consent_at",
        "is_fictional",
        "created_at",
    ]
    fields = [*readonly_fields[:13], "decision", "reason", *readonly_fields[13:]]

    @admin.display(description=_("legal form"))
    def legal_form(self, obj: Employer) -> str:
        return obj.legal_form

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        if not decision:
            return
        try:
            services.employer_vet(
                employer_id=obj.pk,
                approve=decision == "approve",
                reason=form.cleaned_data.get("reason", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))

    def save_related(self, request, form, formsets, change):
        """The employer's data is the employer's: staff only decide."""

    @admin.action(description=_("Approve the selected employers"))
    def approve_selected(self, request, queryset):
        if not self.has_change_permission(request):
            return
        approved = 0
        for employer in queryset.filter(status=Employer.Status.PENDING):
            services.employer_vet(employer_id=employer.pk, approve=True)
            approved += 1
        self.message_user(
            request,
            ngettext("%(count)d employer approved.", "%(count)d employers approved.", approved)
            % {"count": approved},
            messages.SUCCESS,
        )


@admin.register(Job)
class JobAdmin(OrganisationScopedAdmin):
    organisation_path = "employer__organisation"
    role_permissions = {"view": ALL_ROLES, "change": NOBODY, "add": NOBODY, "delete": NOBODY}
    list_display = ["__str__", "employer", "municipality", "status", "deadline", "published_at"]
    list_filter = ["status", "municipality", "employer"]
    list_select_related = ["employer", "municipality"]
    search_fields = ["title_sv", "title_en", "employer__name"]


@admin.register(Occupation)
class OccupationAdmin(OrganisationScopedAdmin):
    """Shared reference data from the national taxonomy (loaded by import_occupations)."""

    organisation_path = None
    list_display = ["label_en", "label_sv", "ssyk", "isco", "concept_id", "sector", "is_active"]
    list_filter = ["sector", "is_active"]
    search_fields = ["label_en", "label_sv", "ssyk", "concept_id"]


@admin.register(OccupationImport)
class OccupationImportAdmin(OrganisationScopedAdmin):
    organisation_path = None
    list_display = ["version", "count", "imported_at", "source"]


@admin.register(TrainingSeat)
class TrainingSeatAdmin(OrganisationScopedAdmin):
    """Staff of the organiser mark attendance; the page shows progress toward the goal
    of 200 trained employers (counts of organisations, no names of others)."""

    organisation_path = "registration__event__organisation"
    role_permissions = {"view": ALL_ROLES, "change": VETTERS, "add": NOBODY, "delete": NOBODY}
    change_list_template = "employers/admin/trainingseat_change_list.html"
    list_display = ["employer", "event", "participant", "place", "attended_at"]
    list_filter = ["registration__event", "attended_at"]
    list_select_related = ["employer", "registration__event", "registration__user"]
    actions = ["mark_attended", "mark_absent"]
    fields = ["employer", "registration", "attended_at"]
    readonly_fields = ["employer", "registration", "attended_at"]

    @admin.display(description=_("event"))
    def event(self, obj: TrainingSeat):
        return obj.registration.event

    @admin.display(description=_("participant"))
    def participant(self, obj: TrainingSeat):
        return obj.registration.user

    @admin.display(description=_("status"))
    def place(self, obj: TrainingSeat) -> str:
        return obj.registration.get_status_display()

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "progress": selectors.training_progress()}
        return super().changelist_view(request, extra_context=extra_context)

    def _mark(self, request, queryset, attended: bool) -> None:
        if not self.has_change_permission(request):
            return
        count = services.training_attendance_mark(
            seat_ids=list(queryset.values_list("pk", flat=True)), attended=attended
        )
        self.message_user(
            request,
            ngettext("%(count)d seat updated.", "%(count)d seats updated.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark as attended"))
    def mark_attended(self, request, queryset):
        self._mark(request, queryset, attended=True)

    @admin.action(description=_("Mark as not attended"))
    def mark_absent(self, request, queryset):
        self._mark(request, queryset, attended=False)
