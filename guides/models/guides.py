"""Guides: multilingual relocation content, county-wide or for one municipality."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guides.models.topics import Topic


class TsVectorField(SearchVectorField):
    """A ``tsvector`` column (PostgreSQL full-text search), filled by the guide services.

    ``django.contrib.postgres`` is not installed because the portal also runs on
    SQLite; only the field type and the search expressions are used, which need no
    app registry entry. On SQLite the column exists and stays empty.
    """

    def _check_postgres_installed(self, *args):
        return []


class Audience(models.TextChoices):
    NEWCOMER = "newcomer", _("Newcomers")
    EMPLOYER = "employer", _("Employers")


class Stage(models.TextChoices):
    BEFORE_MOVING = "before_moving", _("Before moving")
    FIRST_WEEKS = "first_weeks", _("The first weeks")
    FIRST_MONTHS = "first_months", _("The first months")
    SETTLING_IN = "settling_in", _("Settling in")


class AppliesTo(models.TextChoices):
    EU_EEA = "eu_eea", _("EU/EEA citizens")
    NON_EU = "non_eu", _("Non-EU citizens")
    FAMILIES = "families", _("Families with children")
    PARTNERS = "partners", _("Accompanying partners")
    HEALTH_PROFESSIONALS = "health_professionals", _("Health professionals")
    ENTREPRENEURS = "entrepreneurs", _("People starting a business")
    STUDENTS = "students", _("Students")


#: Groups of one kind are alternatives ("families" or "partners"); a guide listing
#: groups of several kinds is for readers who fit one group of each kind
#: ("non_eu" and "entrepreneurs": the self-employment permit).
APPLIES_TO_KINDS: dict[str, str] = {
    AppliesTo.EU_EEA: "citizenship",
    AppliesTo.NON_EU: "citizenship",
    AppliesTo.FAMILIES: "household",
    AppliesTo.PARTNERS: "household",
    AppliesTo.HEALTH_PROFESSIONALS: "purpose",
    AppliesTo.ENTREPRENEURS: "purpose",
    AppliesTo.STUDENTS: "purpose",
}


def validate_applies_to(value: object) -> None:
    from django.core.exceptions import ValidationError

    if not isinstance(value, list) or not set(value) <= set(AppliesTo.values):
        raise ValidationError(_("Choose groups from the list."), code="invalid")


class Guide(models.Model):
    """One guide. Title, summary and body are translated (modeltranslation)."""

    subject = models.SlugField(
        _("subject"),
        max_length=80,
        help_text=_(
            "Guides on the same subject stand side by side: a municipal guide beside the "
            "county guide, e.g. 'housing'."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="guides"
    )
    municipality = models.ForeignKey(
        "portal.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guides",
        help_text=_("Leave empty for a guide that covers the whole county."),
    )
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("owning organisation"),
        on_delete=models.PROTECT,
        related_name="guides",
    )
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.NEWCOMER
    )
    stage = models.CharField(_("stage of the move"), max_length=16, choices=Stage.choices)
    #: The stage's place in the move (0 = before moving): lists sort by it, as the
    #: stored values do not sort in the order of a move ("first_months" < "first_weeks").
    stage_order = models.GeneratedField(
        expression=models.Case(
            *[
                models.When(stage=value, then=models.Value(index))
                for index, value in enumerate(Stage.values)
            ],
            default=models.Value(len(Stage.values)),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        verbose_name=_("stage order"),
    )
    applies_to = models.JSONField(
        _("applies to"),
        default=list,
        blank=True,
        validators=[validate_applies_to],
        help_text=_(
            "Leave empty when the guide applies to everyone. Groups of one kind are "
            "alternatives; groups of different kinds must all fit (non-EU and starting a "
            "business: the self-employment permit)."
        ),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=600)
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Markdown: ## headings, lists, **bold**, links. Scripts and styles are removed."
        ),
    )
    published = models.BooleanField(_("published"), default=False)
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["topic__order", "stage_order", "subject", "municipality__name", "slug"]
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "municipality"],
                name="relocation_guide_one_per_subject_and_municipality",
            ),
            models.UniqueConstraint(
                fields=["subject"],
                condition=models.Q(municipality__isnull=True),
                name="relocation_guide_one_county_guide_per_subject",
            ),
        ]
        indexes = [
            # Topic pages and "related guides" read a topic's guides in reading order.
            models.Index(
                fields=["topic", "stage_order", "subject"],
                condition=models.Q(published=True),
                name="reloc_guide_topic_order",
            ),
            models.Index(fields=["last_reviewed"], name="reloc_guide_reviewed"),
            # Search keeps only matches of published guides: with this index PostgreSQL
            # checks that without reading the (wide) guide rows.
            models.Index(
                fields=["id"], condition=models.Q(published=True), name="reloc_guide_published"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.slug

    def get_absolute_url(self) -> str:
        return reverse("guides:guide", kwargs={"topic": self.topic.slug, "guide": self.slug})


class AuthorityLink(models.Model):
    """A link to the authority that decides (translated label)."""

    guide = models.ForeignKey(
        Guide, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="links"
    )
    label = models.CharField(_("label"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("authority link")
        verbose_name_plural = _("authority links")

    def __str__(self) -> str:
        return self.label


class TranslationStatus(models.TextChoices):
    UP_TO_DATE = "up_to_date", _("Up to date")
    OUTDATED = "outdated", _("Outdated")
    MACHINE = "machine", _("Machine translated")
    MISSING = "missing", _("Missing")


class GuideTranslation(models.Model):
    """The state of one guide in one language, kept by the guide services.

    Also carries the plain text and (on PostgreSQL) the search vector of that
    language, so search reads one row per guide and language.
    """

    guide = models.ForeignKey(
        Guide, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=TranslationStatus.choices,
        default=TranslationStatus.MISSING,
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    plain_title = models.CharField(_("title (plain text)"), max_length=200, blank=True)
    plain_text = models.TextField(_("text (plain)"), blank=True)
    search_vector = TsVectorField(null=True, editable=False)

    class Meta:
        ordering = ["guide_id", "language"]
        verbose_name = _("guide translation")
        verbose_name_plural = _("guide translations")
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "language"], name="relocation_one_translation_per_language"
            )
        ]
        indexes = [models.Index(fields=["language", "status"], name="reloc_gtrans_lang_status")]

    def __str__(self) -> str:
        return f"{self.guide_id} {self.language}: {self.status}"


class SearchWord(models.Model):
    """A word of the published guides' texts in one language (PostgreSQL only).

    The vocabulary that search corrects a misspelt word against: "personummer" is
    looked up by trigram similarity here and searched as "personnummer". Filled by
    ``guide_search_vectors_refresh``.
    """

    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    word = models.CharField(_("word"), max_length=64)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="relocation_one_search_word")
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.word}"


class GuideFeedback(models.Model):
    """A reader's answer to "Was this helpful?"."""

    guide = models.ForeignKey(
        Guide, verbose_name=_("guide"), on_delete=models.CASCADE, related_name="feedback"
    )
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), blank=True, max_length=1000)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("guide feedback")
        verbose_name_plural = _("guide feedback")

    def __str__(self) -> str:
        return f"{self.guide_id}: {'+' if self.helpful else '-'}"


class GuideReviewReminder(models.Model):
    """One monthly review reminder sent to an organisation (makes the task idempotent)."""

    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="guide_review_reminders",
    )
    month = models.DateField(_("month"))
    guide_count = models.PositiveIntegerField(_("guides due"), default=0)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month"], name="relocation_one_reminder_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.month:%Y-%m}"
