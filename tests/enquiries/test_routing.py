"""Submitting and routing enquiries (embedded tier: SQLite, eager Celery)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation

from enquiries import tasks
from enquiries.models import Enquiry, EnquiryEvent, RoutingDecision
from enquiries.services.routing import enquiry_route, handler_for
from enquiries.services.submission import enquiry_submit, enquiry_sweep_unrouted
from notifications import tasks as notification_tasks
from notifications.models import OutboundEmail
from portal.models import Organisation, StaffMembership
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    EnquiryFactory,
    RoutedEnquiryFactory,
    RoutingRuleFactory,
    TopicFactory,
    healthcare_fixture,
    routing_fixture,
    schools_fixture,
)
from tests.portal.factories import StaffMembershipFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def submit(topic, municipality, language="en", email="newcomer@example.org"):
    return enquiry_submit(
        topic=topic,
        municipality=municipality,
        language=language,
        message="Which school can my daughter go to?",
        contact_email=email,
    )


def test_a_submitted_enquiry_is_saved_to_be_routed_before_anything_else_happens(
    routing, schools, are
):
    enquiry = submit(schools, are)
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.TO_ROUTE
    assert enquiry.organisation is None
    assert len(enquiry.reference) == 10


def test_the_enquiry_is_routed_after_the_commit(
    routing, schools, are, are_kommun, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enquiry = submit(schools, are)
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.OPEN
    assert enquiry.organisation == are_kommun


def test_the_most_specific_rule_wins_over_a_higher_priority_general_rule(
    routing, schools, are, are_kommun, region
):
    RoutingRuleFactory(topic=schools, organisation=region, priority=100)
    enquiry = EnquiryFactory(topic=schools, municipality=are)
    decision = enquiry_route(enquiry_id=enquiry.pk)
    assert decision.organisation == are_kommun
    assert decision.rule == routing["are_schools"]


def test_among_equally_specific_rules_the_highest_priority_wins(
    routing, schools, are, ostersunds_kommun
):
    RoutingRuleFactory(topic=schools, municipality=are, organisation=ostersunds_kommun, priority=5)
    decision = enquiry_route(enquiry_id=EnquiryFactory(topic=schools, municipality=are).pk)
    assert decision.organisation == ostersunds_kommun


def test_a_language_rule_matches_only_that_language(routing, schools, are, ostersunds_kommun):
    RoutingRuleFactory(
        topic=schools, municipality=are, language="fa", organisation=ostersunds_kommun
    )
    arabic = enquiry_route(
        enquiry_id=EnquiryFactory(topic=schools, municipality=are, language="ar").pk
    )
    persian = enquiry_route(
        enquiry_id=EnquiryFactory(topic=schools, municipality=are, language="fa").pk
    )
    assert arabic.organisation.slug == "are-kommun"
    assert persian.organisation == ostersunds_kommun


def test_an_enquiry_no_rule_matches_goes_to_the_county_desk(routing, region, are):
    other_topic = TopicFactory(slug="starting-business")
    decision = enquiry_route(enquiry_id=EnquiryFactory(topic=other_topic, municipality=are).pk)
    assert decision.organisation == region
    assert decision.kind == RoutingDecision.Kind.FALLBACK
    assert decision.facts["rule"] is None
    with translation.override("en"):
        assert "No routing rule matched" in decision.reason_shown()


def test_an_undecided_municipality_only_matches_rules_without_one(routing, schools, region):
    decision = enquiry_route(enquiry_id=EnquiryFactory(topic=schools, municipality=None).pk)
    assert decision.organisation == region


def test_the_decision_records_rule_reason_time_and_task(routing, schools, are):
    enquiry = EnquiryFactory(topic=schools, municipality=are)
    decision = enquiry_route(enquiry_id=enquiry.pk, task_id="task-123")
    assert decision.rule == routing["are_schools"]
    assert decision.facts["rule"] == routing["are_schools"].pk
    assert decision.task_id == "task-123"
    assert decision.created_at is not None


def test_routing_twice_records_one_decision_and_sends_each_email_once(
    routing, schools, are, staff_of_are, django_capture_on_commit_callbacks
):
    enquiry = EnquiryFactory(topic=schools, municipality=are, language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        first = enquiry_route(enquiry_id=enquiry.pk)
        second = enquiry_route(enquiry_id=enquiry.pk)
    assert first is not None
    assert second is None
    assert RoutingDecision.objects.filter(enquiry=enquiry).count() == 1
    assert OutboundEmail.objects.filter(enquiry=enquiry).count() == 2  # organisation, handler
    assert len(mail.outbox) == 2


def test_the_handler_speaking_the_language_with_fewest_open_enquiries_is_assigned(
    are_kommun, staff_of_are
):
    busy = staff_of_are
    free = StaffMembershipFactory(
        user=StaffUserFactory(email="free@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.HANDLER,
        languages=["ar"],
    ).user
    StaffMembershipFactory(
        user=StaffUserFactory(email="swedish-only@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.HANDLER,
        languages=["sv"],
    )
    RoutedEnquiryFactory(organisation=are_kommun, assignee=busy)
    assert handler_for(organisation=are_kommun, language="ar") == free


def test_resolved_enquiries_do_not_count_as_load(are_kommun, staff_of_are):
    RoutedEnquiryFactory(
        organisation=are_kommun, assignee=staff_of_are, status=Enquiry.Status.RESOLVED
    )
    other = StaffMembershipFactory(
        user=StaffUserFactory(email="other@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.HANDLER,
        languages=["ar"],
    ).user
    assert other.pk > staff_of_are.pk
    assert handler_for(organisation=are_kommun, language="ar") == staff_of_are


def test_nobody_is_assigned_when_no_handler_speaks_the_language(are_kommun, staff_of_are):
    assert handler_for(organisation=are_kommun, language="uk") is None


def test_an_organisation_may_leave_enquiries_unassigned_for_manual_pick(
    routing, schools, are, are_kommun, staff_of_are
):
    are_kommun.enquiry_assignment = Organisation.AssignmentMode.UNASSIGNED
    are_kommun.save()
    enquiry = EnquiryFactory(topic=schools, municipality=are, language="ar")
    enquiry_route(enquiry_id=enquiry.pk)
    enquiry.refresh_from_db()
    assert enquiry.assignee is None


def test_routing_notifies_the_organisation_and_the_assignee(
    routing, schools, are, staff_of_are, django_capture_on_commit_callbacks
):
    enquiry = EnquiryFactory(topic=schools, municipality=are, language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_route(enquiry_id=enquiry.pk)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["handler@are.example.org", "international@are.example.org"]


def test_the_confirmation_email_is_in_the_chosen_language_with_a_signed_link(
    routing, schools, are, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enquiry = submit(schools, are, language="ar")
    confirmation = OutboundEmail.objects.get(key=f"enquiry:{enquiry.pk}:confirmation")
    assert confirmation.language == "ar"
    assert f"/ar/enquiries/{enquiry.reference}/?t=" in confirmation.body
    assert confirmation.state == OutboundEmail.State.SENT
    assert any(m.to == ["newcomer@example.org"] for m in mail.outbox)


def test_a_broker_failure_does_not_fail_the_submission(
    routing, schools, are, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.route_enquiry, "apply_async", broker_down)
    monkeypatch.setattr(notification_tasks.send_email, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        enquiry = submit(schools, are)
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.TO_ROUTE
    assert OutboundEmail.objects.get(enquiry=enquiry).state == OutboundEmail.State.PENDING


def test_the_sweep_routes_what_the_broker_never_got_after_the_lease(
    routing, schools, are, are_kommun, django_capture_on_commit_callbacks
):
    enquiry = EnquiryFactory(topic=schools, municipality=are)
    Enquiry.objects.filter(pk=enquiry.pk).update(
        dispatched_at=timezone.now() - timedelta(minutes=5)
    )
    with django_capture_on_commit_callbacks(execute=True):
        swept = enquiry_sweep_unrouted(lease_seconds=60)
    enquiry.refresh_from_db()
    assert swept == 1
    assert enquiry.organisation == are_kommun
    assert enquiry.dispatch_attempts == 1


def test_the_sweep_leaves_enquiries_whose_lease_has_not_run_out(routing, schools, are):
    EnquiryFactory(topic=schools, municipality=are)
    assert enquiry_sweep_unrouted(lease_seconds=60) == 0


def test_the_sweep_never_touches_routed_enquiries(routing, schools, are, are_kommun):
    RoutedEnquiryFactory(organisation=are_kommun, dispatched_at=timezone.now() - timedelta(hours=1))
    assert enquiry_sweep_unrouted(lease_seconds=60) == 0


def test_routing_starts_the_promise_in_business_hours(routing, schools, are, are_kommun):
    # Friday 2026-11-20 15:00 local, 16 business hours (08:00-16:30): 1.5 h on Friday,
    # 8.5 h on Monday, 6 h on Tuesday → Tuesday 14:00.
    with time_machine.travel(datetime(2026, 11, 20, 14, 0, tzinfo=UTC)):
        enquiry = EnquiryFactory(topic=schools, municipality=are)
        enquiry_route(enquiry_id=enquiry.pk)
    enquiry.refresh_from_db()
    local = timezone.localtime(enquiry.due_at)
    assert (local.date().isoformat(), local.hour, local.minute) == ("2026-11-24", 14, 0)


def test_routing_records_the_history(routing, schools, are, staff_of_are):
    enquiry = EnquiryFactory(topic=schools, municipality=are, language="ar")
    enquiry_route(enquiry_id=enquiry.pk)
    actions = list(EnquiryEvent.objects.filter(enquiry=enquiry).values_list("action", flat=True))
    assert actions == ["routed", "assigned"]
