"""Staff admin for hires.

* Referrals and their checklists: read-only, scoped to the organisation that vets the
  employer (like the employers' admin). Staff see the state, the job facts and the
  ticks — not the hire's address, family or answers.
* The rule table (salary floor, exempt occupations) is county-wide reference data:
  every staff member may read it; the county desk's coordinators and editors (and
  superusers) change it.
"""

from __future__ import annotations

from django.contrib import admin

from hires.models import ChecklistTick, ExemptOccupation, HireReferral, SalaryFloorRule
from portal.admin_scoping import ALL_ROLES, OrganisationScopedAdmin, OrganisationScopedInline
from portal.models import StaffMembership

NOBODY: frozenset[str] = frozenset()
RULE_EDITORS = frozenset({StaffMembership.Role.COORDINATOR, StaffMembership.Role.EDITOR})


class TickInline(OrganisationScopedInline):
    model = ChecklistTick
    extra = 0
    fields = ["step", "done_at"]
    readonly_fields = ["step", "done_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(HireReferral)
class HireReferralAdmin(OrganisationScopedAdmin):
    organisation_path = "employer__organisation"
    role_permissions = {"view": ALL_ROLES, "change": NOBODY, "add": NOBODY, "delete": NOBODY}
    list_display = ["employer", "occupation", "municipality", "start_date", "state", "sent_at"]
    list_filter = ["state", "municipality", "employer"]
    list_select_related = ["employer", "occupation", "municipality"]
    search_fields = ["employer__name"]
    inlines = [TickInline]
    fields = [
        "employer",
        "state",
        "occupation",
        "start_date",
        "municipality",
        "job",
        "board_ad_id",
        "permit_end_date",
        "expert_tax_applies",
        "sent_at",
        "times_sent",
        "accepted_at",
        "declined_at",
    ]
    readonly_fields = fields


class RuleAdmin(OrganisationScopedAdmin):
    """County-wide reference data: read by all staff, changed by the county desk."""

    organisation_path = None
    role_permissions = {"view": ALL_ROLES, "change": NOBODY, "add": NOBODY, "delete": NOBODY}

    def _may_edit(self, request) -> bool:
        """County-desk coordinators and editors (and superusers); asked once per request
        (the admin's sidebar asks every rule admin for each permission)."""
        cached = getattr(request, "hires_rule_editor", None)
        if cached is None:
            user = request.user
            if not (user.is_active and user.is_staff):
                cached = False
            elif user.is_superuser:
                cached = True
            else:
                cached = StaffMembership.objects.filter(
                    user=user, organisation__is_county_desk=True, role__in=RULE_EDITORS
                ).exists()
            request.hires_rule_editor = cached
        return cached

    def has_add_permission(self, request) -> bool:
        return self._may_edit(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._may_edit(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._may_edit(request)


@admin.register(SalaryFloorRule)
class SalaryFloorRuleAdmin(RuleAdmin):
    list_display = [
        "permit_kind",
        "effective_from",
        "share_percent",
        "median_wage",
        "floor",
        "source_date",
        "needs_check",
    ]
    list_filter = ["permit_kind", "needs_check"]


@admin.register(ExemptOccupation)
class ExemptOccupationAdmin(RuleAdmin):
    list_display = ["label", "ssyk", "effective_from", "effective_until", "source_date"]
    search_fields = ["label", "ssyk", "concept_id"]
