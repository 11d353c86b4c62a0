"""Occupations from the national taxonomy and job ads."""

from __future__ import annotations

import datetime

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employers.models.employers import Employer, Sector
from portal.models import Municipality

#: An ad must run this many days on the national job board or EURES before it can
#: back a work-permit application.
PERMIT_ADVERTISING_DAYS = 10


class OccupationImport(models.Model):
    """One run of ``import_occupations``: which version of the data file is loaded."""

    version = models.CharField(_("data version"), max_length=40)
    source = models.CharField(_("source"), max_length=200)
    count = models.PositiveIntegerField(_("occupations"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        ordering = ["-imported_at"]
        get_latest_by = "imported_at"
        verbose_name = _("occupation import")
        verbose_name_plural = _("occupation imports")

    def __str__(self) -> str:
        return self.version


class Occupation(models.Model):
    """An SSYK 2012 level-4 occupation with its JobTech Taxonomy concept id."""

    concept_id = models.CharField(_("taxonomy concept id"), max_length=20, unique=True)
    ssyk = models.CharField(
        _("SSYK 2012 code"), max_length=4, validators=[RegexValidator(r"^\d{4}$")]
    )
    isco = models.CharField(
        _("ISCO-08 code"), max_length=4, validators=[RegexValidator(r"^\d{4}$")]
    )
    label_sv = models.CharField(_("name in Swedish"), max_length=200)
    label_en = models.CharField(_("name in English"), max_length=200)
    sector = models.CharField(_("sector"), max_length=24, choices=Sector.choices)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Not in the latest data file: kept for old ads.")
    )

    class Meta:
        ordering = ["sector", "label_en"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return f"{self.label_en} ({self.ssyk})"

    def label(self, language: str) -> str:
        return self.label_sv if language == "sv" else self.label_en


class Job(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    class EmploymentType(models.TextChoices):
        PERMANENT = "permanent", _("Permanent")
        FIXED_TERM = "fixed_term", _("Fixed term")
        SEASONAL = "seasonal", _("Seasonal")

    class Extent(models.TextChoices):
        FULL_TIME = "full_time", _("Full time")
        PART_TIME = "part_time", _("Part time")

    class PayPeriod(models.TextChoices):
        MONTH = "month", _("per month")
        HOUR = "hour", _("per hour")

    class Level(models.TextChoices):
        NONE = "none", _("Not required")
        BASIC = "basic", _("Basic")
        GOOD = "good", _("Good")
        FLUENT = "fluent", _("Fluent")

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="jobs"
    )
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="jobs"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="jobs"
    )
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(
        _("postcode"), max_length=6, validators=[RegexValidator(r"^\d{3} ?\d{2}$")]
    )
    locality = models.CharField(_("town"), max_length=100)
    employment_type = models.CharField(
        _("employment type"), max_length=12, choices=EmploymentType.choices
    )
    extent = models.CharField(_("extent"), max_length=12, choices=Extent.choices)
    start_date = models.DateField(
        _("start"), null=True, blank=True, help_text=_("Leave empty for “by agreement”.")
    )
    pay_min = models.PositiveIntegerField(_("pay from (SEK)"))
    pay_max = models.PositiveIntegerField(_("pay up to (SEK)"))
    pay_period = models.CharField(
        _("pay period"), max_length=8, choices=PayPeriod.choices, default=PayPeriod.MONTH
    )
    swedish_level = models.CharField(
        _("Swedish"), max_length=8, choices=Level.choices, default=Level.NONE
    )
    swedish_tasks = models.TextField(
        _("tasks that need Swedish"),
        blank=True,
        help_text=_("Required when Swedish is required: a language requirement must fit the job."),
    )
    english_level = models.CharField(
        _("English"), max_length=8, choices=Level.choices, default=Level.NONE
    )
    other_languages = models.CharField(
        _("other languages"), max_length=200, blank=True, help_text=_("With the level needed.")
    )
    driving_licence = models.BooleanField(_("driving licence (B) required"), default=False)
    car_required = models.BooleanField(_("own car required"), default=False)
    offers_permit_sponsorship = models.BooleanField(_("work-permit sponsorship"), default=False)
    offers_housing_help = models.BooleanField(_("help with housing"), default=False)
    offers_moving_costs = models.BooleanField(_("moving costs paid"), default=False)
    offers_partner_support = models.BooleanField(_("support for a partner"), default=False)
    offers_swedish_lessons = models.BooleanField(_("Swedish lessons"), default=False)
    apply_url = models.URLField(_("application link"), blank=True)
    apply_email = models.EmailField(_("application e-mail"), blank=True)
    deadline = models.DateField(_("application deadline"))
    board_ad_id = models.CharField(
        _("Platsbanken or EURES ad id"),
        max_length=40,
        blank=True,
        help_text=_("Give it when the ad should count for a work permit (10 days' advertising)."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("job ad")
        verbose_name_plural = _("job ads")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pay_max__gte=models.F("pay_min")), name="job_pay_range_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(swedish_level="none") | ~models.Q(swedish_tasks=""),
                name="job_swedish_requirement_has_tasks",
            ),
        ]
        indexes = [
            # the public list: published, newest first; the deadline sweep
            models.Index(fields=["status", "-published_at"], name="job_public_list_idx"),
            models.Index(fields=["status", "deadline"], name="job_deadline_idx"),
        ]

    def __str__(self) -> str:
        return self.title_sv or self.title_en

    def get_absolute_url(self) -> str:
        return reverse("employers:job", args=[self.pk])

    def title(self, language: str) -> str:
        if language == "sv":
            return self.title_sv or self.title_en
        return self.title_en or self.title_sv

    def description(self, language: str) -> str:
        if language == "sv":
            return self.description_sv or self.description_en
        return self.description_en or self.description_sv

    @property
    def offers_relocation(self) -> bool:
        return any(
            (
                self.offers_permit_sponsorship,
                self.offers_housing_help,
                self.offers_moving_costs,
                self.offers_partner_support,
                self.offers_swedish_lessons,
            )
        )

    @property
    def permit_usable_from(self) -> datetime.date | None:
        """The first day the ad may back a work-permit application (10 days after publishing)."""
        if not self.board_ad_id or self.published_at is None:
            return None
        published = timezone.localdate(self.published_at)
        return published + datetime.timedelta(days=PERMIT_ADVERTISING_DAYS)
