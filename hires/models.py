"""An employer's international hire: the referral and invitation, the employer's
checklist ticks and reminders, the rule table (salary floor, exempt occupations)
and the follow-up check-ins.

The steps of the checklist and their due dates are computed (``hires.checklist``);
only what people did is stored here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from employers.models import Employer, Job, Occupation
from portal.models import Municipality


# --- rules as data ------------------------------------------------------------------------
class SalaryFloorRule(models.Model):
    """One version of the salary floor a work permit needs, from its effective date."""

    class PermitKind(models.TextChoices):
        FIRST = "first", _("First permit")
        EXTENSION = "extension", _("Extension")

    permit_kind = models.CharField(_("permit"), max_length=12, choices=PermitKind.choices)
    effective_from = models.DateField(_("in force from"))
    share_percent = models.PositiveSmallIntegerField(
        _("share of the median wage (%)"),
        null=True,
        blank=True,
        help_text=_("Empty for a fixed amount."),
    )
    median_wage = models.PositiveIntegerField(
        _("median wage (SEK a month)"),
        null=True,
        blank=True,
        help_text=_("As published by Statistics Sweden."),
    )
    floor = models.PositiveIntegerField(_("salary floor (SEK a month)"))
    source_url = models.URLField(_("source"))
    source_date = models.DateField(_("source date"))
    needs_check = models.BooleanField(
        _("to be checked"),
        default=False,
        help_text=_("The value came from a secondary source: confirm it with the authority."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["permit_kind", "-effective_from"]
        verbose_name = _("salary floor rule")
        verbose_name_plural = _("salary floor rules")
        constraints = [
            models.UniqueConstraint(
                fields=["permit_kind", "effective_from"], name="hires_one_floor_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_permit_kind_display()} {self.effective_from}: {self.floor}"


class ExemptOccupation(models.Model):
    """An occupation exempt from the salary floor, for a period."""

    ssyk = models.CharField(_("SSYK 2012 code"), max_length=4)
    concept_id = models.CharField(_("taxonomy concept id"), max_length=20, blank=True)
    label = models.CharField(_("name"), max_length=200)
    effective_from = models.DateField(_("exempt from"))
    effective_until = models.DateField(
        _("exempt until"), null=True, blank=True, help_text=_("Empty: no end decided.")
    )
    source_url = models.URLField(_("source"))
    source_date = models.DateField(_("source date"))
    needs_check = models.BooleanField(_("to be checked"), default=False)

    class Meta:
        ordering = ["ssyk", "-effective_from"]
        verbose_name = _("exempt occupation")
        verbose_name_plural = _("exempt occupations")

    def __str__(self) -> str:
        return f"{self.label} ({self.ssyk})"


# --- the referral -------------------------------------------------------------------------
class HireReferral(models.Model):
    """An employer's new hire, invited to the portal. Until the hire accepts, only the
    invitation's address is known; once they accept the referral points to their
    account; if they decline, everything about them is erased and only the state kept."""

    class State(models.TextChoices):
        SENT = "sent", _("Invitation sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        # never stored: an invitation still "sent" after its validity is shown as expired
        EXPIRED = "expired", _("Expired")

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="referrals"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.SENT)
    # --- about the person: erased when they decline --------------------------------------
    email = models.EmailField(_("e-mail address"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    is_eu_citizen = models.BooleanField(_("EU/EEA or Swiss citizen"), null=True, blank=True)
    partner_comes = models.BooleanField(_("a partner comes along"), default=False)
    children_count = models.PositiveSmallIntegerField(
        _("children who come along"), null=True, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("newcomer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hire_referrals",
    )
    partner_email = models.EmailField(_("partner's e-mail address"), blank=True)
    followup_consent = models.BooleanField(_("agreed to check-ins"), default=False)
    followup_stopped_at = models.DateTimeField(
        _("newcomer stopped the check-ins"), null=True, blank=True
    )
    employer_followup_stopped_at = models.DateTimeField(
        _("employer stopped the check-ins"), null=True, blank=True
    )
    # --- the job: the employer's own data -------------------------------------------------
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField(_("start date"))
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    job = models.ForeignKey(
        Job,
        verbose_name=_("job ad"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    board_ad_id = models.CharField(_("Platsbanken or EURES ad id"), max_length=40, blank=True)
    offered_salary = models.PositiveIntegerField(
        _("monthly salary offered (SEK)"), null=True, blank=True
    )
    permit_end_date = models.DateField(_("work permit valid until"), null=True, blank=True)
    expert_tax_applies = models.BooleanField(_("expert tax relief may apply"), default=False)
    # --- the invitation -------------------------------------------------------------------
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    sent_at = models.DateTimeField(_("sent at"))
    times_sent = models.PositiveSmallIntegerField(_("times sent"), default=1)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hire referral")
        verbose_name_plural = _("hire referrals")
        indexes = [models.Index(fields=["state", "start_date"], name="hires_state_start_idx")]

    def __str__(self) -> str:
        return f"{self.employer} – {self.occupation} ({self.start_date})"


class ChecklistTick(models.Model):
    """A step of a hire's checklist the employer marked done."""

    referral = models.ForeignKey(
        HireReferral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="ticks"
    )
    step = models.SlugField(_("step"), max_length=40)
    done_at = models.DateTimeField(_("done"), auto_now_add=True)

    class Meta:
        ordering = ["done_at"]
        verbose_name = _("checklist step done")
        verbose_name_plural = _("checklist steps done")
        constraints = [
            models.UniqueConstraint(fields=["referral", "step"], name="hires_one_tick_per_step")
        ]

    def __str__(self) -> str:
        return self.step


class StepReminder(models.Model):
    """A reminder sent for one step and one due date: never twice for the same pair;
    a new due date (the start moved) arms a new one."""

    referral = models.ForeignKey(
        HireReferral,
        verbose_name=_("referral"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    step = models.SlugField(_("step"), max_length=40)
    due_date = models.DateField(_("due date"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("step reminder")
        verbose_name_plural = _("step reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "step", "due_date"], name="hires_one_reminder_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.step} {self.due_date}"


class CheckIn(models.Model):
    """One check-in question to one respondent at one milestone; its answer is a row
    that counts without the free text."""

    class Respondent(models.TextChoices):
        HIRE = "hire", _("Newcomer")
        PARTNER = "partner", _("Partner")
        EMPLOYER = "employer", _("Employer")

    referral = models.ForeignKey(
        HireReferral,
        verbose_name=_("referral"),
        on_delete=models.CASCADE,
        related_name="check_ins",
    )
    months = models.PositiveSmallIntegerField(_("months after the start"))
    respondent = models.CharField(_("respondent"), max_length=10, choices=Respondent.choices)
    token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    still_here = models.BooleanField(_("still here"), null=True, blank=True)
    what_would_have_helped = models.TextField(_("what would have helped"), blank=True)

    class Meta:
        ordering = ["referral", "months", "respondent"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "months", "respondent"], name="hires_one_check_in_per_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.months} {self.respondent}"
