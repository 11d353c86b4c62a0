"""Thin views: a form validates, an access helper 404s, one service call, render."""

from __future__ import annotations

import datetime
import json

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from employers import selectors, services
from employers.forms import (
    EmailLanguageForm,
    EmployerEnquiryForm,
    EmployerRegistrationForm,
    InvitationForm,
    JobFilterForm,
    JobForm,
    NetworkForm,
    ReadinessForm,
    TrainingRegistrationForm,
)
from employers.models import PERMIT_ADVERTISING_DAYS, Employer, EmployerMembership, Job
from enquiries.services.submission import enquiry_rate_limit_consume
from enquiries.views import SENT_SESSION_KEY
from events.models import Event, EventRegistration
from guides.models import Audience, Guide
from markets.campaigns import campaign_of
from markets.services import job_click_record

JOBS_PER_PAGE = 20


def _add_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _language() -> str:
    return get_language() or "en"


# --- for employers -----------------------------------------------------------------------
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    guides = (
        Guide.objects.filter(published=True, audience=Audience.EMPLOYER)
        .select_related("topic")
        .order_by("title")
    )
    trainings = Event.objects.filter(
        is_published=True,
        cancelled_at__isnull=True,
        audience=Event.Audience.EMPLOYERS,
        starts_at__gte=timezone.now(),
    ).order_by("starts_at")[:5]
    return render(
        request,
        "employers/index.html",
        {
            "guides": guides,
            "members": selectors.network_members(),
            "trainings": trainings,
            "membership": selectors.membership_of(request.user),
        },
    )


@login_required
def register(request: HttpRequest) -> HttpResponse:
    if selectors.membership_of(request.user) is not None:
        return redirect("employers:account")
    form = EmployerRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.employer_register(
                user=request.user,
                name=data["name"],
                org_number=data["org_number"],
                is_sole_trader=data["is_sole_trader"],
                municipality=data["municipality"],
                sector=data["sector"],
                size=data["size"],
                website=data["website"],
                is_network_member=data["is_network_member"],
                listing_consent=data["listing_consent"],
                language=_language(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you! The organisation number is format checked (%(form)s). "
                    "Staff will vet your registration before your ads go public."
                )
                % {"form": data["legal_form"]},
            )
            return redirect("employers:account")
    return render(
        request,
        "employers/register.html",
        {"form": form, "invitations": selectors.invitations_for(request.user)},
    )


def _client_ip(request: HttpRequest) -> str:
    """The real client behind TRUSTED_PROXY_COUNT proxies (allauth's logic)."""
    try:
        return get_adapter().get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return request.META.get("REMOTE_ADDR", "unknown")


@never_cache
@require_http_methods(["GET", "POST"])
def enquiry_new(request: HttpRequest) -> HttpResponse:
    """ "Ask for help": an employer's enquiry, routed and promised like a newcomer's."""
    membership = selectors.membership_of(request.user)
    form = EmployerEnquiryForm(
        request.POST or None,
        user=request.user,
        employer=membership.employer if membership is not None else None,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not enquiry_rate_limit_consume(
            client_ip=_client_ip(request), email=data["contact_email"]
        ):
            form.add_error(
                None,
                _("You have sent many questions in a short time. Please try again in an hour."),
            )
            status = 429
        else:
            enquiry = services.employer_enquiry_submit(
                user=request.user if request.user.is_authenticated else None,
                topic=data["topic"],
                municipality=data["municipality"],
                language=data["language"],
                message=data["message"],
                contact_email=data["contact_email"],
                campaign=campaign_of(request),
            )
            request.session[SENT_SESSION_KEY] = enquiry.reference
            return redirect("enquiries:enquiry_sent")
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "employers/enquiry_new.html",
        {"form": form, "membership": membership},
        status=status,
    )


def _membership(request: HttpRequest) -> EmployerMembership:
    membership = selectors.membership_of(request.user)
    if membership is None:
        raise Http404
    return membership


@login_required
@require_safe
def account(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    employer = membership.employer
    return render(
        request,
        "employers/account.html",
        {
            "employer": employer,
            "membership": membership,
            "is_admin": membership.role == EmployerMembership.Role.ADMIN,
            "colleagues": employer.memberships.select_related("user").order_by("created_at"),
            "invitations": employer.invitations.filter(accepted_at__isnull=True),
            "ready": selectors.with_international_ready(
                Employer.objects.filter(pk=employer.pk)
            ).values_list("international_ready", flat=True)[0],
            "jobs": employer.jobs.select_related("occupation").order_by("-created_at"),
            "enquiries": selectors.employer_enquiries(employer),
            "invite_form": InvitationForm(),
            "language_form": EmailLanguageForm(initial={"language": membership.language}),
            "trainings": [
                (event, TrainingRegistrationForm(employer=employer, prefix=f"t{event.pk}"))
                for event in selectors.upcoming_trainings()
            ],
            "network_form": NetworkForm(
                initial={
                    "is_network_member": employer.is_network_member,
                    "listing_consent": employer.listing_consent_at is not None,
                }
            ),
        },
    )


@login_required
@require_POST
def email_language(request: HttpRequest) -> HttpResponse:
    _membership(request)
    form = EmailLanguageForm(request.POST)
    if form.is_valid():
        services.membership_set_language(user=request.user, language=form.cleaned_data["language"])
        messages.success(request, _("Saved. Your e-mails will come in this language."))
    return redirect("employers:account")


@login_required
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            services.invitation_create(
                employer=membership.employer,
                invited_by=request.user,
                email=form.cleaned_data["email"],
                language=_language(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The invitation has been sent."))
    else:
        messages.error(request, _("Enter a valid e-mail address."))
    return redirect("employers:account")


@login_required
@require_POST
def invitation_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request)
    services.invitation_withdraw(invitation_id=pk, employer=membership.employer, actor=request.user)
    return redirect("employers:account")


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request)
    try:
        services.membership_remove(
            membership_id=pk, employer=membership.employer, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("employers:account")
    if pk == membership.pk:
        return redirect("employers:index")
    messages.success(request, _("Your colleague has been removed."))
    return redirect("employers:account")


@login_required
@require_POST
def member_make_admin(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request)
    services.membership_make_admin(
        membership_id=pk, employer=membership.employer, actor=request.user
    )
    return redirect("employers:account")


@login_required
@require_POST
def network(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    form = NetworkForm(request.POST)
    if form.is_valid():
        services.employer_update_network(
            employer=membership.employer,
            is_network_member=form.cleaned_data["is_network_member"],
            listing_consent=form.cleaned_data["listing_consent"],
        )
        messages.success(request, _("Your choices have been saved."))
    return redirect("employers:account")


@login_required
def readiness(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    employer = membership.employer
    form = ReadinessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.readiness_assess(employer=employer, answers=form.answers())
        messages.success(request, _("Thank you: your self-assessment is saved."))
        return redirect("employers:account")
    return render(
        request,
        "employers/readiness.html",
        {"form": form, "assessments": employer.assessments.all()},
    )


@login_required
@require_POST
def training_register(request: HttpRequest, event_id: int) -> HttpResponse:
    membership = _membership(request)
    form = TrainingRegistrationForm(
        request.POST, employer=membership.employer, prefix=f"t{event_id}"
    )
    if not form.is_valid():
        messages.error(request, _("Choose people from your own organisation."))
        return redirect("employers:account")
    try:
        registrations = services.training_register(
            employer=membership.employer,
            event_id=event_id,
            users=list(form.cleaned_data["people"]),
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        waiting = sum(r.status == EventRegistration.Status.WAITING for r in registrations)
        messages.success(
            request,
            _("Registered: %(places)d with a place, %(waiting)d on the waiting list.")
            % {"places": len(registrations) - waiting, "waiting": waiting},
        )
    return redirect("employers:account")


@login_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        try:
            services.invitation_accept(token=token, user=request.user, language=_language())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Welcome! You now act for your employer."))
            return redirect("employers:account")
    return render(request, "employers/invitation.html", {"token": token})


# --- the employer's job ads --------------------------------------------------------------
@login_required
def job_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    membership = _membership(request)
    job = selectors.employer_job(membership.employer, pk) if pk else None
    form = JobForm(request.POST or None, instance=job)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.job_save(employer=membership.employer, job=job, data=form.job_data())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("employers:job_publish", pk=job.pk)
    return render(request, "employers/job_form.html", {"form": form, "job": job})


@login_required
def job_publish(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request)
    job = selectors.employer_job(membership.employer, pk)
    if request.method == "POST":
        try:
            services.job_publish(job=job, employer=membership.employer)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The ad is published."))
            return redirect("employers:account")
    checklist = selectors.job_quality_checklist(job)
    permit_from = job.permit_usable_from or (
        timezone.localdate() + datetime.timedelta(days=PERMIT_ADVERTISING_DAYS)
    )
    return render(
        request,
        "employers/job_publish.html",
        {
            "job": job,
            "employer": membership.employer,
            "checklist": checklist,
            "permit_from": permit_from,
            "ready": all(item.ok for item in checklist if item.required),
        },
    )


@login_required
@require_POST
def job_close(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request)
    job = selectors.employer_job(membership.employer, pk)
    services.job_close(job=job, employer=membership.employer)
    messages.success(request, _("The ad is closed."))
    return redirect("employers:account")


# --- public jobs -------------------------------------------------------------------------
@require_safe
def jobs(request: HttpRequest) -> HttpResponse:
    form = JobFilterForm(request.GET or None)
    listed = selectors.jobs_filter(selectors.public_jobs(), **form.filters())
    page = Paginator(listed, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "employers/jobs.html",
        {"form": form, "page": page, "query": query.urlencode(), "language": _language()},
    )


@require_safe
def job(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_for_reader(pk)
    language = _language()
    is_closed = job.status == Job.Status.CLOSED
    title = job.title(language)
    context = {
        "job": job,
        "language": language,
        "is_closed": is_closed,
        "title": title,
        "description": job.description(language),
        # the language the ad's text is written in (Swedish, English or the fallback)
        "text_lang": "sv" if (language == "sv" and job.title_sv) or not job.title_en else "en",
    }
    if not is_closed:
        posting = selectors.job_posting(
            job, url=request.build_absolute_uri(job.get_absolute_url()), language=language
        )
        context["json_ld"] = json.dumps(posting, ensure_ascii=False).replace("</", "<\\/")
        context["benefits"] = selectors.job_benefits(job)
    if request.method == "GET" and not is_closed:
        job_click_record(job_id=job.pk, campaign=campaign_of(request), kind="view")
    return render(request, "employers/job.html", context, status=410 if is_closed else 200)


FEED_SIZE = 100


@require_safe
def jobs_feed_json(request: HttpRequest) -> JsonResponse:
    """A JSON Feed 1.1 of the newest published ads, for the municipalities' sites."""
    language = _language()
    items = []
    for item in selectors.public_jobs()[:FEED_SIZE]:
        url = request.build_absolute_uri(item.get_absolute_url())
        items.append(
            {
                "id": url,
                "url": url,
                "title": item.title(language),
                "content_text": item.description(language),
                "date_published": item.published_at.isoformat(),
                "_job": selectors.job_posting(item, url=url, language=language),
            }
        )
    return JsonResponse(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": _("Jobs in Jämtland Härjedalen"),
            "home_page_url": request.build_absolute_uri(reverse("employers:jobs")),
            "feed_url": request.build_absolute_uri(reverse("employers:jobs_feed_json")),
            "language": language,
            "items": items,
        },
        json_dumps_params={"ensure_ascii": False},
    )
