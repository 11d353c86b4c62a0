"""Every figure of the dashboard, registered with ``insights.registry.figure``.

Each function reads what the models store today; see the README ("Insights") for
what each one means and what is not stored.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from django.db.models import Case, CharField, Exists, F, Min, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from ambassadors.models import Ambassador, AmbassadorLanguage, BuddyRequest, Match
from employers.models import Employer, Job, TrainingSeat
from enquiries.models import Enquiry, EnquiryEvent, RoutingDecision
from guides.models import Guide, GuideFeedback, GuideTranslation, MovePlanTick
from guides.models.guides import TranslationStatus
from guides.selectors.moveplan import Situation, move_plan_build
from hires.models import CheckIn, HireReferral
from insights.models import GuideViewDay
from insights.registry import (
    Fact,
    Kind,
    Span,
    bucketed,
    count_rows,
    figure,
    grouped,
    local_midnight,
    stocks,
)
from portal.models import NewcomerProfile

#: Age buckets (days, upper bound exclusive) of the open backlog.
BACKLOG_AGES: tuple[tuple[str, int], ...] = (
    ("0-1", 1),
    ("1-3", 3),
    ("3-7", 7),
    ("7-14", 14),
    ("14-30", 30),
    ("30+", 0),
)
#: A buddy match that ends within this many days of its start "ended early".
EARLY_END_DAYS = 120


# --- enquiries -------------------------------------------------------------------------------
@figure("enquiries.received", section="enquiries", label=_("Enquiries received"))
def enquiries_received(span: Span) -> Iterator[Fact]:
    return grouped(Enquiry.objects.all(), span, when="created_at")


@figure("enquiries.topic", section="enquiries", label=_("Enquiries by topic"), dimension="topic")
def enquiries_by_topic(span: Span) -> Iterator[Fact]:
    return grouped(Enquiry.objects.all(), span, when="created_at", category="topic_id")


@figure(
    "enquiries.language",
    section="enquiries",
    label=_("Enquiries by answer language"),
    dimension="language",
)
def enquiries_by_language(span: Span) -> Iterator[Fact]:
    return grouped(Enquiry.objects.all(), span, when="created_at", category="language")


@figure(
    "enquiries.country",
    section="enquiries",
    label=_("Enquiries by country of origin"),
    dimension="country",
)
def enquiries_by_country(span: Span) -> Iterator[Fact]:
    return grouped(
        Enquiry.objects.all(),
        span,
        when="created_at",
        category="user__newcomer_profile__country_of_origin",
    )


@figure("enquiries.responded", section="enquiries", label=_("First responses"))
def enquiries_responded(span: Span) -> Iterator[Fact]:
    return grouped(Enquiry.objects.all(), span, when="first_response_at")


@figure("enquiries.kept", section="enquiries", label=_("First responses within the promise"))
def enquiries_kept(span: Span) -> Iterator[Fact]:
    kept = Enquiry.objects.filter(
        Q(breached_at__isnull=True) | Q(breached_at__gt=F("first_response_at"))
    )
    return grouped(kept, span, when="first_response_at")


@figure(
    "enquiries.response_time",
    section="enquiries",
    label=_("First-response time"),
    kind=Kind.DURATION,
)
def enquiries_response_time(span: Span) -> Iterator[Fact]:
    return bucketed(Enquiry.objects.all(), span, when="first_response_at", since="created_at")


@figure("enquiries.breached", section="enquiries", label=_("Promises breached"))
def enquiries_breached(span: Span) -> Iterator[Fact]:
    return grouped(Enquiry.objects.all(), span, when="breached_at")


# Counted for the organisation that passed the enquiry on.
@figure(
    "enquiries.rerouted",
    section="enquiries",
    label=_("Re-routes"),
)
def enquiries_rerouted(span: Span) -> Iterator[Fact]:
    return grouped(
        RoutingDecision.objects.filter(kind=RoutingDecision.Kind.REROUTE),
        span,
        when="created_at",
        organisation="from_organisation_id",
        municipality="enquiry__municipality_id",
    )


@figure("enquiries.resolved", section="enquiries", label=_("Resolutions"))
def enquiries_resolved(span: Span) -> Iterator[Fact]:
    return grouped(
        EnquiryEvent.objects.filter(action=EnquiryEvent.Action.RESOLVED),
        span,
        when="created_at",
        municipality="enquiry__municipality_id",
    )


@figure("enquiries.reopened", section="enquiries", label=_("Reopened after a resolution"))
def enquiries_reopened(span: Span) -> Iterator[Fact]:
    earlier_resolution = EnquiryEvent.objects.filter(
        enquiry_id=OuterRef("enquiry_id"),
        action=EnquiryEvent.Action.RESOLVED,
        created_at__lt=OuterRef("created_at"),
    )
    answers = EnquiryEvent.objects.filter(
        Exists(earlier_resolution), action=EnquiryEvent.Action.NEWCOMER_ANSWERED
    )
    return grouped(answers, span, when="created_at", municipality="enquiry__municipality_id")


@figure(
    "enquiries.backlog",
    section="enquiries",
    label=_("Open enquiries by age (days)"),
    kind=Kind.STOCK,
    dimension="age",
)
def enquiries_backlog(span: Span) -> Iterator[Fact]:
    def at(moment: dt.datetime):
        open_then = Enquiry.objects.filter(created_at__lt=moment).filter(
            Q(resolved_at__isnull=True) | Q(resolved_at__gte=moment)
        )
        age = Case(
            *[
                When(created_at__gt=moment - dt.timedelta(days=upper), then=Value(label))
                for label, upper in BACKLOG_AGES[:-1]
            ],
            default=Value(BACKLOG_AGES[-1][0]),
            output_field=CharField(),
        )
        return count_rows(open_then.annotate(age=age), "organisation_id", "municipality_id", "age")

    return stocks(span, at)


# --- newcomers -------------------------------------------------------------------------------
SITUATION = "citizenship"


@figure(
    "newcomers.signups", section="newcomers", label=_("Newcomer sign-ups"), dimension="situation"
)
def newcomer_signups(span: Span) -> Iterator[Fact]:
    return grouped(
        NewcomerProfile.objects.all(),
        span,
        when="created_at",
        organisation=None,
        category=SITUATION,
    )


@figure(
    "newcomers.plans_started",
    section="newcomers",
    label=_("Move plans started"),
    dimension="situation",
)
def move_plans_started(span: Span) -> Iterator[Fact]:
    profile = "user__newcomer_profile__"
    firsts = (
        MovePlanTick.objects.values("user_id", f"{profile}municipality_id", f"{profile}{SITUATION}")
        .annotate(first=Min("done_at"))
        .filter(first__gte=span.start, first__lt=span.end)
        .order_by()
    )
    counts: Counter[tuple] = Counter()
    for row in firsts:
        day = row["first"].astimezone(local_midnight(span.first).tzinfo).date()
        counts[day, row[f"{profile}municipality_id"], row[f"{profile}{SITUATION}"] or ""] += 1
    for (day, muni, situation), n in sorted(counts.items(), key=str):
        yield Fact(day, None, muni, situation, n)


@figure(
    "newcomers.plans_completed",
    section="newcomers",
    label=_("Move plans completed"),
    dimension="situation",
)
def move_plans_completed(span: Span) -> Iterator[Fact]:
    """A plan is completed on the day its last open step was ticked: every step of the
    plan the newcomer's situation gives (the plan follows the profile) is ticked. Only
    newcomers who ticked something in the span can have completed it then: one plan is
    built per such newcomer (a few queries each; the refresh covers three days)."""
    zone = local_midnight(span.first).tzinfo
    users = (
        MovePlanTick.objects.filter(done_at__gte=span.start, done_at__lt=span.end)
        .values_list("user_id", flat=True)
        .distinct()
    )
    profiles = NewcomerProfile.objects.filter(user_id__in=users).select_related("municipality")
    counts: Counter[tuple] = Counter()
    for profile in profiles:
        ticks = dict(
            MovePlanTick.objects.filter(user_id=profile.user_id).values_list("subject", "done_at")
        )
        plan = move_plan_build(Situation.from_profile(profile), ticked=set(ticks), today=span.last)
        if not plan.total or plan.done < plan.total:
            continue
        subjects = [step.subject for stage in plan.stages for step in stage.steps]
        last = max(ticks[subject] for subject in subjects)
        if span.start <= last < span.end:
            day = last.astimezone(zone).date()
            counts[day, profile.municipality_id, getattr(profile, SITUATION) or ""] += 1
    for (day, muni, situation), n in sorted(counts.items(), key=str):
        yield Fact(day, None, muni, situation, n)


@figure(
    "newcomers.steps_done",
    section="newcomers",
    label=_("Move-plan steps ticked off"),
    dimension="situation",
)
def move_plan_steps(span: Span) -> Iterator[Fact]:
    return grouped(
        MovePlanTick.objects.all(),
        span,
        when="done_at",
        organisation=None,
        municipality="user__newcomer_profile__municipality_id",
        category=f"user__newcomer_profile__{SITUATION}",
    )


# --- ambassadors -----------------------------------------------------------------------------
def _active_ambassadors(moment: dt.datetime):
    return Ambassador.objects.filter(
        status=Ambassador.Status.APPROVED, is_paused=False, decided_at__lt=moment
    )


@figure("ambassadors.active", section="ambassadors", label=_("Active ambassadors"), kind=Kind.STOCK)
def ambassadors_active(span: Span) -> Iterator[Fact]:
    return stocks(
        span,
        lambda moment: count_rows(
            _active_ambassadors(moment), "organisation_id", "municipality_id", None
        ),
    )


@figure(
    "ambassadors.languages",
    section="ambassadors",
    label=_("Active ambassadors by language they speak"),
    kind=Kind.STOCK,
    dimension="language",
)
def ambassadors_by_language(span: Span) -> Iterator[Fact]:
    def at(moment):
        spoken = AmbassadorLanguage.objects.filter(ambassador__in=_active_ambassadors(moment))
        return count_rows(
            spoken, "ambassador__organisation_id", "ambassador__municipality_id", "code"
        )

    return stocks(span, at)


@figure(
    "ambassadors.waiting", section="ambassadors", label=_("Buddy requests waiting"), kind=Kind.STOCK
)
def buddy_requests_waiting(span: Span) -> Iterator[Fact]:
    def at(moment):
        waiting = BuddyRequest.objects.filter(waiting_since__lt=moment).filter(
            Q(matched_at__isnull=True) | Q(matched_at__gte=moment),
            Q(closed_at__isnull=True) | Q(closed_at__gte=moment),
        )
        return count_rows(waiting, "organisation_id", "municipality_id", None)

    return stocks(span, at)


@figure("ambassadors.requests", section="ambassadors", label=_("Buddy requests made"))
def buddy_requests(span: Span) -> Iterator[Fact]:
    return grouped(BuddyRequest.objects.all(), span, when="created_at")


@figure("ambassadors.matched", section="ambassadors", label=_("Buddy requests matched"))
def buddy_requests_matched(span: Span) -> Iterator[Fact]:
    return grouped(BuddyRequest.objects.all(), span, when="matched_at")


@figure(
    "ambassadors.time_to_match",
    section="ambassadors",
    label=_("Time to a match"),
    kind=Kind.DURATION,
)
def time_to_match(span: Span) -> Iterator[Fact]:
    return bucketed(BuddyRequest.objects.all(), span, when="matched_at", since="created_at")


@figure(
    "ambassadors.ended_early", section="ambassadors", label=_("Matches ended within four months")
)
def matches_ended_early(span: Span) -> Iterator[Fact]:
    early = Match.objects.filter(
        status=Match.Status.ENDED,
        responded_at__isnull=False,
        ended_at__lt=F("responded_at") + dt.timedelta(days=EARLY_END_DAYS),
    )
    return grouped(
        early,
        span,
        when="ended_at",
        organisation="request__organisation_id",
        municipality="request__municipality_id",
    )


# --- employers (organisations, not people: not suppressed) ----------------------------------
@figure(
    "employers.members",
    section="employers",
    label=_("Employer network members"),
    kind=Kind.STOCK,
    dimension="sector",
    people=False,
)
def network_members(span: Span) -> Iterator[Fact]:
    def at(moment):
        members = Employer.objects.filter(
            status=Employer.Status.APPROVED, is_network_member=True, created_at__lt=moment
        )
        return count_rows(members, "organisation_id", "municipality_id", "sector")

    return stocks(span, at)


def _published_jobs():
    return Job.objects.filter(published_at__isnull=False)


@figure(
    "employers.jobs",
    section="employers",
    label=_("Job ads published by sector"),
    dimension="sector",
    people=False,
)
def jobs_by_sector(span: Span) -> Iterator[Fact]:
    return grouped(
        _published_jobs(),
        span,
        when="published_at",
        organisation="employer__organisation_id",
        category="occupation__sector",
    )


@figure(
    "employers.jobs_occupation",
    section="employers",
    label=_("Job ads published by occupation"),
    dimension="occupation",
    people=False,
)
def jobs_by_occupation(span: Span) -> Iterator[Fact]:
    return grouped(
        _published_jobs(),
        span,
        when="published_at",
        organisation="employer__organisation_id",
        category="occupation__ssyk",
    )


@figure(
    "employers.no_swedish",
    section="employers",
    label=_("Job ads with no Swedish required"),
    people=False,
)
def jobs_no_swedish(span: Span) -> Iterator[Fact]:
    return grouped(
        _published_jobs().filter(swedish_level=Job.Level.NONE),
        span,
        when="published_at",
        organisation="employer__organisation_id",
    )


@figure(
    "employers.trained",
    section="employers",
    label=_("Employers who attended the training (so far)"),
    kind=Kind.STOCK,
    people=False,
)
def employers_trained(span: Span) -> Iterator[Fact]:
    def at(moment):
        trained = Employer.objects.filter(
            Exists(TrainingSeat.objects.filter(employer=OuterRef("pk"), attended_at__lt=moment))
        )
        return count_rows(trained, "organisation_id", "municipality_id", None)

    return stocks(span, at)


# --- guides (counts of page views and anonymous answers: no person behind them) -------------
@figure("guides.views", section="guides", label=_("Guide views"), dimension="guide", people=False)
def guide_views(span: Span) -> Iterator[Fact]:
    rows = (
        GuideViewDay.objects.filter(date__gte=span.first, date__lte=span.last)
        .values("date", "guide__organisation_id", "guide__municipality_id", "guide_id")
        .annotate(n=_sum_count())
        .order_by()
    )
    for row in rows:
        yield Fact(
            row["date"],
            row["guide__organisation_id"],
            row["guide__municipality_id"],
            str(row["guide_id"]),
            row["n"],
        )


@figure(
    "guides.views_language",
    section="guides",
    label=_("Guide views by language"),
    dimension="language",
    people=False,
)
def guide_views_by_language(span: Span) -> Iterator[Fact]:
    rows = (
        GuideViewDay.objects.filter(date__gte=span.first, date__lte=span.last)
        .values("date", "guide__organisation_id", "guide__municipality_id", "language")
        .annotate(n=_sum_count())
        .order_by()
    )
    for row in rows:
        yield Fact(
            row["date"],
            row["guide__organisation_id"],
            row["guide__municipality_id"],
            row["language"],
            row["n"],
        )


def _sum_count():
    from django.db.models import Sum

    return Sum("count")


@figure(
    "guides.helpful",
    section="guides",
    label=_("“Was this helpful?”: yes"),
    dimension="language",
    people=False,
)
def guides_helpful(span: Span) -> Iterator[Fact]:
    return grouped(
        GuideFeedback.objects.filter(helpful=True),
        span,
        when="created_at",
        organisation="guide__organisation_id",
        municipality="guide__municipality_id",
        category="language",
    )


@figure(
    "guides.feedback",
    section="guides",
    label=_("“Was this helpful?”: answers"),
    dimension="language",
    people=False,
)
def guides_feedback(span: Span) -> Iterator[Fact]:
    return grouped(
        GuideFeedback.objects.all(),
        span,
        when="created_at",
        organisation="guide__organisation_id",
        municipality="guide__municipality_id",
        category="language",
    )


@figure(
    "guides.published", section="guides", label=_("Published guides"), kind=Kind.STOCK, people=False
)
def guides_published(span: Span) -> Iterator[Fact]:
    # Today's state for every day of the span: guides keep no publication history.
    rows = list(
        count_rows(Guide.objects.filter(published=True), "organisation_id", "municipality_id", None)
    )
    return stocks(span, lambda moment: rows)


@figure(
    "guides.translated",
    section="guides",
    label=_("Published guides translated (up to date) per language"),
    kind=Kind.STOCK,
    dimension="language",
    people=False,
)
def guides_translated(span: Span) -> Iterator[Fact]:
    translated = GuideTranslation.objects.filter(
        guide__published=True, status=TranslationStatus.UP_TO_DATE
    )
    rows = list(
        count_rows(translated, "guide__organisation_id", "guide__municipality_id", "language")
    )
    return stocks(span, lambda moment: rows)


# --- international hires (issue 18: people, suppressed) --------------------------------------
@figure("employers.hires", section="employers", label=_("Hires referred"), dimension="sector")
def hires_referred(span: Span) -> Iterator[Fact]:
    return grouped(
        HireReferral.objects.all(),
        span,
        when="created_at",
        organisation="employer__organisation_id",
        category="employer__sector",
    )


@figure(
    "employers.hires_accepted",
    section="employers",
    label=_("Invitations accepted"),
    dimension="sector",
)
def hires_accepted(span: Span) -> Iterator[Fact]:
    return grouped(
        HireReferral.objects.filter(accepted_at__isnull=False),
        span,
        when="accepted_at",
        organisation="employer__organisation_id",
        category="employer__sector",
    )


def _employer_answers():
    """The employers' check-in answers: one per hire and milestone ("is the hire still
    with you?"), so a person is counted once at each milestone."""
    return CheckIn.objects.filter(
        respondent=CheckIn.Respondent.EMPLOYER,
        answered_at__isnull=False,
        still_here__isnull=False,
    )


@figure(
    "employers.checkins",
    section="employers",
    label=_("Check-in answers by months after the start"),
    dimension="milestone",
)
def check_in_answers(span: Span) -> Iterator[Fact]:
    return grouped(
        _employer_answers(),
        span,
        when="answered_at",
        organisation="referral__employer__organisation_id",
        municipality="referral__municipality_id",
        category="months",
    )


@figure(
    "employers.still_here",
    section="employers",
    label=_("Hires still here by months after the start"),
    dimension="milestone",
)
def hires_still_here(span: Span) -> Iterator[Fact]:
    return grouped(
        _employer_answers().filter(still_here=True),
        span,
        when="answered_at",
        organisation="referral__employer__organisation_id",
        municipality="referral__municipality_id",
        category="months",
    )
