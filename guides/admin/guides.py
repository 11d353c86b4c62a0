"""Guides in the staff admin: editors edit only their organisation's guides.

Scoped by ``OrganisationScopedAdmin`` (organisation isolation). Adds a preview of
the guide page (also unpublished), a translation overview per language with a
to-do list, a list of guides due for review, and the readers' feedback.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from guides.admin.filters import AppliesToFilter, ReviewDueFilter, TranslationStatusFilter
from guides.forms import GuideAdminForm
from guides.models import (
    AuthorityLink,
    Guide,
    GuideTranslation,
    TranslationStatus,
)
from guides.models.guides import AppliesTo
from guides.selectors.guide_page import guide_page_of
from guides.selectors.guides import (
    guide_for_page,
    guides_due_for_review,
    translation_overview,
)
from guides.services import guide_save, guides_mark_reviewed
from guides.views.guides import GUIDE_TEMPLATE, guide_page_context
from portal.admin_scoping import (
    ALL_ROLES,
    OrganisationScopedAdmin,
    OrganisationScopedInline,
    staff_organisation_ids,
    staff_roles,
)
from portal.models import StaffMembership

EDITING_ROLES = frozenset({StaffMembership.Role.EDITOR, StaffMembership.Role.COORDINATOR})
STATUS_SYMBOLS = {
    TranslationStatus.UP_TO_DATE: "✓",
    TranslationStatus.OUTDATED: "!",
    TranslationStatus.MACHINE: "M",
    TranslationStatus.MISSING: "–",
}


def _may_edit(request: HttpRequest) -> bool:
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or bool(staff_roles(user) & EDITING_ROLES)


class AuthorityLinkInline(TranslationTabularInline, OrganisationScopedInline):
    model = AuthorityLink
    extra = 1
    fields = ("label", "url", "order")

    # The guide's own admin decides (scoped by organisation); editors need no Django perms.
    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request, obj=None):
        return _may_edit(request)

    def has_change_permission(self, request, obj=None):
        return _may_edit(request)

    def has_delete_permission(self, request, obj=None):
        return _may_edit(request)


class TranslationStatusInline(admin.TabularInline):
    model = GuideTranslation
    fields = ("language", "status", "status_changed_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("translation status")

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Guide)
class GuideAdmin(OrganisationScopedAdmin, TranslationAdmin):
    organisation_path = "organisation"
    role_permissions = {
        "view": ALL_ROLES,
        "add": EDITING_ROLES,
        "change": EDITING_ROLES,
        "delete": frozenset({StaffMembership.Role.COORDINATOR}),
    }
    form = GuideAdminForm
    change_list_template = "guides/admin/change_list.html"
    inlines = [AuthorityLinkInline, TranslationStatusInline]
    list_display = (
        "title",
        "topic",
        "municipality",
        "stage",
        "published",
        "last_reviewed",
        "translation_summary",
        "feedback_summary",
    )
    list_filter = (
        "published",
        "stage",
        "audience",
        "topic",
        "municipality",
        TranslationStatusFilter,
        ReviewDueFilter,
        AppliesToFilter,
    )
    list_select_related = ("topic", "municipality")
    search_fields = ("slug", "subject", "title_sv", "title_en")
    prepopulated_fields = {"slug": ("title_sv",)}
    readonly_fields = ("preview_link", "feedback_overview")
    actions = ["mark_reviewed"]
    fieldsets = (
        (None, {"fields": ("preview_link", "title", "summary", "body")}),
        (
            _("Where it belongs"),
            {
                "fields": (
                    "subject",
                    "slug",
                    "topic",
                    "municipality",
                    "organisation",
                    "audience",
                    "stage",
                    "applies_to",
                )
            },
        ),
        (
            _("Publishing and translation"),
            {"fields": ("published", "last_reviewed", "minor_edit", "machine_translated")},
        ),
        (_("Readers' feedback"), {"fields": ("feedback_overview",)}),
    )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "applies_to" in form.base_fields:
            form.base_fields["applies_to"] = forms.MultipleChoiceField(
                label=_("Applies to"),
                choices=AppliesTo.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Leave all unticked when the guide applies to everyone."),
            )
        return form

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                helpful_yes=Count("feedback", filter=Q(feedback__helpful=True)),
                helpful_no=Count("feedback", filter=Q(feedback__helpful=False)),
            )
            .prefetch_related(
                Prefetch("translations", queryset=GuideTranslation.objects.order_by("language"))
            )
        )

    @admin.display(description=_("translations"))
    def translation_summary(self, obj: Guide) -> str:
        statuses = {row.language: row.status for row in obj.translations.all()}
        return format_html_join(
            " ",
            '<abbr title="{}">{}{}</abbr>',
            (
                (
                    TranslationStatus(statuses.get(code, TranslationStatus.MISSING)).label,
                    code,
                    STATUS_SYMBOLS[statuses.get(code, TranslationStatus.MISSING)],
                )
                for code, _name in settings.LANGUAGES
            ),
        )

    @admin.display(description=_("helpful (yes/no)"))
    def feedback_summary(self, obj: Guide) -> str:
        return f"{getattr(obj, 'helpful_yes', 0)} / {getattr(obj, 'helpful_no', 0)}"

    @admin.display(description=_("preview"))
    def preview_link(self, obj: Guide | None) -> str:
        if obj is None or obj.pk is None:
            return _("Save the guide to preview it.")
        url = reverse("admin:relocation_guide_preview", args=[obj.pk])
        return format_html(
            '<a href="{}">{}</a>', url, _("Preview the guide page (also when unpublished)")
        )

    @admin.display(description=_("feedback"))
    def feedback_overview(self, obj: Guide | None) -> str:
        if obj is None or obj.pk is None:
            return "–"
        rows = list(obj.feedback.all()[:20])
        yes = sum(1 for row in rows if row.helpful)
        summary = ngettext(
            "%(count)d recent answer: %(yes)d helpful, %(no)d not helpful.",
            "%(count)d recent answers: %(yes)d helpful, %(no)d not helpful.",
            len(rows),
        ) % {"count": len(rows), "yes": yes, "no": len(rows) - yes}
        comments = format_html_join(
            "",
            "<li>{} ({}, {}): {}</li>",
            (
                (
                    _("yes") if row.helpful else _("no"),
                    row.language,
                    row.created_at.date(),
                    row.comment,
                )
                for row in rows
                if row.comment
            ),
        )
        return format_html("<p>{}</p><ul>{}</ul>", summary, comments)

    def save_model(self, request, obj, form, change):
        if self._sets_organisation(request) and not change:
            (obj.organisation_id,) = staff_organisation_ids(request.user)
        guide_save(
            guide=obj,
            changed_fields=form.changed_data,
            minor=bool(form.cleaned_data.get("minor_edit")),
            machine_translated=form.cleaned_data.get("machine_translated") or (),
        )

    @admin.action(description=_("Mark as reviewed today"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        count = guides_mark_reviewed(guides=queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d guide marked as reviewed.",
                "%(count)d guides marked as reviewed.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    # --- extra views ------------------------------------------------------------------------
    def get_urls(self):
        extra = [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="relocation_guide_preview",
            ),
            path(
                "translations/",
                self.admin_site.admin_view(self.translations_view),
                name="relocation_guide_translations",
            ),
            path(
                "review-due/",
                self.admin_site.admin_view(self.review_due_view),
                name="relocation_guide_review_due",
            ),
        ]
        return extra + super().get_urls()

    def _scoped_guides(self, request):
        return super().get_queryset(request)

    def preview_view(self, request: HttpRequest, object_id: str):
        if not object_id.isdigit():
            raise Http404
        guide = guide_for_page_by_pk(self._scoped_guides(request), int(object_id))
        if guide is None or not self.has_view_permission(request, guide):
            raise Http404
        language = request.GET.get("language", settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        if language not in dict(settings.LANGUAGES):
            language = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        with translation.override(language):
            context = guide_page_context(request, guide_page_of(guide), preview=True)
            context["preview_languages"] = [
                (code, name, code == language) for code, name in settings.LANGUAGES
            ]
            response = TemplateResponse(request, GUIDE_TEMPLATE, context)
            response.render()
        return response

    def translations_view(self, request: HttpRequest):
        if not self.has_view_permission(request):
            raise Http404
        overview = translation_overview(self._scoped_guides(request))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Translation overview"),
            "opts": self.model._meta,
            "overview": overview,
            "changelist_url": reverse("admin:relocation_guide_changelist"),
        }
        return TemplateResponse(request, "guides/admin/translations.html", context)

    def review_due_view(self, request: HttpRequest):
        if not self.has_view_permission(request):
            raise Http404
        scoped_ids = self._scoped_guides(request).values("pk")
        guides = list(
            guides_due_for_review(today=timezone.localdate())
            .filter(pk__in=scoped_ids)
            .order_by("last_reviewed", "pk")[:500]
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Guides not reviewed for 12 months"),
            "opts": self.model._meta,
            "guides": guides,
        }
        return TemplateResponse(request, "guides/admin/review_due.html", context)


def guide_for_page_by_pk(queryset, pk: int) -> Guide | None:
    guide = queryset.filter(pk=pk).values_list("slug", "topic__slug").first()
    if guide is None:
        return None
    slug, topic_slug = guide
    return guide_for_page(topic_slug=topic_slug, guide_slug=slug, queryset=queryset)
