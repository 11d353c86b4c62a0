"""Thin views: a form validates, an access helper 404s, one service call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from ambassadors import selectors, services
from ambassadors.forms import (
    AmbassadorApplicationForm,
    AmbassadorProfileForm,
    BuddyRequestForm,
    ConcernForm,
    EndMatchForm,
    MessageForm,
    interface_language,
)
from ambassadors.models import Ambassador, Match


def _add_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


# --- ambassadors -------------------------------------------------------------------------
def index(request: HttpRequest) -> HttpResponse:
    """About the programme, and the application form (or the applicant's status)."""
    ambassador = selectors.ambassador_of(request.user)
    can_apply = ambassador is None or ambassador.status in (
        Ambassador.Status.DECLINED,
        Ambassador.Status.WITHDRAWN,
    )
    form = None
    if request.user.is_authenticated and can_apply:
        if request.method == "POST":
            form = AmbassadorApplicationForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.ambassador_apply(
                        user=request.user,
                        first_name=data["first_name"],
                        municipality=data["municipality"],
                        languages=form.languages(),
                        countries_lived_in=data["countries_lived_in"],
                        profession=data["profession"],
                        sector=data["sector"],
                        interests=data["interests"],
                        capacity=data["capacity"],
                        availability=data["availability"],
                        bio=data["bio"],
                        share_email=data["share_email"],
                        phone=data["phone"],
                        preferred_language=interface_language(get_language()),
                        accepts_code_of_conduct=data["accepts_code_of_conduct"],
                    )
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    messages.success(
                        request, _("Thank you! Staff will read your application and write to you.")
                    )
                    return redirect("ambassadors:index")
        else:
            form = AmbassadorApplicationForm(initial={"first_name": request.user.first_name})
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "ambassadors/index.html",
        {"ambassador": ambassador, "form": form, "can_apply": can_apply},
    )


@require_safe
def code_of_conduct(request: HttpRequest) -> HttpResponse:
    return render(request, "ambassadors/code_of_conduct.html")


def _approved_ambassador(request: HttpRequest) -> Ambassador:
    ambassador = selectors.ambassador_of(request.user)
    if ambassador is None or ambassador.status != Ambassador.Status.APPROVED:
        raise Http404
    return ambassador


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    ambassador = selectors.ambassador_of(request.user)
    if ambassador is None or ambassador.status != Ambassador.Status.APPROVED:
        return redirect("ambassadors:index")
    return render(
        request,
        "ambassadors/dashboard.html",
        {"ambassador": ambassador, "board": selectors.dashboard_of(ambassador)},
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    ambassador = selectors.ambassador_of(request.user)
    if ambassador is None or ambassador.status not in (
        Ambassador.Status.PENDING,
        Ambassador.Status.APPROVED,
    ):
        return redirect("ambassadors:index")
    if request.method == "POST":
        form = AmbassadorProfileForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.ambassador_update_profile(
                    user=request.user,
                    languages=form.languages(),
                    countries_lived_in=data["countries_lived_in"],
                    profession=data["profession"],
                    sector=data["sector"],
                    interests=data["interests"],
                    capacity=data["capacity"],
                    availability=data["availability"],
                    share_email=data["share_email"],
                    phone=data["phone"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Your profile has been saved."))
                return redirect("ambassadors:profile")
    else:
        form = AmbassadorProfileForm(initial=selectors.profile_initial(ambassador))
    return render(request, "ambassadors/profile.html", {"ambassador": ambassador, "form": form})


@login_required
@require_POST
def offer_respond(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    _approved_ambassador(request)
    match = get_object_or_404(Match, pk=pk, ambassador__user=request.user)
    try:
        if answer == "accept":
            services.offer_accept(match_id=match.pk, user=request.user)
            messages.success(request, _("You accepted. Say hello to your buddy!"))
            return redirect("ambassadors:match", pk=match.pk)
        services.offer_decline(match_id=match.pk, user=request.user)
        messages.success(request, _("You declined. The request passes to another ambassador."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("ambassadors:dashboard")


@login_required
@require_POST
def set_paused(request: HttpRequest, paused: bool) -> HttpResponse:
    _approved_ambassador(request)
    services.ambassador_set_paused(user=request.user, paused=paused)
    if paused:
        messages.success(request, _("You are paused: you get no new buddy requests."))
    else:
        messages.success(request, _("Welcome back: you can get new buddy requests again."))
    return redirect("ambassadors:dashboard")


# --- newcomers ---------------------------------------------------------------------------
@login_required
def buddy(request: HttpRequest) -> HttpResponse:
    open_request = selectors.open_request_of(request.user)
    form = None
    if open_request is None:
        if request.method == "POST":
            form = BuddyRequestForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.buddy_request_submit(
                        newcomer=request.user,
                        first_name=data["first_name"],
                        municipality=data["municipality"],
                        languages=data["languages"],
                        interests=data["interests"],
                        sector=data["sector"],
                        household=data["household"],
                        help_with=data["help_with"],
                        share_email=data["share_email"],
                        phone=data["phone"],
                        consent=data["consent"],
                        contact_language=interface_language(get_language()),
                    )
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    messages.success(request, _("Thank you! We are looking for an ambassador."))
                    return redirect("ambassadors:buddy")
        else:
            profile = getattr(request.user, "newcomer_profile", None)
            form = BuddyRequestForm(
                initial={
                    "first_name": request.user.first_name,
                    "municipality": profile.municipality_id if profile else None,
                    "household": selectors.household_of(profile),
                }
            )
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "ambassadors/buddy.html",
        {
            "form": form,
            "open_request": open_request,
            "current_match": selectors.current_match_of_newcomer(request.user),
            "past_matches": selectors.past_matches_of_newcomer(request.user),
        },
    )


@login_required
@require_POST
def buddy_withdraw(request: HttpRequest) -> HttpResponse:
    open_request = selectors.open_request_of(request.user)
    if open_request is None:
        raise Http404
    try:
        services.buddy_request_withdraw(request_id=open_request.pk, user=request.user)
        messages.success(request, _("Your request has been withdrawn."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("ambassadors:buddy")


# --- both sides of a match ---------------------------------------------------------------
@login_required
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    match = selectors.match_for_participant(pk, request.user)
    form = MessageForm()
    if request.method == "POST":
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                services.message_send(
                    match_id=match.pk, sender=request.user, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Your message has been sent."))
                return redirect("ambassadors:match", pk=match.pk)
    return render(
        request,
        "ambassadors/match.html",
        {
            "match": match,
            "partner": selectors.partner_card(match, request.user),
            "is_ambassador": match.ambassador.user_id == request.user.pk,
            "chat": selectors.messages_of(match),
            "form": form,
        },
    )


@login_required
def match_end(request: HttpRequest, pk: int) -> HttpResponse:
    match = selectors.match_for_participant(pk, request.user)
    role = services.participant_role(match, request.user)
    already_gave = match.feedback.filter(role=role).exists()
    if match.status == Match.Status.ENDED and already_gave:
        messages.info(request, _("Thank you, we already have your feedback."))
        return redirect("ambassadors:match", pk=match.pk)
    form = EndMatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if match.status == Match.Status.ACCEPTED:
                services.match_end(
                    match_id=match.pk,
                    user=request.user,
                    rating=data["rating"],
                    comment=data["comment"],
                )
                messages.success(request, _("The match has ended. Thank you for your feedback."))
            else:
                services.match_feedback_give(
                    match_id=match.pk,
                    user=request.user,
                    rating=data["rating"],
                    comment=data["comment"],
                )
                messages.success(request, _("Thank you for your feedback."))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("ambassadors:match", pk=match.pk)
    return render(request, "ambassadors/match_end.html", {"match": match, "form": form})


@login_required
def match_concern(request: HttpRequest, pk: int) -> HttpResponse:
    match = selectors.match_for_participant(pk, request.user)
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.concern_report(
                match_id=match.pk,
                reporter=request.user,
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you. Staff have been told and will contact you."))
            return redirect("ambassadors:match", pk=match.pk)
    return render(request, "ambassadors/match_concern.html", {"match": match, "form": form})
