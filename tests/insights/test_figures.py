"""Every figure against the seeded data set (tests/insights/conftest.py), exact numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Sum

from insights.models import DailyFact
from insights.registry import FIGURES

pytestmark = pytest.mark.django_db
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
FEBRUARY = (dt.date(2026, 2, 1), dt.date(2026, 2, 28))


def total(metric, period=MARCH, **filters):
    facts = DailyFact.objects.filter(metric=metric, date__range=period, **filters)
    return facts.aggregate(n=Sum("count"))["n"] or 0


def by(metric, field, period=MARCH, **filters):
    rows = (
        DailyFact.objects.filter(metric=metric, date__range=period, **filters)
        .values(field)
        .annotate(n=Sum("count"))
        .order_by(field)
    )
    return {row[field]: row["n"] for row in rows}


def on(metric, day, **filters):
    return total(metric, (day, day), **filters)


def test_enquiries(seeded, ostersunds_kommun, are_kommun, region, ostersund, are):
    assert total("enquiries.received") == 21
    assert total("enquiries.received", FEBRUARY) == 13
    assert by("enquiries.received", "municipality_id") == {ostersund.pk: 12, are.pk: 9}
    assert by("enquiries.received", "organisation_id") == {
        ostersunds_kommun.pk: 12,
        are_kommun.pk: 3,
        region.pk: 6,
    }
    schools, health = seeded["schools"], seeded["health"]
    assert by("enquiries.topic", "category") == {str(schools.pk): 11, str(health.pk): 10}
    assert by("enquiries.language", "category") == {"ar": 2, "en": 19}
    assert by("enquiries.country", "category") == {"": 21}
    assert total("enquiries.responded") == 12
    assert total("enquiries.kept") == 10
    assert by("enquiries.response_time", "category") == {"120": 10, "2160": 2}
    assert total("enquiries.breached") == 2
    assert by("enquiries.rerouted", "organisation_id") == {are_kommun.pk: 1}
    assert total("enquiries.resolved") == 10
    assert total("enquiries.reopened") == 1
    # At the end of 31 March every enquiry is open: 21 from 10 March (21 days old),
    # 13 from 10 February (49 days).
    assert by("enquiries.backlog", "category", (MARCH[1], MARCH[1])) == {"14-30": 21, "30+": 13}


def test_newcomers(seeded, ostersund, are):
    assert total("newcomers.signups") == 7
    assert total("newcomers.signups", FEBRUARY) == 5
    assert by("newcomers.signups", "category") == {"eu_eea": 5, "non_eu": 2}
    assert by("newcomers.signups", "municipality_id") == {ostersund.pk: 6, are.pk: 1}
    assert total("newcomers.plans_started") == 6
    assert total("newcomers.steps_done") == 12


def test_ambassadors(seeded, ostersunds_kommun):
    assert on("ambassadors.active", MARCH[1]) == 6
    assert by("ambassadors.languages", "category", (MARCH[1], MARCH[1])) == {"ar": 2, "en": 6}
    assert on("ambassadors.waiting", MARCH[1]) == 2
    assert total("ambassadors.requests") == 12
    assert total("ambassadors.matched") == 10
    assert by("ambassadors.time_to_match", "category") == {"4320": 10}  # exactly 3 days
    assert total("ambassadors.ended_early") == 0


def test_employers(seeded):
    assert by("employers.members", "category", (MARCH[1], MARCH[1])) == {"healthcare": 3}
    assert by("employers.jobs", "category") == {"healthcare": 2}
    assert by("employers.jobs_occupation", "category") == {"2221": 2}
    assert total("employers.no_swedish") == 1
    assert on("employers.trained", MARCH[1]) == 1
    assert on("employers.trained", dt.date(2026, 3, 9)) == 0


def test_international_hires(seeded, ostersunds_kommun, ostersund):
    assert by("employers.hires", "category") == {"healthcare": 6}
    assert by("employers.hires", "organisation_id") == {ostersunds_kommun.pk: 6}
    assert total("employers.hires", FEBRUARY) == 0
    assert by("employers.hires_accepted", "category") == {"healthcare": 5}
    # One answer per hire and milestone (the employer's); the hire's own is not counted.
    assert by("employers.checkins", "category") == {"3": 6}
    assert by("employers.still_here", "category") == {"3": 5}
    assert by("employers.still_here", "municipality_id") == {ostersund.pk: 5}


def test_guides(seeded):
    guide = seeded["guide"]
    assert by("guides.views", "category") == {str(guide.pk): 43}
    assert by("guides.views_language", "category") == {"ar": 3, "en": 40}
    assert total("guides.helpful") == 3
    assert total("guides.feedback") == 4
    assert on("guides.published", MARCH[1]) == 1
    assert by("guides.translated", "category", (MARCH[1], MARCH[1]))["en"] == 1


def test_every_figure_is_tested():
    tested = {
        "enquiries.received",
        "enquiries.topic",
        "enquiries.language",
        "enquiries.country",
        "enquiries.responded",
        "enquiries.kept",
        "enquiries.response_time",
        "enquiries.breached",
        "enquiries.rerouted",
        "enquiries.resolved",
        "enquiries.reopened",
        "enquiries.backlog",
        "newcomers.signups",
        "newcomers.plans_started",
        "newcomers.plans_completed",
        "newcomers.steps_done",
        "ambassadors.active",
        "ambassadors.languages",
        "ambassadors.waiting",
        "ambassadors.requests",
        "ambassadors.matched",
        "ambassadors.time_to_match",
        "ambassadors.ended_early",
        "employers.members",
        "employers.jobs",
        "employers.jobs_occupation",
        "employers.no_swedish",
        "employers.trained",
        "employers.hires",
        "employers.hires_accepted",
        "employers.checkins",
        "employers.still_here",
        "guides.views",
        "guides.views_language",
        "guides.helpful",
        "guides.feedback",
        "guides.published",
        "guides.translated",
    }
    assert set(FIGURES) == tested


def test_refresh_is_idempotent(seeded):
    from insights.services import insights_refresh

    before = DailyFact.objects.count()
    insights_refresh(first=dt.date(2026, 3, 1), last=dt.date(2026, 3, 31))
    assert DailyFact.objects.count() == before
    assert total("enquiries.received") == 21


def test_a_move_plan_is_completed_on_the_day_its_last_step_is_ticked(clock, ostersund):
    from guides.models import MovePlanTick, Stage
    from insights.services import insights_refresh
    from tests.guides.factories import GuideFactory
    from tests.portal.factories import NewcomerProfileFactory

    GuideFactory(subject="id-card", applies_to=[], stage=Stage.FIRST_WEEKS)
    GuideFactory(subject="bank", applies_to=[], stage=Stage.FIRST_WEEKS)
    # A licence guide that does not apply to these readers: not needed to complete.
    GuideFactory(subject="licence", applies_to=["health_professionals"], stage=Stage.BEFORE_MOVING)
    done = NewcomerProfileFactory(municipality=ostersund, citizenship="non_eu")
    halfway = NewcomerProfileFactory(municipality=ostersund, citizenship="non_eu")
    ticks = [
        (done.user, "id-card", dt.datetime(2026, 2, 20, 10, tzinfo=dt.UTC)),
        (done.user, "bank", dt.datetime(2026, 3, 12, 10, tzinfo=dt.UTC)),
        (halfway.user, "bank", dt.datetime(2026, 3, 12, 11, tzinfo=dt.UTC)),
    ]
    for user, subject, when in ticks:
        tick = MovePlanTick.objects.create(user=user, subject=subject)
        MovePlanTick.objects.filter(pk=tick.pk).update(done_at=when)

    insights_refresh(first=dt.date(2026, 2, 1), last=dt.date(2026, 3, 31))
    assert total("newcomers.plans_completed", FEBRUARY) == 0
    assert on("newcomers.plans_completed", dt.date(2026, 3, 12)) == 1
    assert by("newcomers.plans_completed", "category") == {"non_eu": 1}
    assert by("newcomers.plans_completed", "municipality_id") == {ostersund.pk: 1}
