"""Staff admin: vet applications, follow requests and matches, handle concerns.

Everything is scoped to the responsible organisation (the municipality's own
organisation or the county desk) through ``OrganisationScopedAdmin``. Messages
between a newcomer and an ambassador are private and never shown here.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ambassadors import selectors, services
from ambassadors.models import Ambassador, AmbassadorLanguage, BuddyRequest, Concern, Match
from portal.admin_scoping import (
    ALL_ROLES,
    OrganisationScopedAdmin,
    OrganisationScopedInline,
    staff_organisation_ids,
)
from portal.models import StaffMembership

R = StaffMembership.Role
VETTERS = frozenset({R.COORDINATOR, R.HANDLER})
NOBODY: frozenset[str] = frozenset()


class AmbassadorLanguageInline(OrganisationScopedInline):
    model = AmbassadorLanguage
    extra = 0
    can_delete = False
    fields = ["code", "level"]
    readonly_fields = ["code", "level"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class DecisionForm(forms.ModelForm):
    """What staff may decide depends on where the ambassador stands: an application
    is approved or declined, an approved ambassador can be suspended (after a
    concern, say) and a suspended one reinstated."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", _("Not decided yet")), ("approve", _("Approve")), ("decline", _("Decline"))],
    )
    reason = forms.CharField(
        label=_("Reason for declining"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent to the applicant by e-mail, in their language."),
    )

    class Meta:
        model = Ambassador
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.instance.status if self.instance.pk else Ambassador.Status.PENDING
        field = self.fields["decision"]
        if status == Ambassador.Status.APPROVED:
            field.choices = [("", _("No change")), ("suspend", _("Suspend"))]
            self.fields["reason"].label = _("Reason for suspending")
            self.fields["reason"].help_text = _(
                "Sent to the ambassador by e-mail, in their language. Open offers pass to "
                "other ambassadors; current buddies are told and matched again."
            )
        elif status == Ambassador.Status.SUSPENDED:
            field.choices = [("", _("No change")), ("reinstate", _("Lift the suspension"))]
            self.fields["reason"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        allowed = {value for value, _label in self.fields["decision"].choices if value}
        if decision and decision not in allowed:
            self.add_error("decision", _("This application has already been decided."))
        elif decision == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the applicant a reason."))
        elif decision == "suspend" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give a reason for the suspension."))
        return cleaned


@admin.register(Ambassador)
class AmbassadorAdmin(OrganisationScopedAdmin):
    role_permissions = {"view": ALL_ROLES, "change": VETTERS, "add": NOBODY, "delete": NOBODY}
    form = DecisionForm
    list_display = [
        "__str__",
        "municipality",
        "status",
        "capacity",
        "reserved",
        "is_paused",
        "created_at",
    ]
    list_filter = ["status", "is_paused", "municipality"]
    list_select_related = ["user", "municipality"]
    search_fields = ["user__email", "user__first_name", "profession"]
    inlines = [AmbassadorLanguageInline]
    actions = ["approve_selected"]
    readonly_fields = [
        "user",
        "organisation",
        "status",
        "municipality",
        "countries_lived_in",
        "profession",
        "sector",
        "interests",
        "capacity",
        "reserved",
        "availability",
        "bio",
        "share_email",
        "phone",
        "preferred_language",
        "code_of_conduct_accepted_at",
        "is_paused",
        "decided_at",
        "decided_by",
        "decline_reason",
        "suspended_at",
        "suspension_reason",
        "created_at",
    ]
    fieldsets = [
        (
            _("Application"),
            {
                "fields": [
                    "user",
                    "municipality",
                    "organisation",
                    "countries_lived_in",
                    "profession",
                    "sector",
                    "interests",
                    "capacity",
                    "availability",
                    "bio",
                    "code_of_conduct_accepted_at",
                    "created_at",
                ]
            },
        ),
        (
            _("Vetting"),
            {
                "fields": [
                    "status",
                    "decision",
                    "reason",
                    "decided_at",
                    "decided_by",
                    "decline_reason",
                    "suspended_at",
                    "suspension_reason",
                ]
            },
        ),
        (
            _("Current work"),
            {"fields": ["reserved", "is_paused", "share_email", "phone", "preferred_language"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        decision = form.cleaned_data.get("decision")
        try:
            if decision == "approve":
                services.ambassador_approve(ambassador_id=obj.pk, by=request.user)
            elif decision == "decline":
                services.ambassador_decline(
                    ambassador_id=obj.pk, by=request.user, reason=form.cleaned_data["reason"]
                )
            elif decision == "suspend":
                services.ambassador_suspend(
                    ambassador_id=obj.pk, by=request.user, reason=form.cleaned_data["reason"]
                )
            elif decision == "reinstate":
                services.ambassador_reinstate(ambassador_id=obj.pk, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))

    def save_related(self, request, form, formsets, change):
        """Application data is the applicant's: staff only decide."""

    @admin.action(description=_("Approve the selected applications"))
    def approve_selected(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        approved = 0
        for ambassador in queryset.filter(status=Ambassador.Status.PENDING):
            services.ambassador_approve(ambassador_id=ambassador.pk, by=request.user)
            approved += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d application approved.", "%(count)d applications approved.", approved
            )
            % {"count": approved},
        )

    def get_urls(self):
        return [
            path(
                "overview/",
                self.admin_site.admin_view(self.overview_view),
                name="ambassadors_overview",
            ),
            *super().get_urls(),
        ]

    def overview_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        scope = None if request.user.is_superuser else staff_organisation_ids(request.user)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Ambassadors and buddy requests"),
            "overview": selectors.overview(scope),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "ambassadors/admin/overview.html", context)


@admin.register(BuddyRequest)
class BuddyRequestAdmin(OrganisationScopedAdmin):
    role_permissions = {"view": ALL_ROLES, "change": NOBODY, "add": NOBODY, "delete": NOBODY}
    list_display = [
        "__str__",
        "municipality",
        "status",
        "created_at",
        "waiting_since",
        "matched_at",
    ]
    list_filter = ["status", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["=id"]
    readonly_fields = [
        "newcomer",
        "organisation",
        "municipality",
        "status",
        "languages",
        "interests",
        "sector",
        "household",
        "help_with",
        "share_email",
        "phone",
        "consent_at",
        "contact_language",
        "dispatched_at",
        "waiting_since",
        "staff_notified_at",
        "matched_at",
        "closed_at",
        "created_at",
    ]
    exclude: list[str] = []


@admin.register(Match)
class MatchAdmin(OrganisationScopedAdmin):
    organisation_path = "request__organisation"
    role_permissions = {"view": ALL_ROLES, "change": VETTERS, "add": NOBODY, "delete": NOBODY}
    actions = ["end_selected"]
    list_display = [
        "__str__",
        "ambassador",
        "status",
        "offered_at",
        "deadline",
        "responded_at",
        "ended_at",
    ]
    list_filter = ["status"]
    list_select_related = ["ambassador__user"]
    readonly_fields = [
        "request",
        "ambassador",
        "status",
        "score",
        "offered_at",
        "deadline",
        "responded_at",
        "ended_at",
        "ended_by",
        "checkin_2m_sent_at",
        "checkin_4m_sent_at",
    ]

    @admin.action(description=_("End the selected active matches (both sides are told)"))
    def end_selected(self, request, queryset):
        if not self.has_change_permission(request):
            raise PermissionDenied
        ended = 0
        for match in queryset.filter(status=Match.Status.ACCEPTED):
            services.match_end_by_staff(match_id=match.pk, by=request.user)
            ended += 1
        self.message_user(
            request,
            ngettext("%(count)d match ended.", "%(count)d matches ended.", ended)
            % {"count": ended},
        )


@admin.register(Concern)
class ConcernAdmin(OrganisationScopedAdmin):
    role_permissions = {"view": ALL_ROLES, "change": VETTERS, "add": NOBODY, "delete": NOBODY}
    list_display = ["__str__", "status", "created_at"]
    list_filter = ["status"]
    fields = [
        "organisation",
        "match",
        "reporter",
        "description",
        "created_at",
        "status",
        "staff_note",
    ]
    readonly_fields = ["organisation", "match", "reporter", "description", "created_at"]
