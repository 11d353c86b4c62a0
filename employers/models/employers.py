"""Employers and the people who act for them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from employers.orgnr import legal_form
from portal.models import Municipality, Organisation


class Sector(models.TextChoices):
    """The county's strength areas, then the sectors that recruit most."""

    LAND_FOREST_WATER = "land_forest_water", _("Land, forest and water")
    ENERGY = "sustainable_energy", _("Sustainable energy")
    EXPERIENCES = "experiences", _("Experiences and tourism")
    DIGITAL = "digital", _("Digital solutions")
    HEALTHCARE = "healthcare", _("Healthcare")
    FORESTRY = "forestry", _("Forestry")
    HOSPITALITY = "hospitality", _("Hospitality")
    PUBLIC = "public_sector", _("Public sector")
    OTHER = "other", _("Other")


class Employer(models.Model):
    class Size(models.TextChoices):
        MICRO = "1-9", _("1–9 employees")
        SMALL = "10-49", _("10–49 employees")
        MEDIUM = "50-249", _("50–249 employees")
        LARGE = "250+", _("250 employees or more")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for vetting")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    name = models.CharField(_("name"), max_length=200)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        unique=True,
        validators=[RegexValidator(r"^\d{6}-\d{4}$")],
        help_text=_("Format checked only: the portal cannot reach the national registers."),
    )
    is_sole_trader = models.BooleanField(_("sole trader"), default=False)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="employers",
    )
    sector = models.CharField(_("sector"), max_length=24, choices=Sector.choices)
    size = models.CharField(_("size"), max_length=8, choices=Size.choices)
    website = models.URLField(_("website"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("vetting organisation"),
        on_delete=models.PROTECT,
        related_name="employers",
        help_text=_("The business organisation whose staff vet this employer."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    vetted_at = models.DateTimeField(_("vetted at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    is_network_member = models.BooleanField(_("member of the employer network"), default=False)
    listing_consent_at = models.DateTimeField(
        _("consented to public listing at"),
        null=True,
        blank=True,
        help_text=_("Only network members who consented are listed on the employers page."),
    )
    is_fictional = models.BooleanField(
        _("fictional"), default=False, help_text=_("Demo data: not a real employer.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        indexes = [
            # the public network listing: approved members who consented
            models.Index(fields=["status", "is_network_member"], name="employer_network_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def legal_form(self) -> str:
        return legal_form(self.org_number, sole_trader=self.is_sole_trader)


class EmployerMembership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Colleague")

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="employer_memberships",
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.MEMBER)
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="sv",
        help_text=_("The language the person used when joining; they can change it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["employer__name", "created_at"]
        verbose_name = _("employer user")
        verbose_name_plural = _("employer users")
        constraints = [
            # one employer per person keeps "my employer" unambiguous
            models.UniqueConstraint(fields=["user"], name="employer_one_employer_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.employer}"


class EmployerInvitation(models.Model):
    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(
        _("language of the invitation"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="sv",
        help_text=_("The language the colleague who invited was using."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "email"],
                condition=models.Q(accepted_at__isnull=True),
                name="employer_one_open_invitation_per_email",
            )
        ]

    def __str__(self) -> str:
        return self.email
