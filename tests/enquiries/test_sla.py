"""Response-time promises in business hours, with time frozen (time-machine)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from enquiries.business_hours import (
    add_business_hours,
    business_time_between,
    is_business_day,
)
from enquiries.models import Enquiry
from enquiries.services.routing import enquiry_route
from enquiries.services.sla import enquiry_check_deadlines, sla_pause, sla_resume, sla_start
from enquiries.services.submission import enquiry_newcomer_answer
from enquiries.services.triage import enquiry_mark_waiting, enquiry_reply
from enquiries.tasks import check_enquiry_deadlines
from notifications.models import OutboundEmail
from portal.models import StaffMembership
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    EnquiryFactory,
    healthcare_fixture,
    routing_fixture,
    schools_fixture,
)
from tests.portal.factories import StaffMembershipFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = timezone.get_default_timezone()


def local(*args) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM)


@pytest.fixture
def are_coordinator(are_kommun):
    return StaffMembershipFactory(
        user=StaffUserFactory(email="coordinator@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.COORDINATOR,
    ).user


def routed_at(moment: datetime, topic, municipality) -> Enquiry:
    with time_machine.travel(moment, tick=False):
        enquiry = EnquiryFactory(topic=topic, municipality=municipality, language="ar")
        enquiry_route(enquiry_id=enquiry.pk)
    enquiry.refresh_from_db()
    return enquiry


def breach_emails(enquiry) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(key__startswith=f"enquiry:{enquiry.pk}:breach:"))


def test_a_swedish_public_holiday_is_not_counted():
    # Wednesday 13 May 2026 15:00; Thursday 14 May is Ascension Day (Kristi himmelsfärdsdag).
    due = add_business_hours(local(2026, 5, 13, 15, 0), 16)
    assert not is_business_day(local(2026, 5, 14).date())
    assert due == local(2026, 5, 18, 14, 0)


def test_midsummer_eve_is_not_a_business_day():
    assert not is_business_day(local(2026, 6, 19).date())


def test_weekends_are_not_counted():
    assert add_business_hours(local(2026, 11, 20, 16, 0), 1) == local(2026, 11, 23, 8, 30)


def test_a_promise_started_outside_office_hours_starts_counting_at_opening():
    assert add_business_hours(local(2026, 11, 23, 6, 0), 2) == local(2026, 11, 23, 10, 0)


def test_the_breach_notice_fires_within_60_seconds_of_the_promised_time(
    routing, schools, are, staff_of_are, are_coordinator, region
):
    enquiry = routed_at(local(2026, 5, 13, 15, 0), schools, are)
    assert enquiry.due_at == local(2026, 5, 18, 14, 0)  # the holiday was not counted
    # Beat runs the check every minute, starting at an arbitrary second.
    tick = enquiry.due_at - timedelta(minutes=5, seconds=17)
    fired_at = None
    while tick < enquiry.due_at + timedelta(minutes=5):
        with time_machine.travel(tick, tick=False):
            check_enquiry_deadlines.delay()
        if breach_emails(enquiry):
            fired_at = tick
            break
        tick += timedelta(minutes=1)
    assert fired_at is not None
    assert timedelta(0) <= fired_at - enquiry.due_at < timedelta(seconds=60)


def test_no_breach_notice_before_the_promised_time(routing, schools, are, staff_of_are):
    enquiry = routed_at(local(2026, 11, 23, 9, 0), schools, are)
    enquiry_check_deadlines(now=enquiry.due_at - timedelta(seconds=1))
    assert breach_emails(enquiry) == []


def test_a_breach_notifies_the_coordinators_and_the_county_desk_and_flags_the_enquiry(
    routing, schools, are, staff_of_are, are_coordinator, region
):
    enquiry = routed_at(local(2026, 11, 23, 9, 0), schools, are)
    run = enquiry_check_deadlines(now=enquiry.due_at + timedelta(seconds=5))
    enquiry.refresh_from_db()
    assert run.breached == 1
    assert enquiry.breached_at is not None
    recipients = sorted(email.recipient for email in breach_emails(enquiry))
    assert recipients == ["coordinator@are.example.org", "countydesk@region.example.org"]


def test_the_handler_is_warned_before_a_breach(routing, schools, are, staff_of_are):
    enquiry = routed_at(local(2026, 11, 23, 9, 0), schools, are)
    enquiry_check_deadlines(now=enquiry.due_at - timedelta(minutes=30))
    warning = OutboundEmail.objects.get(key__startswith=f"enquiry:{enquiry.pk}:warning:")
    assert warning.recipient == "handler@are.example.org"
    assert breach_emails(enquiry) == []


def test_the_check_catches_up_after_downtime(routing, schools, are, staff_of_are, region):
    enquiry = routed_at(local(2026, 11, 23, 9, 0), schools, are)
    run = enquiry_check_deadlines(now=enquiry.due_at + timedelta(days=3))
    assert run.breached == 1
    assert breach_emails(enquiry)


def test_a_breach_is_notified_once_however_often_the_check_runs(
    routing, schools, are, staff_of_are, region
):
    enquiry = routed_at(local(2026, 11, 23, 9, 0), schools, are)
    for minutes in range(5):
        enquiry_check_deadlines(now=enquiry.due_at + timedelta(minutes=minutes))
    assert len(breach_emails(enquiry)) == 1  # the county desk (no coordinator in Åre here)


def test_the_clock_pauses_while_waiting_for_the_newcomer(
    routing, schools, are, staff_of_are, region
):
    enquiry = routed_at(local(2026, 11, 23, 9, 0), schools, are)
    due = enquiry.due_at
    enquiry_mark_waiting(enquiry=enquiry, actor=staff_of_are)
    run = enquiry_check_deadlines(now=due + timedelta(days=2))
    assert run.breached == 0
    assert breach_emails(enquiry) == []


def test_after_a_pause_the_clock_resumes_with_the_time_the_promise_had_left(
    routing, schools, are, staff_of_are, region
):
    # Monday 23 Nov 09:00 + 16 business hours (08:00-16:30) → Tuesday 16:30.
    enquiry = routed_at(local(2026, 11, 23, 9, 0), schools, are)
    assert enquiry.due_at == local(2026, 11, 24, 16, 30)
    # Paused on Monday at 11:00: 2 business hours used, 14 left.
    with time_machine.travel(local(2026, 11, 23, 11, 0), tick=False):
        enquiry_mark_waiting(enquiry=enquiry, actor=staff_of_are)
    enquiry.refresh_from_db()
    assert enquiry.due_at is None
    assert enquiry.sla_paused_remaining == timedelta(hours=14)
    # The newcomer answers on Thursday at 10:00; the waiting days do not count.
    with time_machine.travel(local(2026, 11, 26, 10, 0), tick=False):
        enquiry_newcomer_answer(enquiry=enquiry, body="Here is the document you asked for.")
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.OPEN
    # 14 h from Thursday 10:00: 6.5 h + 7.5 h on Friday → Friday 15:30.
    assert enquiry.due_at == local(2026, 11, 27, 15, 30)
    assert enquiry.sla_cycle == 1  # the same promise, not a new one
    assert enquiry.sla_paused_remaining is None


def test_a_promise_breached_before_the_pause_is_not_breached_twice(
    routing, schools, are, staff_of_are, region
):
    enquiry = routed_at(local(2026, 11, 23, 9, 0), schools, are)
    enquiry_check_deadlines(now=enquiry.due_at + timedelta(minutes=1))
    assert len(breach_emails(enquiry)) == 1
    with time_machine.travel(local(2026, 11, 25, 9, 0), tick=False):
        enquiry_mark_waiting(enquiry=enquiry, actor=staff_of_are)
    enquiry.refresh_from_db()
    assert enquiry.sla_paused_remaining == timedelta(0)
    with time_machine.travel(local(2026, 11, 26, 10, 0), tick=False):
        enquiry_newcomer_answer(enquiry=enquiry, body="Any news?")
    enquiry.refresh_from_db()
    assert enquiry.due_at == local(2026, 11, 26, 10, 0)
    assert enquiry.breached_at is not None
    enquiry_check_deadlines(now=local(2026, 11, 26, 10, 5))
    assert len(breach_emails(enquiry)) == 1


def test_business_time_between_is_the_inverse_of_adding_business_hours():
    start = local(2026, 12, 23, 14, 0)  # Christmas Eve, Christmas and Boxing Day closed
    for hours in (0.5, 2, 8.5, 16, 40):
        assert business_time_between(start, add_business_hours(start, hours)) == timedelta(
            hours=hours
        )
    assert business_time_between(start, start - timedelta(hours=1)) == timedelta(0)


def test_a_reply_stops_the_clock_and_the_newcomers_answer_restarts_it(
    routing, schools, are, staff_of_are, region
):
    enquiry = routed_at(local(2026, 11, 23, 9, 0), schools, are)
    enquiry_reply(enquiry=enquiry, body="Here is how.", actor=staff_of_are)
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.WAITING
    assert enquiry.due_at is None
    with time_machine.travel(local(2026, 11, 25, 10, 0), tick=False):
        enquiry_newcomer_answer(enquiry=enquiry, body="Thank you, one more question.")
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.OPEN
    # 16 business hours from Wednesday 10:00: 6.5 h + 8.5 h + 1 h → Friday 09:00.
    assert enquiry.due_at == local(2026, 11, 27, 9, 0)
    assert enquiry.sla_cycle == 2


# --- the clock API -------------------------------------------------------------------------
def test_the_clock_starts_a_promise_of_the_organisations_response_time(are_kommun):
    are_kommun.response_time_hours = 8
    enquiry = Enquiry(organisation=are_kommun, sla_cycle=1)
    sla_start(enquiry, local(2027, 3, 1, 9, 0))  # a Monday; the office closes at 16:30
    assert enquiry.due_at == local(2027, 3, 2, 8, 30)
    assert enquiry.sla_cycle == 2


def test_a_paused_clock_keeps_the_time_left_and_gives_it_back_on_resuming(are_kommun):
    are_kommun.response_time_hours = 8
    enquiry = Enquiry(organisation=are_kommun, sla_cycle=0)
    sla_start(enquiry, local(2027, 3, 1, 9, 0))
    sla_pause(enquiry, local(2027, 3, 1, 12, 0))
    assert enquiry.due_at is None
    assert enquiry.sla_paused_remaining == timedelta(hours=5)
    sla_resume(enquiry, local(2027, 3, 3, 9, 0))
    assert enquiry.due_at == local(2027, 3, 3, 14, 0)
    assert enquiry.sla_paused_remaining is None
    assert enquiry.sla_cycle == 1  # the same promise goes on
