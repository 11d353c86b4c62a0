"""Events: meet-ups and info sessions for newcomers and ambassadors (and, later,
employer training). Each event is held in one language, so its title and text are
written in that language and marked up with it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import ANSWER_LANGUAGES, Municipality, Organisation

__all__ = ["Event", "EventRegistration"]


class Event(models.Model):
    class Kind(models.TextChoices):
        MEETUP = "meetup", _("Meet-up")
        INFO_SESSION = "info_session", _("Information session")
        TRAINING = "training", _("Training")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        NEWCOMERS = "newcomers", _("Newcomers")
        AMBASSADORS = "ambassadors", _("Ambassadors")
        EMPLOYERS = "employers", _("Employers")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    audience = models.CharField(
        _("for"), max_length=16, choices=Audience.choices, default=Audience.EVERYONE
    )
    language = models.CharField(
        _("held in"),
        max_length=8,
        choices=ANSWER_LANGUAGES,
        default="sv",
        help_text=_("The language the event is held in; write the title and text in it."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    is_online = models.BooleanField(_("digital"), default=False)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    is_published = models.BooleanField(_("published"), default=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        db_table = "portal_event"  # the table it had before the apps were split
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(is_online=False) | ~models.Q(online_url=""),
                name="event_online_has_link",
            ),
            models.CheckConstraint(
                condition=models.Q(is_online=True) | ~models.Q(place=""),
                name="event_physical_has_place",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "starts_at"], name="event_listing_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def text_dir(self) -> str:
        """Direction of the event's own text (it is written in the event's language)."""
        return "rtl" if self.language in settings.LANGUAGES_BIDI else "ltr"

    @property
    def description_beyond_summary(self) -> str:
        """The description, or "" when it only repeats the summary (shown once)."""
        if " ".join(self.description.split()) == " ".join(self.summary.split()):
            return ""
        return self.description


class EventRegistration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("event registration", "Cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    promoted_at = models.DateTimeField(_("moved from the waiting list at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        db_table = "portal_eventregistration"  # the table it had before the apps were split
        ordering = ["created_at", "pk"]
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="event_register_once")
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.user}"
