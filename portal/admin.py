from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.admin_scoping import ALL_ROLES, OrganisationScopedAdmin, is_county_desk_staff
from portal.models import (
    ANSWER_LANGUAGES,
    Municipality,
    NewcomerProfile,
    Organisation,
    StaffMembership,
    User,
)
from portal.privacy import account_delete

COORDINATOR = frozenset({StaffMembership.Role.COORDINATOR})
NOBODY: frozenset[str] = frozenset()

admin.site.site_header = _("International House – staff")
admin.site.site_title = _("International House staff")
admin.site.index_title = _("Your organisation's work")


class LanguageListField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        super().__init__(choices=ANSWER_LANGUAGES, **kwargs)


class LanguagesFormMixin:
    """Shows JSON lists of language codes as check boxes."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "languages":
            return LanguageListField(
                required=False, label=db_field.verbose_name, help_text=db_field.help_text
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Municipality)
class MunicipalityAdmin(OrganisationScopedAdmin):
    """Reference data: every staff member may read it, only superusers change it."""

    organisation_path = None
    list_display = ["name", "code", "slug"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}


class OrganisationForm(forms.ModelForm):
    """No municipality has two municipal organisations: buddy requests and ambassadors
    go to the municipality's own organisation, which must be one, never picked by id."""

    class Meta:
        model = Organisation
        fields = "__all__"  # noqa: DJ007 - the admin decides what is shown and editable

    def clean(self):
        data = super().clean()
        kind = data.get("kind", self.instance.kind)
        covered = data.get("municipalities")
        if kind == Organisation.Kind.MUNICIPALITY and covered is not None:
            taken = (
                Municipality.objects.filter(
                    pk__in=[m.pk for m in covered],
                    organisations__kind=Organisation.Kind.MUNICIPALITY,
                )
                .exclude(organisations=self.instance.pk)
                .distinct()
            )
            if taken:
                self.add_error(
                    "municipalities",
                    _("%(names)s already has a municipal organisation.")
                    % {"names": ", ".join(m.name for m in taken)},
                )
        return data


@admin.register(Organisation)
class OrganisationAdmin(LanguagesFormMixin, OrganisationScopedAdmin):
    form = OrganisationForm
    organisation_path = "pk"
    role_permissions = {"view": ALL_ROLES, "change": COORDINATOR, "add": NOBODY, "delete": NOBODY}
    list_display = ["name", "kind", "contact_email", "response_time_hours", "is_county_desk"]
    list_filter = ["kind", "is_county_desk"]
    search_fields = ["name"]
    filter_horizontal = ["municipalities"]
    prepopulated_fields = {"slug": ["name"]}

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += ["name", "slug", "kind", "is_county_desk"]
        if not is_county_desk_staff(request.user):
            # Coverage decides whose buddy requests and enquiries an organisation gets.
            fields.append("municipalities")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        # The slug cannot be prepopulated from a name that is read-only.
        if not request.user.is_superuser:
            return {}
        return super().get_prepopulated_fields(request, obj)


@admin.register(StaffMembership)
class StaffMembershipAdmin(LanguagesFormMixin, OrganisationScopedAdmin):
    role_permissions = {
        "view": ALL_ROLES,
        "change": COORDINATOR,
        "add": COORDINATOR,
        "delete": COORDINATOR,
    }
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__email", "user__first_name"]
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(OrganisationScopedAdmin, DjangoUserAdmin):
    """Staff see their colleagues; only superusers manage accounts."""

    organisation_path = "memberships__organisation"
    organisation_path_is_multivalued = True
    form = UserChangeForm
    add_form = AdminUserCreationForm
    ordering = ["email"]
    list_display = ["email", "first_name", "is_staff", "is_active", "is_demo"]
    list_filter = ["is_staff", "is_active", "is_superuser", "is_demo"]
    search_fields = ["email", "first_name"]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = ["groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal information"), {"fields": ["first_name"]}),
        (
            _("Permissions"),
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "is_demo",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "usable_password", "password1", "password2"]},
        )
    ]

    def delete_model(self, request, obj):
        """Through the privacy registry, as the person's own deletion: each app erases
        its part (an ambassador's place is freed and the ambassador told)."""
        account_delete(user=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for user in queryset:
                account_delete(user=user)

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            return [(None, {"fields": ["email", "first_name", "is_active", "is_staff"]})]
        return super().get_fieldsets(request, obj)


@admin.register(NewcomerProfile)
class NewcomerProfileAdmin(OrganisationScopedAdmin):
    """Newcomers belong to no organisation; partner staff reach a newcomer only
    through the enquiries and buddy requests routed to them. Only superusers
    (data protection officers) list profiles here."""

    organisation_path = "user__memberships__organisation"
    organisation_path_is_multivalued = True
    role_permissions = {"view": NOBODY, "add": NOBODY, "change": NOBODY, "delete": NOBODY}
    list_display = ["user", "preferred_language", "municipality", "citizenship", "created_at"]
    list_filter = ["preferred_language", "citizenship", "municipality"]
    list_select_related = ["user", "municipality"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user"]


class SuperuserOnlyAdminMixin:
    """Admins of other apps hold every organisation's people (e-mail addresses,
    authenticators, permission groups) and are not organisation-scoped: only
    superusers use them, whatever Django permissions a staff user was given."""

    def _superuser(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self._superuser(request)

    def has_view_permission(self, request, obj=None):
        return self._superuser(request)

    def has_add_permission(self, request, *args):
        return self._superuser(request)

    def has_change_permission(self, request, obj=None):
        return self._superuser(request)

    def has_delete_permission(self, request, obj=None):
        return self._superuser(request)


def _restrict_to_superusers(model) -> None:
    try:
        model_admin = admin.site.get_model_admin(model)
    except NotRegistered:
        return
    if isinstance(model_admin, OrganisationScopedAdmin):
        return
    admin_class = type(model_admin)
    admin.site.unregister(model)
    admin.site.register(
        model,
        type(f"SuperuserOnly{admin_class.__name__}", (SuperuserOnlyAdminMixin, admin_class), {}),
    )


for _model in (Group, EmailAddress, Authenticator):
    _restrict_to_superusers(_model)
