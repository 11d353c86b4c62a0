"""Matches between ambassadors and buddy requests, their messages, feedback and concerns.

The invariants are described in ``ambassadors/models/__init__.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ambassadors.models.people import Ambassador, BuddyRequest
from portal.models import Organisation


class Match(models.Model):
    """An offer of a request to one ambassador and, once accepted, the match."""

    class Status(models.TextChoices):
        OFFERED = "offered", pgettext_lazy("buddy offer", "Offered")
        DECLINED = "declined", pgettext_lazy("buddy offer", "Declined")
        EXPIRED = "expired", _("No answer in time")
        ACCEPTED = "accepted", _("Active")
        ENDED = "ended", _("Ended")
        CANCELLED = "cancelled", pgettext_lazy("buddy offer", "Cancelled")

    HOLDING = ("offered", "accepted")

    request = models.ForeignKey(
        BuddyRequest,
        verbose_name=_("buddy request"),
        on_delete=models.CASCADE,
        related_name="matches",
    )
    ambassador = models.ForeignKey(
        Ambassador, verbose_name=_("ambassador"), on_delete=models.CASCADE, related_name="matches"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OFFERED
    )
    score = models.JSONField(_("why this ambassador"), default=dict, blank=True)
    offered_at = models.DateTimeField(_("offered at"))
    deadline = models.DateTimeField(_("answer by"))
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    checkin_2m_sent_at = models.DateTimeField(_("two-month check-in sent"), null=True, blank=True)
    checkin_4m_sent_at = models.DateTimeField(_("four-month check-in sent"), null=True, blank=True)

    class Meta:
        ordering = ["-offered_at"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=models.Q(status__in=["offered", "accepted"]),
                name="match_one_holder_per_request",
            ),
            models.UniqueConstraint(
                fields=["request", "ambassador"], name="match_offer_each_ambassador_once"
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="match_status_deadline_idx")]

    def __str__(self) -> str:
        return str(_("Match %(number)s") % {"number": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("ambassadors:match", kwargs={"pk": self.pk})


class Message(models.Model):
    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sender"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return str(_("Message %(number)s") % {"number": self.pk})


class Feedback(models.Model):
    class Role(models.TextChoices):
        AMBASSADOR = "ambassador", _("Ambassador")
        NEWCOMER = "newcomer", _("Newcomer")

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="feedback"
    )
    role = models.CharField(_("given by"), max_length=16, choices=Role.choices)
    rating = models.PositiveSmallIntegerField(
        _("how was it"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(fields=["match", "role"], name="feedback_once_per_side")
        ]

    def __str__(self) -> str:
        return str(_("Feedback %(number)s") % {"number": self.pk})


class Concern(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HANDLED = "handled", _("Handled")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="ambassador_concerns",
    )
    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="concerns"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    description = models.TextField(_("what happened"), max_length=4000)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    staff_note = models.TextField(_("staff note"), blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")

    def __str__(self) -> str:
        return str(_("Concern %(number)s") % {"number": self.pk})
