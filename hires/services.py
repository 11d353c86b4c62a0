"""Every write about hires: the referral and its invitation (send, re-send, accept,
decline), the checklist (facts, ticks, reminders) and the follow-up check-ins."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from employers.models import Employer, EmployerMembership, Job, Occupation
from guides.services import newcomer_profile_save
from hires import checklist, selectors
from hires import notifications as hire_emails
from hires.models import CheckIn, ChecklistTick, HireReferral, StepReminder
from notifications.models import OutboundEmail
from notifications.services import interface_language
from portal.models import Municipality, NewcomerProfile, User

#: The check-ins, in months after the start.
CHECK_IN_MONTHS = (3, 12, 24)
#: A check-in is sent only this many days after its milestone at the latest (a start
#: long ago gives no burst of old questions).
CHECK_IN_WINDOW_DAYS = 30


def _member(employer: Employer, user: User) -> EmployerMembership:
    membership = EmployerMembership.objects.filter(employer=employer, user=user).first()
    if membership is None:
        raise PermissionDenied
    return membership


def _new_token(referral: HireReferral) -> str:
    token = secrets.token_urlsafe(32)
    referral.token_hash = selectors.token_hash(token)
    return token


# --- the referral and its invitation -----------------------------------------------------
@transaction.atomic
def referral_create(
    *,
    employer: Employer,
    actor: User,
    email: str,
    language: str,
    occupation: Occupation,
    start_date: datetime.date,
    municipality: Municipality,
    is_eu_citizen: bool,
    partner_comes: bool,
    children_count: int | None,
) -> HireReferral:
    """An employer user refers a new hire; the hire is invited in ``language``."""
    _member(employer, actor)
    if employer.status != Employer.Status.APPROVED:
        raise ValidationError(_("Your organisation can refer hires once staff have approved it."))
    referral = HireReferral(
        employer=employer,
        referred_by=actor,
        email=email.strip().lower(),
        language=interface_language(language),
        occupation=occupation,
        start_date=start_date,
        municipality=municipality,
        is_eu_citizen=is_eu_citizen,
        partner_comes=partner_comes,
        children_count=children_count,
        sent_at=timezone.now(),
    )
    token = _new_token(referral)
    referral.full_clean()
    referral.save()
    hire_emails.invitation(referral, token)
    return referral


@transaction.atomic
def referral_resend(*, referral_id: int, employer: Employer, actor: User) -> HireReferral:
    """A new invitation with a new link; the old link stops working. Only an
    invitation not yet answered (sent or expired) can be sent again."""
    _member(employer, actor)
    referral = HireReferral.objects.select_for_update().get(pk=referral_id, employer=employer)
    if referral.state != HireReferral.State.SENT:
        raise ValidationError(_("This invitation has been answered: it cannot be sent again."))
    token = _new_token(referral)
    referral.sent_at = timezone.now()
    referral.times_sent += 1
    referral.save(update_fields=["token_hash", "sent_at", "times_sent"])
    hire_emails.invitation(referral, token)
    return referral


def _open_referral(token: str) -> HireReferral:
    referral = selectors.referral_by_token(token)
    if referral is None:
        raise ValidationError(
            _(
                "This invitation has expired or has been answered. Ask your employer to send "
                "it again."
            )
        )
    return HireReferral.objects.select_for_update().get(pk=referral.pk)


@transaction.atomic
def referral_accept(
    *, token: str, user: User, followup_consent: bool = False, partner_email: str = ""
) -> HireReferral:
    """The hire accepts: the referral points to their account, and their move plan is
    filled in from it (the municipality, the situation, the start as the arrival)."""
    referral = _open_referral(token)
    referral.state = HireReferral.State.ACCEPTED
    referral.accepted_at = timezone.now()
    referral.user = user
    referral.email = ""  # the account's own address takes over
    referral.token_hash = ""
    referral.followup_consent = followup_consent
    referral.partner_email = partner_email.strip().lower() if followup_consent else ""
    referral.save()
    profile = NewcomerProfile.objects.filter(user=user).first()
    with override(referral.language or None):
        newcomer_profile_save(
            user=user,
            citizenship=(
                NewcomerProfile.Citizenship.EU_EEA
                if referral.is_eu_citizen
                else NewcomerProfile.Citizenship.NON_EU
            ),
            has_partner=referral.partner_comes,
            children_count=max(
                referral.children_count or 0, profile.children_count if profile else 0
            ),
            municipality=referral.municipality,
            planned_arrival=referral.start_date,
        )
    return referral


def referral_forget(referral: HireReferral) -> None:
    """Erase everything about the person (the caller saves); the state stays for the
    employer, and the hire's and partner's check-ins go."""
    referral.check_ins.exclude(respondent=CheckIn.Respondent.EMPLOYER).delete()
    OutboundEmail.objects.filter(
        key__startswith=hire_emails.invitation_key_prefix(referral)
    ).delete()
    referral.email = ""
    referral.language = ""
    referral.is_eu_citizen = None
    referral.partner_comes = False
    referral.children_count = None
    referral.partner_email = ""
    referral.token_hash = ""
    referral.user = None
    referral.followup_consent = False


@transaction.atomic
def referral_decline(*, token: str) -> HireReferral:
    """The hire declines and is forgotten: the employer sees only "declined"."""
    referral = _open_referral(token)
    referral_forget(referral)
    referral.state = HireReferral.State.DECLINED
    referral.declined_at = timezone.now()
    referral.save()
    return referral


#: What the employer may change about a hire after the referral.
JOB_FIELDS = ("start_date", "job", "board_ad_id", "offered_salary", "permit_end_date",
              "expert_tax_applies")  # fmt: skip


@transaction.atomic
def referral_update_job(
    *, referral_id: int, employer: Employer, actor: User, data: dict[str, Any]
) -> HireReferral:
    """The employer's facts behind the checklist. A new start date moves the due dates,
    and with them the reminders (a reminder is kept per step and due date)."""
    _member(employer, actor)
    referral = HireReferral.objects.select_for_update().get(pk=referral_id, employer=employer)
    job = data.get("job")
    if isinstance(job, Job) and job.employer_id != employer.pk:
        raise PermissionDenied
    for field in JOB_FIELDS:
        if field in data:
            setattr(referral, field, data[field])
    if isinstance(job, Job) and not referral.board_ad_id:
        referral.board_ad_id = job.board_ad_id
    referral.full_clean()
    referral.save()
    return referral


@transaction.atomic
def step_set(*, referral_id: int, employer: Employer, actor: User, step: str, done: bool) -> None:
    _member(employer, actor)
    referral = HireReferral.objects.get(pk=referral_id, employer=employer)
    keys = {spec.key for spec in checklist.steps_for(selectors.facts_of(referral))}
    if step not in keys:
        raise ValidationError(_("This step is not on the checklist."))
    if done:
        ChecklistTick.objects.get_or_create(referral=referral, step=step)
    else:
        ChecklistTick.objects.filter(referral=referral, step=step).delete()


# --- reminders -----------------------------------------------------------------------------
def _reminders_for(referral: HireReferral, today: datetime.date) -> int:
    lead = datetime.timedelta(days=settings.HIRE_REMINDER_DAYS)
    ticked = set(referral.ticks.values_list("step", flat=True))
    sent = 0
    for spec in checklist.steps_for(selectors.facts_of(referral)):
        if spec.due is None or spec.key in ticked or not (today <= spec.due <= today + lead):
            continue
        reminder, created = StepReminder.objects.get_or_create(
            referral=referral, step=spec.key, due_date=spec.due
        )
        if created:
            hire_emails.step_reminder(referral, step_title=spec.title, due=spec.due, pk=reminder.pk)
            sent += 1
    return sent


def step_reminders_send(*, today: datetime.date | None = None) -> int:
    """Beat, daily: a reminder for each undone step due within HIRE_REMINDER_DAYS —
    once per step and due date (a moved start arms new ones)."""
    today = today or timezone.localdate()
    sent = 0
    referrals = HireReferral.objects.exclude(state=HireReferral.State.DECLINED).select_related(
        "occupation", "employer"
    )
    for referral in referrals.filter(start_date__gte=today - datetime.timedelta(days=3 * 366)):
        with transaction.atomic():
            sent += _reminders_for(referral, today)
    return sent


# --- follow-up -------------------------------------------------------------------------------
def _check_in_send(
    referral: HireReferral, months: int, respondent: str, to: list[tuple[str, str]]
) -> int:
    if not to:
        return 0
    check_in, created = CheckIn.objects.get_or_create(
        referral=referral, months=months, respondent=respondent
    )
    if not created:
        return 0
    token = secrets.token_urlsafe(32)
    check_in.token_hash = selectors.token_hash(token)
    check_in.save(update_fields=["token_hash"])
    for address, language in to[:1] if respondent != CheckIn.Respondent.EMPLOYER else to:
        hire_emails.check_in(check_in, recipient=address, language=language, token=token)
    return 1


def _hire_recipients(referral: HireReferral) -> tuple[list, list]:
    hire, partner = [], []
    if referral.user is not None and referral.followup_stopped_at is None:
        profile = NewcomerProfile.objects.filter(user=referral.user).first()
        language = profile.preferred_language if profile else referral.language
        hire = [(referral.user.email, language or "en")]
        if referral.partner_email:
            account = User.objects.filter(email__iexact=referral.partner_email).first()
            if account is not None:
                partner = [(account.email, language or "en")]
    return hire, partner


def check_ins_send(*, today: datetime.date | None = None) -> int:
    """Beat, daily: the check-ins at 3, 12 and 24 months after the start, to those who
    agreed (the hire, the partner with an account) and to the employer."""
    today = today or timezone.localdate()
    sent = 0
    referrals = HireReferral.objects.filter(
        state=HireReferral.State.ACCEPTED, followup_consent=True
    ).select_related("user", "employer")
    for referral in referrals:
        hire, partner = _hire_recipients(referral)
        employer = []
        if referral.employer_followup_stopped_at is None:
            employer = hire_emails.employer_people(referral)
        for months in CHECK_IN_MONTHS:
            milestone = checklist.add_months(referral.start_date, months)
            if not (
                milestone <= today <= milestone + datetime.timedelta(days=CHECK_IN_WINDOW_DAYS)
            ):
                continue
            with transaction.atomic():
                sent += _check_in_send(referral, months, CheckIn.Respondent.HIRE, hire)
                sent += _check_in_send(referral, months, CheckIn.Respondent.PARTNER, partner)
                sent += _check_in_send(referral, months, CheckIn.Respondent.EMPLOYER, employer)
    return sent


@transaction.atomic
def check_in_answer(*, token: str, still_here: bool, what_would_have_helped: str) -> CheckIn:
    check_in = selectors.check_in_by_token(token)
    if check_in is None:
        raise ValidationError(_("This check-in has been answered or is no longer open."))
    check_in.still_here = still_here
    check_in.what_would_have_helped = what_would_have_helped.strip()
    check_in.answered_at = timezone.now()
    check_in.token_hash = ""
    check_in.save()
    return check_in


@transaction.atomic
def check_ins_stop(*, token: str) -> None:
    """One click, final: no more check-ins for this respondent's side."""
    check_in = selectors.check_in_by_token(token)
    if check_in is None:
        raise ValidationError(_("This check-in has been answered or is no longer open."))
    referral = HireReferral.objects.select_for_update().get(pk=check_in.referral_id)
    now = timezone.now()
    if check_in.respondent == CheckIn.Respondent.EMPLOYER:
        referral.employer_followup_stopped_at = referral.employer_followup_stopped_at or now
    else:
        referral.followup_stopped_at = referral.followup_stopped_at or now
    referral.save(update_fields=["employer_followup_stopped_at", "followup_stopped_at"])
    check_in.token_hash = ""
    check_in.save(update_fields=["token_hash"])
