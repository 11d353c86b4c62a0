"""Every write about employers: registration, vetting, colleagues, job ads."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employers import notifications as employer_emails
from employers.models import (
    Employer,
    EmployerInvitation,
    EmployerMembership,
    Job,
    ReadinessAssessment,
    TrainingSeat,
)
from employers.orgnr import org_number_normalise
from employers.selectors import job_quality_checklist, membership_of
from enquiries.models import Audience, Enquiry
from enquiries.services.submission import enquiry_submit
from events.models import Event, EventRegistration
from events.services import event_register
from notifications.services import interface_language
from portal.models import Municipality, Organisation, User


def vetting_organisation(municipality: Municipality) -> Organisation:
    """A business organisation covering the municipality, any business organisation,
    or else the county desk."""
    business = Organisation.objects.filter(kind=Organisation.Kind.BUSINESS).order_by("pk")
    chosen = business.filter(municipalities=municipality).first() or business.first()
    if chosen is None:
        chosen = Organisation.objects.filter(is_county_desk=True).first()
    if chosen is None:
        raise ValidationError(_("No organisation can take care of this yet."))
    return chosen


# --- employers ---------------------------------------------------------------------------
@transaction.atomic
def employer_register(
    *,
    user: User,
    name: str,
    org_number: str,
    is_sole_trader: bool,
    municipality: Municipality,
    sector: str,
    size: str,
    website: str = "",
    is_network_member: bool = False,
    listing_consent: bool = False,
    language: str = "sv",
) -> Employer:
    """A new employer, waiting for vetting, with the registering person as its
    administrator; ``language`` (the one they registered in) is their e-mails'."""
    if EmployerMembership.objects.filter(user=user).exists():
        raise ValidationError(_("Your account already belongs to an employer."))
    number = org_number_normalise(org_number, sole_trader=is_sole_trader)
    if Employer.objects.filter(org_number=number).exists():
        raise ValidationError(
            _(
                "An employer with this organisation number is already registered. Ask a colleague "
                "there to invite you."
            ),
            code="duplicate",
        )
    employer = Employer(
        name=name.strip(),
        org_number=number,
        is_sole_trader=is_sole_trader,
        municipality=municipality,
        sector=sector,
        size=size,
        website=website,
        organisation=vetting_organisation(municipality),
        is_network_member=is_network_member,
        listing_consent_at=timezone.now() if is_network_member and listing_consent else None,
    )
    employer.full_clean()
    employer.save()
    membership = EmployerMembership(
        employer=employer,
        user=user,
        role=EmployerMembership.Role.ADMIN,
        language=interface_language(language),
    )
    membership.full_clean()
    membership.save()
    employer_emails.employer_registered(employer.pk)
    return employer


@transaction.atomic
def employer_update_network(
    *, employer: Employer, is_network_member: bool, listing_consent: bool
) -> Employer:
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    employer.is_network_member = is_network_member
    if not (is_network_member and listing_consent):
        employer.listing_consent_at = None
    elif employer.listing_consent_at is None:
        employer.listing_consent_at = timezone.now()
    employer.save(update_fields=["is_network_member", "listing_consent_at"])
    return employer


@transaction.atomic
def employer_vet(*, employer_id: int, approve: bool, reason: str = "") -> Employer:
    """Staff approve or decline an employer; the employer's administrators are told."""
    employer = Employer.objects.select_for_update().get(pk=employer_id)
    if not approve and not reason.strip():
        raise ValidationError(_("Give the employer a reason for declining."))
    status = Employer.Status.APPROVED if approve else Employer.Status.DECLINED
    if employer.status == status:
        return employer
    employer.status = status
    employer.decline_reason = "" if approve else reason.strip()
    employer.vetted_at = timezone.now()
    employer.save(update_fields=["status", "decline_reason", "vetted_at"])
    employer_emails.employer_vetted(employer.pk)
    return employer


# --- colleagues --------------------------------------------------------------------------
def _require_admin(employer: Employer, user: User) -> None:
    if not EmployerMembership.objects.filter(
        employer=employer, user=user, role=EmployerMembership.Role.ADMIN
    ).exists():
        raise PermissionDenied


@transaction.atomic
def invitation_create(
    *, employer: Employer, invited_by: User, email: str, language: str = "sv"
) -> EmployerInvitation:
    """Invite a colleague, in ``language`` (the inviter's at the time)."""
    _require_admin(employer, invited_by)
    email = email.strip().lower()
    if EmployerMembership.objects.filter(employer=employer, user__email__iexact=email).exists():
        raise ValidationError(_("This person already belongs to your employer."))
    invitation, created = EmployerInvitation.objects.get_or_create(
        employer=employer,
        email=email,
        accepted_at=None,
        defaults={
            "token": secrets.token_urlsafe(32),
            "invited_by": invited_by,
            "language": interface_language(language),
        },
    )
    if created:
        employer_emails.invitation_sent(invitation.pk)
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User, language: str | None = None) -> EmployerMembership:
    """Join the employer; e-mails come in ``language`` (the one the person accepts
    in), else the invitation's."""
    invitation = (
        EmployerInvitation.objects.select_for_update()
        .filter(token=token, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        raise ValidationError(_("This invitation has been used or withdrawn."))
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(
            _("This invitation was sent to another e-mail address. Sign in with that address.")
        )
    if EmployerMembership.objects.filter(user=user).exists():
        raise ValidationError(_("Your account already belongs to an employer."))
    membership = EmployerMembership.objects.create(
        employer=invitation.employer,
        user=user,
        role=EmployerMembership.Role.MEMBER,
        language=interface_language(language or invitation.language),
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def invitation_withdraw(*, invitation_id: int, employer: Employer, actor: User) -> None:
    _require_admin(employer, actor)
    EmployerInvitation.objects.filter(
        pk=invitation_id, employer=employer, accepted_at__isnull=True
    ).delete()


@transaction.atomic
def membership_remove(*, membership_id: int, employer: Employer, actor: User) -> None:
    """An administrator removes a colleague, or anyone leaves; never the last administrator."""
    Employer.objects.select_for_update().get(pk=employer.pk)  # serialises removals
    membership = EmployerMembership.objects.filter(pk=membership_id, employer=employer).first()
    if membership is None:
        raise ValidationError(_("This person is not one of your colleagues."))
    if membership.user_id != actor.pk:
        _require_admin(employer, actor)
    admins = employer.memberships.filter(role=EmployerMembership.Role.ADMIN)
    if membership.role == EmployerMembership.Role.ADMIN and admins.count() == 1:
        raise ValidationError(
            _("The last administrator cannot leave. Make a colleague administrator first.")
        )
    membership.delete()


def membership_set_language(*, user: User, language: str) -> None:
    """The person chooses the language of their e-mails about the employer."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError(_("Choose a language from the list."))
    EmployerMembership.objects.filter(user=user).update(language=language)


@transaction.atomic
def membership_make_admin(*, membership_id: int, employer: Employer, actor: User) -> None:
    _require_admin(employer, actor)
    EmployerMembership.objects.filter(pk=membership_id, employer=employer).update(
        role=EmployerMembership.Role.ADMIN
    )


# --- enquiries ---------------------------------------------------------------------------
def employer_enquiry_submit(
    *,
    user: User | None,
    topic,
    municipality: Municipality | None,
    language: str,
    message: str,
    contact_email: str,
    campaign: str | None = None,
) -> Enquiry:
    """An employer's enquiry, routed like a newcomer's (rules can target employers). A
    signed-in employer user's enquiry is tied to their own employer, never another."""
    membership = membership_of(user) if user is not None else None
    return enquiry_submit(
        topic=topic,
        municipality=municipality,
        language=language,
        message=message,
        contact_email=contact_email,
        user=user,
        audience=Audience.EMPLOYER,
        employer=membership.employer if membership is not None else None,
        campaign=campaign,
    )


# --- job ads -----------------------------------------------------------------------------
@transaction.atomic
def job_save(*, employer: Employer, job: Job | None = None, data: dict[str, Any]) -> Job:
    """Create or change a job ad (a draft until published; a published ad stays published)."""
    if job is None:
        job = Job(employer=employer)
    elif job.employer_id != employer.pk:
        raise PermissionDenied
    if job.status == Job.Status.CLOSED:
        raise ValidationError(_("A closed ad cannot be changed."))
    for field, value in data.items():
        setattr(job, field, value)
    if job.swedish_level == Job.Level.NONE:
        job.swedish_tasks = ""
    job.full_clean()
    job.save()
    return job


@transaction.atomic
def job_publish(*, job: Job, employer: Employer) -> Job:
    job = Job.objects.select_for_update().get(pk=job.pk, employer=employer)
    if job.status == Job.Status.PUBLISHED:
        return job
    if job.status == Job.Status.CLOSED:
        raise ValidationError(_("A closed ad cannot be published again."))
    missing = [item.label for item in job_quality_checklist(job) if item.required and not item.ok]
    if missing:
        raise ValidationError(
            _("Before publishing, fill in: %(missing)s.") % {"missing": "; ".join(missing)}
        )
    job.status = Job.Status.PUBLISHED
    job.published_at = timezone.now()
    job.save(update_fields=["status", "published_at", "updated_at"])
    return job


@transaction.atomic
def job_close(*, job: Job, employer: Employer) -> Job:
    job = Job.objects.select_for_update().get(pk=job.pk, employer=employer)
    if job.status != Job.Status.CLOSED:
        job.status = Job.Status.CLOSED
        job.closed_at = timezone.now()
        job.save(update_fields=["status", "closed_at", "updated_at"])
    return job


def jobs_close_expired(*, today: datetime.date | None = None) -> int:
    """Close every published ad whose deadline has passed (the beat task calls this)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        expired = list(
            Job.objects.select_for_update(skip_locked=True)
            .filter(status=Job.Status.PUBLISHED, deadline__lt=today)
            .values_list("pk", flat=True)
        )
        Job.objects.filter(pk__in=expired).update(
            status=Job.Status.CLOSED, closed_at=timezone.now(), updated_at=timezone.now()
        )
        for pk in expired:
            employer_emails.job_closed(pk)
    return len(expired)


# --- training toward 200 employers -------------------------------------------------------
@transaction.atomic
def training_register(
    *, employer: Employer, event_id: int, users: list[User], actor: User
) -> list[EventRegistration]:
    """Register several of the employer's people for a training event; each gets a place
    or a place on the waiting list, as any participant does."""
    if not EmployerMembership.objects.filter(employer=employer, user=actor).exists():
        raise PermissionDenied
    event = Event.objects.filter(
        pk=event_id, kind=Event.Kind.TRAINING, audience=Event.Audience.EMPLOYERS
    ).first()
    if event is None:
        raise ValidationError(_("This is not a training for employers."))
    members = set(
        EmployerMembership.objects.filter(employer=employer).values_list("user_id", flat=True)
    )
    if not users or any(user.pk not in members for user in users):
        raise ValidationError(_("Choose people from your own organisation."))
    registrations = []
    for user in users:
        registration = event_register(event_id=event.pk, user=user)
        TrainingSeat.objects.get_or_create(
            registration=registration, defaults={"employer": employer}
        )
        registrations.append(registration)
    return registrations


@transaction.atomic
def training_attendance_mark(*, seat_ids: list[int], attended: bool) -> int:
    """Staff mark who came (only confirmed places can have attended)."""
    seats = TrainingSeat.objects.filter(
        pk__in=seat_ids, registration__status=EventRegistration.Status.CONFIRMED
    )
    return seats.update(attended_at=timezone.now() if attended else None)


@transaction.atomic
def readiness_assess(*, employer: Employer, answers: dict[str, bool]) -> ReadinessAssessment:
    """The first assessment is "before training"; one after an attended training is
    "after" (and can be redone); without attendance the "before" one is updated."""
    attended = TrainingSeat.objects.filter(employer=employer, attended_at__isnull=False).exists()
    has_before = employer.assessments.filter(stage=ReadinessAssessment.Stage.BEFORE).exists()
    stage = (
        ReadinessAssessment.Stage.AFTER
        if attended and has_before
        else ReadinessAssessment.Stage.BEFORE
    )
    assessment, _created = ReadinessAssessment.objects.update_or_create(
        employer=employer,
        stage=stage,
        defaults={"answers": answers, "score": sum(bool(v) for v in answers.values())},
    )
    return assessment
