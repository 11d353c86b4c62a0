"""The guide list's filters: translation status, review due, who a guide applies to."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guides.models import (
    GuideTranslation,
    TranslationStatus,
)
from guides.models.guides import AppliesTo
from guides.selectors.guides import (
    REVIEW_INTERVAL,
)


class TranslationStatusFilter(admin.SimpleListFilter):
    title = _("translation status")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            (f"{code}:{status.value}", f"{name} – {status.label}")
            for code, name in settings.LANGUAGES
            if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE
            for status in TranslationStatus
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if not value or ":" not in value:
            return queryset
        language, status = value.split(":", 1)
        if status not in TranslationStatus.values:
            return queryset
        return queryset.filter(
            pk__in=GuideTranslation.objects.filter(language=language, status=status).values(
                "guide_id"
            )
        )


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("Not reviewed for 12 months"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            cutoff = timezone.localdate() - REVIEW_INTERVAL
            return queryset.filter(Q(last_reviewed__lt=cutoff) | Q(last_reviewed__isnull=True))
        return queryset


class AppliesToFilter(admin.SimpleListFilter):
    title = _("applies to")
    parameter_name = "applies_to"

    def lookups(self, request, model_admin):
        return AppliesTo.choices

    def queryset(self, request, queryset):
        if self.value() in AppliesTo.values:
            # Works on SQLite and PostgreSQL: the JSON list's text contains the quoted value.
            return queryset.filter(applies_to__icontains=f'"{self.value()}"')
        return queryset
