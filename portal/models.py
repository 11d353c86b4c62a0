"""The shared directory: people, municipalities and the partner organisations."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

#: Languages staff can answer in: the launch languages plus others common among
#: newcomers to the county. A code outside this list is refused.
ANSWER_LANGUAGES = [
    ("sv", "svenska"),
    ("en", "English"),
    ("de", "Deutsch"),
    ("es", "español"),
    ("pl", "polski"),
    ("uk", "українська"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("fr", "français"),
    ("ru", "русский"),
    ("so", "Soomaali"),
    ("ti", "ትግርኛ"),
    ("nl", "Nederlands"),
    ("fi", "suomi"),
    ("no", "norsk"),
]
ANSWER_LANGUAGE_CODES = {code for code, _name in ANSWER_LANGUAGES}


def validate_language_codes(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Choose languages from the list."), code="invalid")
    unknown = sorted(set(value) - ANSWER_LANGUAGE_CODES)
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s."),
            code="unknown_language",
            params={"codes": ", ".join(unknown)},
        )


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields) -> User:
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. The e-mail address is the login; there is no username."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the user can sign in to the staff admin."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(
        _("demo account"),
        default=False,
        help_text=_("Created by seed_demo. Outside production it may skip two-factor setup."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email

    def get_short_name(self) -> str:
        return self.first_name or self.email.split("@")[0]


class Municipality(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    code = models.CharField(
        _("municipality code"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("A municipality code has four digits."))],
        help_text=_("The official four-digit code from Statistics Sweden (SCB)."),
    )
    neighbours = models.ManyToManyField(
        "self", verbose_name=_("neighbouring municipalities"), symmetrical=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        REGION = "region", _("Region")
        MUNICIPALITY = "municipality", _("Municipality")
        UNIVERSITY = "university", _("University")
        BUSINESS = "business", _("Business organisation")
        EMPLOYMENT_SERVICE = "employment_service", _("Employment service")
        EDUCATION = "education", _("Education provider")
        NGO = "ngo", _("Non-governmental organisation")

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("municipalities covered"),
        related_name="organisations",
        blank=True,
    )
    languages = models.JSONField(
        _("answer languages"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Languages the organisation's staff answer in, as language codes."),
    )
    contact_email = models.EmailField(_("contact e-mail"))
    response_time_hours = models.PositiveSmallIntegerField(
        _("response-time promise (business hours)"),
        default=16,
        help_text=_("First response promised within this many business hours."),
    )
    is_county_desk = models.BooleanField(
        _("county desk"),
        default=False,
        help_text=_("The county-level backstop that answers what no rule routes elsewhere."),
    )

    class AssignmentMode(models.TextChoices):
        LEAST_LOADED = "least_loaded", _("To the least-loaded handler who speaks the language")
        UNASSIGNED = "unassigned", _("Leave unassigned for manual pick")

    enquiry_assignment = models.CharField(
        _("enquiry assignment"),
        max_length=16,
        choices=AssignmentMode.choices,
        default=AssignmentMode.LEAST_LOADED,
        help_text=_("How enquiries routed to the organisation get a handler."),
    )
    enquiry_retention_days = models.PositiveIntegerField(
        _("enquiry retention (days)"),
        default=730,
        help_text=_("Closed enquiries are anonymised this many days after they were resolved."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["is_county_desk"],
                condition=models.Q(is_county_desk=True),
                name="portal_one_county_desk",
            ),
            models.CheckConstraint(
                condition=models.Q(response_time_hours__gte=1),
                name="portal_response_time_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StaffMembership(models.Model):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        HANDLER = "handler", _("Handler")
        EDITOR = "editor", _("Editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Languages this person answers in, as language codes."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__email"]
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="portal_unique_membership_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class NewcomerProfile(models.Model):
    class Citizenship(models.TextChoices):
        EU_EEA = "eu_eea", _("EU/EEA or Swiss citizen")
        NON_EU = "non_eu", _("Citizen of a country outside the EU/EEA")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="newcomer_profile",
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    country_of_origin = CountryField(_("country of origin"), blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("destination municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newcomers",
        help_text=_("Leave empty if not decided yet."),
    )
    planned_arrival = models.DateField(_("planned arrival"), null=True, blank=True)
    citizenship = models.CharField(
        _("citizenship"), max_length=8, choices=Citizenship.choices, blank=True
    )
    has_partner = models.BooleanField(_("moving with a partner"), default=False)
    children_count = models.PositiveSmallIntegerField(_("number of children"), default=0)
    #: What the move is for, where it changes the steps: a health-profession licence,
    #: starting a business, studying. Guides for these groups are left out otherwise.
    works_in_healthcare = models.BooleanField(_("works in a health profession"), default=False)
    starting_business = models.BooleanField(_("plans to start a business"), default=False)
    coming_to_study = models.BooleanField(_("comes to study"), default=False)
    consent_processing_at = models.DateTimeField(
        _("consented to processing at"),
        null=True,
        blank=True,
        help_text=_("When the newcomer agreed to the processing described in the privacy notice."),
    )
    consent_contact = models.BooleanField(_("may be contacted with news and events"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("newcomer profile")
        verbose_name_plural = _("newcomer profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(children_count__lte=20),
                name="portal_children_count_sane",
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("home")

    @property
    def is_eu_citizen(self) -> bool | None:
        if not self.citizenship:
            return None
        return self.citizenship == self.Citizenship.EU_EEA
