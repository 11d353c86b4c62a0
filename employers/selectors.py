"""Reads: the signed-in person's employer, the public jobs, the ad quality checklist,
the JobPosting structured data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
)
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employers.models import (
    Employer,
    EmployerInvitation,
    EmployerMembership,
    Job,
    Occupation,
    ReadinessAssessment,
    Sector,
    TrainingSeat,
)
from enquiries.models import Audience, Enquiry
from events.models import Event
from portal.models import User


# --- the person's employer ---------------------------------------------------------------
def membership_of(user: User) -> EmployerMembership | None:
    if not user.is_authenticated:
        return None
    return (
        EmployerMembership.objects.filter(user=user)
        .select_related("employer", "employer__municipality")
        .first()
    )


def employer_enquiries(employer: Employer) -> QuerySet[Enquiry]:
    """The employer's own enquiries, for its users to follow: what they need to see
    the status (reference, topic, dates, status) and nothing about anyone else."""
    return (
        Enquiry.objects.filter(employer=employer, audience=Audience.EMPLOYER)
        .select_related("topic")
        .order_by("-created_at", "-pk")
    )


def invitations_for(user: User) -> QuerySet[EmployerInvitation]:
    """Open invitations to the person's sign-in address (so they can accept without
    the e-mail at hand)."""
    return EmployerInvitation.objects.filter(
        email__iexact=user.email, accepted_at__isnull=True
    ).select_related("employer")


def employer_job(employer: Employer, pk: int) -> Job:
    """One of the employer's own ads; another employer's ad is a 404."""
    job = Job.objects.filter(pk=pk, employer=employer).select_related("occupation").first()
    if job is None:
        raise Http404
    return job


def with_international_ready(employers: QuerySet[Employer]) -> QuerySet[Employer]:
    """Annotate ``international_ready``: the employer attended a training and did the
    self-assessment before and after it."""
    stages = ReadinessAssessment.Stage
    ready = (
        Exists(TrainingSeat.objects.filter(employer=OuterRef("pk"), attended_at__isnull=False))
        & Exists(ReadinessAssessment.objects.filter(employer=OuterRef("pk"), stage=stages.BEFORE))
        & Exists(ReadinessAssessment.objects.filter(employer=OuterRef("pk"), stage=stages.AFTER))
    )
    return employers.annotate(
        international_ready=ExpressionWrapper(ready, output_field=BooleanField())
    )


def network_members() -> QuerySet[Employer]:
    """Approved network members who consented to be listed publicly."""
    return with_international_ready(
        Employer.objects.filter(
            status=Employer.Status.APPROVED,
            is_network_member=True,
            listing_consent_at__isnull=False,
        ).select_related("municipality")
    )


# --- public jobs -------------------------------------------------------------------------
def public_jobs() -> QuerySet[Job]:
    """Published ads of approved employers, with what the list shows."""
    return Job.objects.filter(
        status=Job.Status.PUBLISHED, employer__status=Employer.Status.APPROVED
    ).select_related("employer", "occupation", "municipality")


def jobs_filter(
    jobs: QuerySet[Job],
    *,
    municipality: Any = None,
    sector: str = "",
    occupation: Occupation | None = None,
    no_swedish: bool = False,
    relocation: bool = False,
    sponsorship: bool = False,
) -> QuerySet[Job]:
    if municipality is not None:
        jobs = jobs.filter(municipality=municipality)
    if sector:
        jobs = jobs.filter(employer__sector=sector)
    if occupation is not None:
        jobs = jobs.filter(occupation=occupation)
    if no_swedish:
        jobs = jobs.filter(swedish_level=Job.Level.NONE)
    if relocation:
        jobs = jobs.filter(
            Q(offers_permit_sponsorship=True)
            | Q(offers_housing_help=True)
            | Q(offers_moving_costs=True)
            | Q(offers_partner_support=True)
            | Q(offers_swedish_lessons=True)
        )
    if sponsorship:
        jobs = jobs.filter(offers_permit_sponsorship=True)
    return jobs


def job_for_reader(pk: int) -> Job:
    """A published or closed ad of an approved employer (a closed one says so)."""
    job = (
        Job.objects.filter(
            pk=pk,
            status__in=[Job.Status.PUBLISHED, Job.Status.CLOSED],
            published_at__isnull=False,
            employer__status=Employer.Status.APPROVED,
        )
        .select_related("employer", "occupation", "municipality")
        .first()
    )
    if job is None:
        raise Http404
    return job


# --- ad quality --------------------------------------------------------------------------
@dataclass(frozen=True)
class CheckItem:
    label: str
    ok: bool
    required: bool


def job_quality_checklist(job: Job) -> list[CheckItem]:
    """What a newcomer and a work permit need from the ad, and whether it is there."""
    today = timezone.localdate()
    return [
        CheckItem(
            str(_("A title and a description in Swedish or English")),
            bool((job.title_sv and job.description_sv) or (job.title_en and job.description_en)),
            True,
        ),
        CheckItem(
            str(_("A pay range (pay transparency)")), bool(job.pay_min and job.pay_max), True
        ),
        CheckItem(
            str(_("The tasks that need Swedish, if Swedish is required")),
            job.swedish_level == Job.Level.NONE or bool(job.swedish_tasks.strip()),
            True,
        ),
        CheckItem(
            str(_("A way to apply: a link or an e-mail address")),
            bool(job.apply_url or job.apply_email),
            True,
        ),
        CheckItem(str(_("A deadline that has not passed")), job.deadline >= today, True),
        CheckItem(
            str(_("A description in English, for applicants who do not read Swedish yet")),
            bool(job.description_en),
            False,
        ),
        CheckItem(
            str(_("What help you offer with the permit, housing, the move or the partner")),
            job.offers_relocation,
            False,
        ),
        CheckItem(
            str(_("A Platsbanken or EURES ad id, so the ad can count for a work permit")),
            bool(job.board_ad_id),
            False,
        ),
        CheckItem(
            str(_("At least 10 days until the deadline (the permit's advertising rule)")),
            job.deadline >= today + datetime.timedelta(days=10),
            False,
        ),
    ]


# --- structured data ---------------------------------------------------------------------
def _employment_type(job: Job) -> list[str]:
    kinds = ["FULL_TIME" if job.extent == Job.Extent.FULL_TIME else "PART_TIME"]
    if job.employment_type != Job.EmploymentType.PERMANENT:
        kinds.append("TEMPORARY")
    return kinds


def job_benefits(job: Job) -> list[str]:
    offers = [
        (job.offers_permit_sponsorship, _("work-permit sponsorship")),
        (job.offers_housing_help, _("help with housing")),
        (job.offers_moving_costs, _("moving costs paid")),
        (job.offers_partner_support, _("support for a partner")),
        (job.offers_swedish_lessons, _("Swedish lessons")),
    ]
    return [str(label) for offered, label in offers if offered]


def job_posting(job: Job, *, url: str, language: str) -> dict[str, Any]:
    """schema.org JobPosting with the required and the recommended properties."""
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": job.title(language),
        "description": job.description(language),
        "datePosted": timezone.localdate(job.published_at).isoformat(),
        "validThrough": f"{job.deadline.isoformat()}T23:59:59",
        "employmentType": _employment_type(job),
        "hiringOrganization": {
            "@type": "Organization",
            "name": job.employer.name,
            "identifier": job.employer.org_number,
            **({"sameAs": job.employer.website} if job.employer.website else {}),
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": job.street_address,
                "postalCode": job.postal_code,
                "addressLocality": job.locality,
                "addressRegion": "Jämtlands län",
                "addressCountry": "SE",
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "SEK",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": job.pay_min,
                "maxValue": job.pay_max,
                "unitText": "MONTH" if job.pay_period == Job.PayPeriod.MONTH else "HOUR",
            },
        },
        "identifier": {
            "@type": "PropertyValue",
            "name": job.employer.name,
            "value": job.board_ad_id or str(job.pk),
        },
        "occupationalCategory": f"{job.occupation.isco} {job.occupation.label_en}",
        "directApply": False,
        "url": url,
    }
    benefits = job_benefits(job)
    if benefits:
        data["jobBenefits"] = ", ".join(benefits)
    if job.start_date:
        data["jobStartDate"] = job.start_date.isoformat()
    return data


JOB_POSTING_REQUIRED = ("title", "description", "datePosted", "hiringOrganization", "jobLocation")


# --- training toward 200 employers -------------------------------------------------------
TRAINING_GOAL = 200


@dataclass(frozen=True)
class TrainingProgress:
    employers: int
    goal: int
    by_municipality: list[tuple[str, int]]
    by_sector: list[tuple[str, int]]


def training_progress() -> TrainingProgress:
    """Distinct employers with at least one attended training seat, in all and by
    municipality and sector (counts of organisations, not of people)."""
    trained = Employer.objects.filter(training_seats__attended_at__isnull=False).distinct()
    by_municipality = (
        Employer.objects.filter(pk__in=trained.values("pk"))
        .values_list("municipality__name")
        .annotate(count=Count("pk"))
        .order_by("municipality__name")
    )
    sectors = dict(Sector.choices)
    by_sector = (
        Employer.objects.filter(pk__in=trained.values("pk"))
        .values_list("sector")
        .annotate(count=Count("pk"))
        .order_by("sector")
    )
    return TrainingProgress(
        employers=trained.count(),
        goal=TRAINING_GOAL,
        by_municipality=list(by_municipality),
        by_sector=[(str(sectors.get(code, code)), count) for code, count in by_sector],
    )


def upcoming_trainings() -> QuerySet[Event]:
    return Event.objects.filter(
        is_published=True,
        cancelled_at__isnull=True,
        kind=Event.Kind.TRAINING,
        audience=Event.Audience.EMPLOYERS,
        starts_at__gte=timezone.now(),
    ).order_by("starts_at")
