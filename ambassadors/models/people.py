"""Ambassadors, their languages, and buddy requests (invariants: see the package)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from portal.models import ANSWER_LANGUAGES, Municipality, Organisation, validate_language_codes


class Interest(models.TextChoices):
    OUTDOORS = "outdoors", _("Hiking and outdoor life")
    SKIING = "skiing", _("Skiing and winter sports")
    HUNTING_FISHING = "hunting_fishing", _("Hunting and fishing")
    SPORTS = "sports", _("Sports and exercise")
    MUSIC = "music", _("Music")
    ARTS = "arts", _("Arts, crafts and culture")
    FOOD = "food", _("Cooking and food")
    FAMILY = "family", _("Family life and children's activities")
    LANGUAGE = "language", _("Practising Swedish")
    TECHNOLOGY = "technology", _("Technology and gaming")
    ENTREPRENEURSHIP = "entrepreneurship", _("Starting a business")
    VOLUNTEERING = "volunteering", _("Associations and volunteering")


class Sector(models.TextChoices):
    HEALTHCARE = "healthcare", _("Healthcare and care")
    FORESTRY = "forestry", _("Land, forest and water")
    ENERGY = "energy", _("Sustainable energy")
    HOSPITALITY = "hospitality", _("Tourism and hospitality")
    DIGITAL = "digital", _("Digital solutions and IT")
    EDUCATION = "education", _("Education and research")
    ENGINEERING = "engineering", _("Engineering and industry")
    PUBLIC = "public", _("Public sector")
    OTHER = "other", _("Other")


class LanguageLevel(models.TextChoices):
    BASIC = "basic", _("Basic")
    GOOD = "good", pgettext_lazy("language level", "Good")
    FLUENT = "fluent", _("Fluent")
    NATIVE = "native", _("Native")


class Ambassador(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for vetting")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", pgettext_lazy("ambassador application", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("ambassador application", "Withdrawn")
        SUSPENDED = "suspended", _("Suspended by staff")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="ambassador",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="ambassadors",
        help_text=_("Vets the application: the municipality's organisation or the county desk."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="ambassadors",
    )
    countries_lived_in = CountryField(_("countries lived in"), multiple=True, blank=True)
    profession = models.CharField(_("profession"), max_length=120, blank=True)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices, blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("buddies at a time"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    reserved = models.PositiveSmallIntegerField(
        _("current load"),
        default=0,
        help_text=_("Open offers plus active buddies. Kept by the matching service."),
    )
    availability = models.CharField(_("availability"), max_length=300)
    bio = models.TextField(_("short bio"), max_length=1000)
    share_email = models.BooleanField(_("share my e-mail address with my buddy"), default=True)
    phone = models.CharField(_("phone number to share with my buddy"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    code_of_conduct_accepted_at = models.DateTimeField(_("accepted the code of conduct at"))
    is_paused = models.BooleanField(_("paused"), default=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    suspension_reason = models.TextField(_("reason for suspending"), blank=True)
    last_offered_at = models.DateTimeField(_("last offered a buddy at"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ambassador")
        verbose_name_plural = _("ambassadors")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reserved__lte=models.F("capacity")),
                name="ambassadors_never_over_capacity",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1, capacity__lte=5),
                name="ambassadors_capacity_range",
            ),
        ]
        indexes = [models.Index(fields=["status", "is_paused"], name="amb_status_paused_idx")]

    def __str__(self) -> str:
        return self.user.get_short_name()

    @property
    def is_available(self) -> bool:
        return (
            self.status == self.Status.APPROVED
            and not self.is_paused
            and self.reserved < self.capacity
        )

    def language_codes(self) -> list[str]:
        return [language.code for language in self.languages.all()]


class AmbassadorLanguage(models.Model):
    ambassador = models.ForeignKey(
        Ambassador, verbose_name=_("ambassador"), on_delete=models.CASCADE, related_name="languages"
    )
    code = models.CharField(_("language"), max_length=8, choices=ANSWER_LANGUAGES)
    level = models.CharField(_("level"), max_length=8, choices=LanguageLevel.choices)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ambassador language")
        verbose_name_plural = _("ambassador languages")
        constraints = [
            models.UniqueConstraint(fields=["ambassador", "code"], name="amb_language_once")
        ]
        indexes = [models.Index(fields=["code"], name="amb_language_code_idx")]

    def __str__(self) -> str:
        return f"{self.get_code_display()} ({self.get_level_display()})"


class BuddyRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Looking for an ambassador")
        OFFERED = "offered", _("Offered to an ambassador")
        WAITING = "waiting", _("On the waiting list")
        MATCHED = "matched", _("Matched")
        ENDED = "ended", _("Ended")
        WITHDRAWN = "withdrawn", pgettext_lazy("buddy request", "Withdrawn")

    class Household(models.TextChoices):
        ALONE = "alone", _("On my own")
        PARTNER = "partner", _("With a partner")
        FAMILY = "family", _("With children")
        OTHER = "other", _("Other")

    OPEN_STATUSES = (Status.PENDING, Status.OFFERED, Status.WAITING, Status.MATCHED)

    newcomer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("newcomer"),
        on_delete=models.CASCADE,
        related_name="buddy_requests",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="buddy_requests",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="buddy_requests",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    languages = models.JSONField(_("languages"), default=list, validators=[validate_language_codes])
    interests = models.JSONField(_("interests"), default=list, blank=True)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices, blank=True)
    household = models.CharField(_("household"), max_length=16, choices=Household.choices)
    help_with = models.TextField(_("what you would like help with"), max_length=1000)
    share_email = models.BooleanField(_("share my e-mail address"), default=True)
    phone = models.CharField(_("phone number to share"), max_length=40, blank=True)
    consent_at = models.DateTimeField(_("consented to sharing at"))
    contact_language = models.CharField(
        _("language for e-mails"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    dispatched_at = models.DateTimeField(
        _("matching last dispatched at"),
        null=True,
        blank=True,
        help_text=_("Outbox lease: the sweep re-dispatches a pending request after it."),
    )
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    staff_notified_at = models.DateTimeField(_("staff told at"), null=True, blank=True)
    matched_at = models.DateTimeField(_("matched at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("buddy request")
        verbose_name_plural = _("buddy requests")
        constraints = [
            models.UniqueConstraint(
                fields=["newcomer"],
                condition=models.Q(status__in=["pending", "offered", "waiting", "matched"]),
                name="buddy_one_open_request_per_newcomer",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "dispatched_at"], name="buddy_status_dispatch_idx")
        ]

    def __str__(self) -> str:
        return str(_("Buddy request %(number)s") % {"number": self.pk})

    @property
    def language_names(self) -> list[str]:
        """The languages asked for, each named in itself ("svenska", "العربية")."""
        names = dict(ANSWER_LANGUAGES)
        return [names.get(code, code) for code in self.languages]
