"""Training toward 200 employers: seats at training events, readiness self-assessments."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from employers.models.employers import Employer


class TrainingSeat(models.Model):
    """A place at an employer training event (``events.Event`` of kind training) taken
    for one of the employer's people; staff of the organiser mark attendance. The seat,
    waiting list and promotion are the event's own registration."""

    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="training_seats",
    )
    registration = models.OneToOneField(
        "events.EventRegistration",
        verbose_name=_("event registration"),
        on_delete=models.CASCADE,
        related_name="training_seat",
    )
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("training seat")
        verbose_name_plural = _("training seats")
        indexes = [
            # the progress count: distinct employers with an attended seat
            models.Index(
                fields=["employer"],
                condition=models.Q(attended_at__isnull=False),
                name="training_attended_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.employer} – {self.registration}"


class ReadinessAssessment(models.Model):
    """A short self-assessment an employer fills in before and after training."""

    class Stage(models.TextChoices):
        BEFORE = "before", _("Before training")
        AFTER = "after", _("After training")

    employer = models.ForeignKey(
        Employer,
        verbose_name=_("employer"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    stage = models.CharField(_("stage"), max_length=8, choices=Stage.choices)
    answers = models.JSONField(_("answers"), default=dict)
    score = models.PositiveSmallIntegerField(_("score"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["employer", "stage"]
        verbose_name = _("readiness self-assessment")
        verbose_name_plural = _("readiness self-assessments")
        constraints = [
            models.UniqueConstraint(fields=["employer", "stage"], name="employer_one_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.employer} – {self.get_stage_display()}"
