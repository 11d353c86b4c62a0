"""Thin views: the employer's referrals and checklists, the hire's invitation and
welcome page, and the check-in form."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from employers.models import EmployerMembership
from employers.selectors import membership_of
from hires import selectors, services
from hires.forms import AcceptForm, CheckInForm, JobFactsForm, ReferralForm, TickForm
from hires.models import HireReferral


def _membership(request: HttpRequest) -> EmployerMembership:
    membership = membership_of(request.user)
    if membership is None:
        raise Http404
    return membership


def _referral(membership: EmployerMembership, pk: int) -> HireReferral:
    return get_object_or_404(
        HireReferral.objects.select_related("occupation", "municipality", "job"),
        pk=pk,
        employer=membership.employer,
    )


# --- the employer ----------------------------------------------------------------------------
@login_required
def referral_list(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    now = timezone.now()
    rows = [
        (referral, selectors.state_label(selectors.invitation_state(referral, now)))
        for referral in selectors.employer_referrals(membership.employer)
    ]
    return render(request, "hires/list.html", {"rows": rows, "employer": membership.employer})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def referral_new(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    form = ReferralForm(request.POST or None, employer=membership.employer)
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(
                employer=membership.employer, actor=request.user, **form.referral_data()
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The invitation has been sent."))
            return redirect("hires:detail", pk=referral.pk)
    return render(request, "hires/referral_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The invitation's state and the checklist — nothing the hire adds."""
    membership = _membership(request)
    referral = _referral(membership, pk)
    facts_form = JobFactsForm(
        request.POST or None,
        employer=membership.employer,
        initial={
            "start_date": referral.start_date,
            "job": referral.job_id,
            "board_ad_id": referral.board_ad_id,
            "offered_salary": referral.offered_salary,
            "permit_end_date": referral.permit_end_date,
            "expert_tax_applies": referral.expert_tax_applies,
        },
    )
    if request.method == "POST" and facts_form.is_valid():
        services.referral_update_job(
            referral_id=referral.pk,
            employer=membership.employer,
            actor=request.user,
            data=facts_form.cleaned_data,
        )
        messages.success(request, _("Saved. The due dates are up to date."))
        return redirect("hires:detail", pk=referral.pk)
    state = selectors.invitation_state(referral)
    has_checklist = referral.is_eu_citizen is not None and state != HireReferral.State.DECLINED
    return render(
        request,
        "hires/detail.html",
        {
            "referral": referral,
            "state": state,
            "state_label": selectors.state_label(state),
            "can_resend": referral.state == HireReferral.State.SENT,
            "checklist": selectors.checklist_view(
                referral, language=membership.language, today=timezone.localdate()
            )
            if has_checklist
            else None,
            "facts_form": facts_form,
        },
    )


@login_required
@require_POST
def referral_resend(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request)
    referral = _referral(membership, pk)
    try:
        services.referral_resend(
            referral_id=referral.pk, employer=membership.employer, actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("A new invitation has been sent; the old link no longer works.")
        )
    return redirect("hires:detail", pk=referral.pk)


@login_required
@require_POST
def step_tick(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request)
    referral = _referral(membership, pk)
    form = TickForm(request.POST)
    if form.is_valid():
        try:
            services.step_set(
                referral_id=referral.pk,
                employer=membership.employer,
                actor=request.user,
                step=form.cleaned_data["step"],
                done=form.cleaned_data["done"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect(
                f"{reverse('hires:detail', args=[referral.pk])}#step-{form.cleaned_data['step']}"
            )
    return redirect("hires:detail", pk=referral.pk)


# --- the hire ----------------------------------------------------------------------------------
def _token(request: HttpRequest) -> str:
    return (request.POST.get("t") or request.GET.get("t") or "").strip()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request: HttpRequest) -> HttpResponse:
    token = _token(request)
    referral = selectors.referral_by_token(token)
    if referral is None:
        return render(request, "hires/invitation_closed.html", status=410)
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "decline":
        services.referral_decline(token=token)
        return render(request, "hires/declined.html")
    if request.method == "POST" and request.user.is_authenticated and form.is_valid():
        try:
            services.referral_accept(
                token=token,
                user=request.user,
                followup_consent=form.cleaned_data["followup_consent"],
                partner_email=form.cleaned_data["partner_email"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Welcome! Your move plan is ready."))
            return redirect("hires:welcome")
    here = f"{reverse('hires:invitation')}?{urlencode({'t': token})}"
    if not request.user.is_authenticated:
        # The link came to this address: an account made with it needs no second check.
        get_adapter(request).stash_verified_email(request, referral.email)
    return render(
        request,
        "hires/invitation.html",
        {
            "referral": referral,
            "token": token,
            "form": form,
            "signup_url": f"{reverse('account_signup')}?{urlencode({'next': here})}",
            "login_url": f"{reverse('account_login')}?{urlencode({'next': here})}",
        },
    )


def _welcome_pack_url() -> str:
    """The welcome pack, once the welcome app is installed."""
    try:
        return reverse("welcome:pack")
    except NoReverseMatch:
        return ""


@login_required
def welcome(request: HttpRequest) -> HttpResponse:
    referral = (
        HireReferral.objects.filter(user=request.user, state=HireReferral.State.ACCEPTED)
        .select_related("employer", "municipality")
        .order_by("-accepted_at")
        .first()
    )
    if referral is None:
        raise Http404
    return render(
        request,
        "hires/welcome.html",
        {
            "referral": referral,
            "offers": selectors.newcomer_offers(referral),
            "welcome_pack_url": _welcome_pack_url(),
            "language": get_language(),
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def check_in(request: HttpRequest) -> HttpResponse:
    token = _token(request)
    found = selectors.check_in_by_token(token)
    if found is None:
        return render(request, "hires/check_in_closed.html", status=410)
    if request.method == "POST" and request.POST.get("action") == "stop":
        services.check_ins_stop(token=token)
        return render(request, "hires/check_in_done.html", {"stopped": True})
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.check_in_answer(
            token=token,
            still_here=form.cleaned_data["still_here"] == "yes",
            what_would_have_helped=form.cleaned_data["what_would_have_helped"],
        )
        return render(request, "hires/check_in_done.html", {"stopped": False})
    return render(request, "hires/check_in.html", {"form": form, "token": token, "check_in": found})
