"""Organisation isolation for the staff admin.

Partner staff see only their own organisation's data. Every ModelAdmin that holds
such data inherits ``OrganisationScopedAdmin`` and names the lookup path from its
model to ``portal.Organisation``; the mixin then

* filters ``get_queryset`` (and with it the change list, search, actions, the
  history and delete views, and autocomplete when the model is the target);
* restricts foreign-key and many-to-many choices to what the target model's own
  admin lets the user see;
* turns relational list filters into ``RelatedOnlyFieldListFilter`` so no other
  organisation's names appear among the filter choices;
* sets the organisation in ``save_model`` and shows it read-only when the user
  belongs to exactly one organisation;
* checks the object in every ``has_*_permission`` and grants rights by the
  user's role in the organisation (coordinator, handler, editor).

Superusers are not scoped.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.admin.options import IncorrectLookupParameters
from django.db import models
from django.http import HttpRequest

from portal.models import Organisation, StaffMembership

ALL_ROLES = frozenset(StaffMembership.Role.values)


def staff_organisation_ids(user: Any) -> frozenset[int]:
    """Ids of the organisations the user is a member of (cached per request user)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_organisation_ids", None)
    if cached is None:
        memberships = list(
            StaffMembership.objects.filter(user=user).values_list("organisation_id", "role")
        )
        cached = frozenset(org_id for org_id, _role in memberships)
        user._organisation_ids = cached
        user._staff_roles = frozenset(role for _org_id, role in memberships)
    return cached


def is_county_desk_staff(user: Any) -> bool:
    """Superusers and staff of the county desk: the only ones who may route enquiries
    or buddy requests of a municipality their organisation does not cover, and who
    see the county-wide enquiry queue (cached per request user)."""
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_county_desk", None)
    if cached is None:
        cached = StaffMembership.objects.filter(
            user=user, organisation__is_county_desk=True
        ).exists()
        user._is_county_desk = cached
    return cached


def staff_roles(user: Any) -> frozenset[str]:
    staff_organisation_ids(user)
    return getattr(user, "_staff_roles", frozenset())


class OrganisationScopedAdmin(admin.ModelAdmin):
    #: Lookup from the model to Organisation, e.g. "organisation" or
    #: "memberships__organisation". ``None``: shared reference data, not scoped.
    organisation_path: ClassVar[str | None] = "organisation"
    #: Whether the path crosses a many-valued relation (needs de-duplication).
    organisation_path_is_multivalued: ClassVar[bool] = False
    #: Which staff roles may do what. Superusers may do everything.
    role_permissions: ClassVar[dict[str, frozenset[str]]] = {
        "view": ALL_ROLES,
        "add": frozenset(),
        "change": frozenset(),
        "delete": frozenset(),
    }

    # --- querysets -------------------------------------------------------------------
    def scope_queryset(self, request: HttpRequest, queryset: models.QuerySet) -> models.QuerySet:
        if request.user.is_superuser or self.organisation_path is None:
            return queryset
        ids = staff_organisation_ids(request.user)
        scoped = queryset.filter(**{f"{self.organisation_path}__in": ids})
        if self.organisation_path_is_multivalued:
            scoped = queryset.filter(pk__in=scoped.values("pk"))
        return scoped

    def get_queryset(self, request: HttpRequest) -> models.QuerySet:
        return self.scope_queryset(request, super().get_queryset(request))

    def _is_visible(self, request: HttpRequest, obj: models.Model) -> bool:
        if request.user.is_superuser or self.organisation_path is None:
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    # --- form fields -----------------------------------------------------------------
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        queryset = scoped_choices(db_field.related_model, request, self.admin_site)
        if queryset is not None:
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        queryset = scoped_choices(db_field.related_model, request, self.admin_site)
        if queryset is not None:
            kwargs["queryset"] = queryset
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self._sets_organisation(request) and "organisation" not in fields:
            fields.append("organisation")
        return fields

    def _sets_organisation(self, request: HttpRequest) -> bool:
        return (
            self.organisation_path == "organisation"
            and not request.user.is_superuser
            and len(staff_organisation_ids(request.user)) == 1
        )

    def save_model(self, request, obj, form, change):
        if self._sets_organisation(request) and not change:
            (obj.organisation_id,) = staff_organisation_ids(request.user)
        super().save_model(request, obj, form, change)

    # --- list filters ----------------------------------------------------------------
    def get_list_filter(self, request: HttpRequest):
        scoped = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and self._is_relation(item):
                scoped.append((item, admin.RelatedOnlyFieldListFilter))
            else:
                scoped.append(item)
        return scoped

    def _is_relation(self, path: str) -> bool:
        model = self.model
        field = None
        for part in path.split("__"):
            field = model._meta.get_field(part)
            model = getattr(field, "related_model", None) or model
        return bool(field is not None and field.is_relation)

    # --- hand-edited change list URLs --------------------------------------------------
    def get_changelist_instance(self, request: HttpRequest):
        """A date-hierarchy year, month or day out of range is a bad lookup (Django
        lets ``year=9999`` or a 30-digit year fail with a server error)."""
        if self.date_hierarchy:
            limits = {"year": (1, 9998), "month": (1, 12), "day": (1, 31)}
            for part, (low, high) in limits.items():
                value = request.GET.get(f"{self.date_hierarchy}__{part}")
                if value is not None and not (
                    value.isascii()
                    and value.isdigit()
                    and len(value) <= 4
                    and low <= int(value) <= high
                ):
                    raise IncorrectLookupParameters(part)
        return super().get_changelist_instance(request)

    # --- permissions -----------------------------------------------------------------
    def _role_allows(self, request: HttpRequest, action: str) -> bool:
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if user.is_superuser:
            return True
        return bool(staff_roles(user) & self.role_permissions.get(action, frozenset()))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._role_allows(request, "view")

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = self._role_allows(request, "view") or self._role_allows(request, "change")
        return allowed and (obj is None or self._is_visible(request, obj))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._role_allows(request, "add")

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = self._role_allows(request, "change")
        return allowed and (obj is None or self._is_visible(request, obj))

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        allowed = self._role_allows(request, "delete")
        return allowed and (obj is None or self._is_visible(request, obj))


class OrganisationScopedInline(admin.TabularInline):
    """Inlines restrict their relational choices like the scoped admins do."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        queryset = scoped_choices(db_field.related_model, request, self.admin_site)
        if queryset is not None:
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def scoped_choices(model: type[models.Model], request: HttpRequest, site) -> models.QuerySet | None:
    """The choices of ``model`` the user may pick, decided by that model's own admin."""
    if request.user.is_superuser:
        return None
    try:
        target_admin = site.get_model_admin(model)
    except NotRegistered:
        target_admin = None
    if isinstance(target_admin, OrganisationScopedAdmin):
        return target_admin.get_queryset(request)
    if model is Organisation:
        return Organisation.objects.filter(pk__in=staff_organisation_ids(request.user))
    return None
