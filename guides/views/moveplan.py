"""The newcomer's own page (/my/): the move plan, and a preview for visitors."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import select_template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from guides.forms import ProfileSituationForm, SituationForm, TickForm
from guides.selectors.moveplan import Situation, move_plan_build, move_plan_ticks
from guides.services import move_plan_step_set, newcomer_profile_save
from portal.models import NewcomerProfile

ENQUIRIES_PARTIAL = "enquiries/_my_enquiries.html"


def _profile(user) -> NewcomerProfile | None:
    return NewcomerProfile.objects.filter(user=user).select_related("municipality").first()


def _has_template(name: str) -> bool:
    try:
        select_template([name])
    except Exception:  # TemplateDoesNotExist: the enquiries part is optional
        return False
    return True


@require_safe
def my_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("guides:plan_preview")
    profile = _profile(request.user)
    situation = Situation.from_profile(profile)
    plan = move_plan_build(
        situation, ticked=move_plan_ticks(request.user), today=timezone.localdate()
    )
    return render(
        request,
        "guides/moveplan/my.html",
        {
            "profile": profile,
            "situation": situation,
            "plan": plan,
            "enquiries_template": ENQUIRIES_PARTIAL if _has_template(ENQUIRIES_PARTIAL) else "",
        },
    )


@login_required
@require_POST
def tick_step(request: HttpRequest) -> HttpResponse:
    form = TickForm(request.POST)
    if form.is_valid():
        move_plan_step_set(
            user=request.user,
            subject=form.cleaned_data["subject"],
            done=form.cleaned_data["done"],
        )
        if form.cleaned_data["done"]:
            messages.success(request, _("Step marked as done."))
        else:
            messages.success(request, _("Step marked as not done."))
        return redirect(f"{reverse('guides:my')}#step-{form.cleaned_data['subject']}")
    messages.error(request, _("That step could not be updated. Please try again."))
    return redirect("guides:my")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_situation(request: HttpRequest) -> HttpResponse:
    profile = _profile(request.user)
    if request.method == "POST":
        form = ProfileSituationForm(request.POST)
        if form.is_valid():
            newcomer_profile_save(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your situation is saved. Your move plan is updated."))
            return redirect("guides:my")
    else:
        initial = {}
        if profile:
            initial = {
                "citizenship": profile.citizenship,
                "has_partner": profile.has_partner,
                "children_count": profile.children_count,
                "municipality": profile.municipality.slug if profile.municipality else "",
                "planned_arrival": profile.planned_arrival,
                "works_in_healthcare": profile.works_in_healthcare,
                "starting_business": profile.starting_business,
                "coming_to_study": profile.coming_to_study,
            }
        form = ProfileSituationForm(initial=initial)
    return render(request, "guides/moveplan/situation.html", {"form": form})


@require_safe
def plan_preview(request: HttpRequest) -> HttpResponse:
    """A visitor's preview: choose a situation (GET form), see the plan, sign up to keep it."""
    submitted = bool(request.GET)
    form = SituationForm(request.GET if submitted else None)
    plan = None
    if submitted and form.is_valid():
        data = form.cleaned_data
        situation = Situation(
            citizenship=data["citizenship"],
            has_partner=data["has_partner"],
            has_children=data["children_count"] > 0,
            municipality=data["municipality"],
            works_in_healthcare=data["works_in_healthcare"],
            starting_business=data["starting_business"],
            coming_to_study=data["coming_to_study"],
        )
        plan = move_plan_build(situation, ticked=set(), today=timezone.localdate())
    return render(
        request,
        "guides/moveplan/preview.html",
        {"form": form if submitted else SituationForm(), "plan": plan},
    )
