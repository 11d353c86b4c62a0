"""Routing in batches: one task routes the enquiries waiting behind its own."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enquiries import tasks
from enquiries.models import Enquiry, EnquiryEvent, RoutingDecision
from enquiries.services.routing import enquiries_route, enquiry_route
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


def waiting(schools, healthcare, are, ostersund, n):
    """n enquiries to route: schools in Åre and Östersund, healthcare, and one with
    no rule (no municipality) in each group of four."""
    plan = [(schools, are), (schools, ostersund), (healthcare, are), (schools, None)]
    return [
        EnquiryFactory(topic=plan[i % 4][0], municipality=plan[i % 4][1], language="ar")
        for i in range(n)
    ]


def test_a_batch_routes_each_waiting_enquiry_as_a_single_routing_would(
    routing, schools, healthcare, are, ostersund, are_kommun, ostersunds_kommun, region
):
    enquiries = waiting(schools, healthcare, are, ostersund, 8)
    decisions = enquiries_route(enquiry_id=enquiries[5].pk, task_id="task-1", batch=100)
    assert set(decisions) == {e.pk for e in enquiries}
    # The region answers healthcare by rule and, as the county desk, what no rule covers.
    expected = [are_kommun, ostersunds_kommun, region, region] * 2
    fallback = [False, False, False, True] * 2
    for enquiry, organisation, fell_back in zip(enquiries, expected, fallback, strict=True):
        enquiry.refresh_from_db()
        assert enquiry.status == Enquiry.Status.OPEN
        assert enquiry.organisation == organisation
        assert enquiry.due_at is not None
        assert enquiry.sla_cycle == 1
        decision = RoutingDecision.objects.get(enquiry=enquiry)
        assert decision.task_id == "task-1"
        assert decision.kind == (
            RoutingDecision.Kind.FALLBACK if fell_back else RoutingDecision.Kind.RULE
        )
        assert EnquiryEvent.objects.filter(
            enquiry=enquiry, action=EnquiryEvent.Action.ROUTED
        ).exists()
        assert OutboundEmail.objects.filter(
            key=f"enquiry:{enquiry.pk}:routed:1:organisation",
            recipient=organisation.contact_email,
        ).exists()


def test_the_batch_is_limited_and_takes_its_own_enquiry_first(
    routing, schools, healthcare, are, ostersund
):
    enquiries = waiting(schools, healthcare, are, ostersund, 6)
    decisions = enquiries_route(enquiry_id=enquiries[-1].pk, batch=3)
    # Its own enquiry, then the two oldest waiting.
    assert set(decisions) == {enquiries[-1].pk, enquiries[0].pk, enquiries[1].pk}
    assert Enquiry.objects.filter(status=Enquiry.Status.TO_ROUTE).count() == 3


def test_the_query_count_does_not_grow_with_the_batch(
    routing, schools, healthcare, are, ostersund, are_kommun, staff_of_are
):
    def queries_for(n: int) -> int:
        enquiries = waiting(schools, healthcare, are, ostersund, n)
        with CaptureQueriesContext(connection) as captured:
            decisions = enquiries_route(enquiry_id=enquiries[0].pk, batch=100)
        assert len(decisions) == n
        return len(captured.captured_queries)

    assert queries_for(4) == queries_for(40)


def test_a_batch_spreads_enquiries_over_the_handlers_like_single_routings(
    routing, schools, are, are_kommun, staff_of_are, django_capture_on_commit_callbacks
):
    second = StaffMembershipFactory(
        user=StaffUserFactory(email="second@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.HANDLER,
        languages=["ar"],
    ).user
    enquiries = [EnquiryFactory(topic=schools, municipality=are, language="ar") for _ in range(6)]
    with django_capture_on_commit_callbacks(execute=True):
        enquiries_route(enquiry_id=enquiries[0].pk, batch=100)
    loads = {user: Enquiry.objects.filter(assignee=user).count() for user in (staff_of_are, second)}
    assert loads == {staff_of_are: 3, second: 3}
    assert len([m for m in mail.outbox if m.to == ["second@are.example.org"]]) == 3


def test_a_routed_enquiry_is_left_alone_and_its_task_routes_nothing_else(
    routing, schools, healthcare, are, ostersund
):
    first, second = waiting(schools, healthcare, are, ostersund, 2)
    enquiry_route(enquiry_id=first.pk)
    # The enquiry's own task comes late: it is routed; the task does not go looking
    # for other work (the next waiting enquiry's own task will route it).
    assert enquiries_route(enquiry_id=first.pk, batch=100) == {}
    second.refresh_from_db()
    assert second.status == Enquiry.Status.TO_ROUTE
    assert RoutingDecision.objects.filter(enquiry=first).count() == 1


def test_the_task_routes_a_batch_and_a_retry_routes_its_enquiry_alone(
    routing, schools, healthcare, are, ostersund, settings
):
    settings.ENQUIRY_ROUTING_BATCH = 50
    enquiries = waiting(schools, healthcare, are, ostersund, 5)
    tasks.route_enquiry.apply(args=[enquiries[0].pk], retries=1)
    assert Enquiry.objects.filter(status=Enquiry.Status.TO_ROUTE).count() == 4
    tasks.route_enquiry.apply(args=[enquiries[1].pk])
    assert not Enquiry.objects.filter(status=Enquiry.Status.TO_ROUTE).exists()


def test_a_failing_batch_saves_nothing(routing, schools, healthcare, are, ostersund, monkeypatch):
    enquiries = waiting(schools, healthcare, are, ostersund, 4)

    def broken(*args, **kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr("enquiries.services.routing.emails_queue_many", broken)
    with pytest.raises(RuntimeError):
        enquiries_route(enquiry_id=enquiries[0].pk, batch=10)
    assert Enquiry.objects.filter(status=Enquiry.Status.TO_ROUTE).count() == 4
    assert not RoutingDecision.objects.exists()
    assert not EnquiryEvent.objects.filter(action=EnquiryEvent.Action.ROUTED).exists()
