"""Triage in the staff admin: the queue, its filters, the actions and the reply form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enquiries.models import Enquiry, EnquiryEvent, EnquiryMessage, RoutingDecision
from notifications.models import OutboundEmail
from portal.models import StaffMembership
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    RoutedEnquiryFactory,
    TopicFactory,
    schools_fixture,
)
from tests.portal.factories import StaffMembershipFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:enquiries_enquiry_changelist")


def change_url(enquiry):
    return reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])


@pytest.fixture
def are_client(client, staff_of_are):
    client.force_login(staff_of_are)
    return client


def references(response) -> set[str]:
    return {e.reference for e in response.context["cl"].result_list}


def test_the_queue_lists_the_organisations_enquiries(are_client, are_kommun):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    response = are_client.get(QUEUE)
    assert response.status_code == 200
    assert references(response) == {enquiry.reference}


def test_the_queue_never_counts_every_row(are_client, are_kommun):
    RoutedEnquiryFactory(organisation=are_kommun)
    with CaptureQueriesContext(connection) as queries:
        are_client.get(QUEUE)
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) <= 1  # the (paginator's) count of the filtered queue only
    assert all("relocation_enquiry" in sql and "WHERE" in sql for sql in counts)


def test_the_queue_makes_the_same_number_of_queries_for_one_and_fifty_rows(
    are_client, are_kommun, staff_of_are, are
):
    RoutedEnquiryFactory(organisation=are_kommun, assignee=staff_of_are, municipality=are)
    are_client.get(QUEUE)
    with CaptureQueriesContext(connection) as few:
        are_client.get(QUEUE)
    for _ in range(49):
        RoutedEnquiryFactory(
            organisation=are_kommun, assignee=staff_of_are, municipality=are, topic=TopicFactory()
        )
    with CaptureQueriesContext(connection) as many:
        are_client.get(QUEUE)
    assert len(few) == len(many)
    assert len(many) <= 15


def test_the_change_page_makes_the_same_queries_for_a_short_and_a_long_history(
    are_client, are_kommun, staff_of_are
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    EnquiryMessage.objects.create(enquiry=enquiry, kind="reply", author=staff_of_are, body="a")
    are_client.get(change_url(enquiry))
    with CaptureQueriesContext(connection) as few:
        are_client.get(change_url(enquiry))
    for _ in range(10):
        EnquiryMessage.objects.create(enquiry=enquiry, kind="note", author=staff_of_are, body="b")
        EnquiryEvent.objects.create(enquiry=enquiry, action="noted", actor=staff_of_are)
    with CaptureQueriesContext(connection) as many:
        are_client.get(change_url(enquiry))
    assert len(few) == len(many)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=waiting", {"waiting"}),
        ("promise=overdue", {"overdue"}),
        ("promise=due_soon", {"due_soon"}),
        ("assigned=me", {"mine"}),
        ("assigned=nobody", {"overdue", "due_soon", "waiting", "arabic", "undecided"}),
        ("language__exact=ar", {"arabic"}),
        ("municipality=none", {"undecided"}),
    ],
)
def test_the_queue_filters(are_client, are_kommun, staff_of_are, are, query, expected):
    now = timezone.now()
    made = {
        "overdue": RoutedEnquiryFactory(
            organisation=are_kommun, municipality=are, due_at=now - timedelta(hours=1)
        ),
        "due_soon": RoutedEnquiryFactory(
            organisation=are_kommun, municipality=are, due_at=now + timedelta(minutes=30)
        ),
        "waiting": RoutedEnquiryFactory(
            organisation=are_kommun, municipality=are, status=Enquiry.Status.WAITING, due_at=None
        ),
        "mine": RoutedEnquiryFactory(
            organisation=are_kommun, municipality=are, assignee=staff_of_are
        ),
        "arabic": RoutedEnquiryFactory(organisation=are_kommun, municipality=are, language="ar"),
        "undecided": RoutedEnquiryFactory(organisation=are_kommun, municipality=None),
    }
    response = are_client.get(f"{QUEUE}?{query}")
    names = {name for name, e in made.items() if e.reference in references(response)}
    assert names == expected


def test_the_topic_filter(are_client, are_kommun, schools):
    school = RoutedEnquiryFactory(organisation=are_kommun, topic=schools)
    RoutedEnquiryFactory(organisation=are_kommun)
    response = are_client.get(f"{QUEUE}?topic={schools.pk}")
    assert references(response) == {school.reference}


def test_search_by_reference(are_client, are_kommun):
    wanted = RoutedEnquiryFactory(organisation=are_kommun)
    RoutedEnquiryFactory(organisation=are_kommun)
    response = are_client.get(f"{QUEUE}?q={wanted.reference}")
    assert references(response) == {wanted.reference}


def post_action(client, action, enquiries, **extra):
    return client.post(
        QUEUE,
        {"action": action, "_selected_action": [e.pk for e in enquiries], **extra},
    )


def test_assign_to_me(are_client, are_kommun, staff_of_are):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    post_action(are_client, "assign_to_me", [enquiry])
    enquiry.refresh_from_db()
    assert enquiry.assignee == staff_of_are


def test_mark_waiting_pauses_the_clock(are_client, are_kommun):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    post_action(are_client, "mark_waiting", [enquiry])
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.due_at) == (Enquiry.Status.WAITING, None)


def test_resolve(are_client, are_kommun):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    post_action(are_client, "resolve", [enquiry])
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.RESOLVED
    assert enquiry.resolved_at is not None


def test_reroute_asks_for_a_reason_first(are_client, are_kommun, region):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    response = post_action(are_client, "reroute", [enquiry])
    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.organisation == are_kommun


def test_reroute_records_a_decision_restarts_the_promise_and_notifies(
    are_client, are_kommun, region, staff_of_are, django_capture_on_commit_callbacks
):
    enquiry = RoutedEnquiryFactory(
        organisation=are_kommun, due_at=timezone.now() - timedelta(hours=3), sla_cycle=1
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_action(
            are_client,
            "reroute",
            [enquiry],
            apply="1",
            organisation=region.pk,
            reason="Healthcare is the region's",
        )
    enquiry.refresh_from_db()
    decision = RoutingDecision.objects.get(enquiry=enquiry)
    assert enquiry.organisation == region
    assert enquiry.due_at > timezone.now()
    assert enquiry.sla_cycle == 2
    assert (decision.kind, decision.reason, decision.decided_by) == (
        "reroute",
        "Healthcare is the region's",
        staff_of_are,
    )
    assert decision.from_organisation == are_kommun
    assert any("countydesk@region.example.org" in m.to for m in mail.outbox)


def test_after_rerouting_the_old_organisation_no_longer_sees_it(are_client, are_kommun, region):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    post_action(are_client, "reroute", [enquiry], apply="1", organisation=region.pk, reason="x")
    assert are_client.get(change_url(enquiry)).status_code == 302


def test_a_reply_is_emailed_in_the_newcomers_language_and_shown_on_the_status_page(
    are_client, are_kommun, staff_of_are, django_capture_on_commit_callbacks
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun, language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        response = are_client.post(
            change_url(enquiry),
            {
                "assignee": "",
                "reply": "مرحبا، هذا هو الجواب",
                "internal_note": "",
                **inline_management(),
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    enquiry.refresh_from_db()
    reply = EnquiryMessage.objects.get(enquiry=enquiry, kind="reply")
    email = OutboundEmail.objects.get(key=f"enquiry:{enquiry.pk}:reply:{reply.pk}")
    assert enquiry.status == Enquiry.Status.WAITING
    assert enquiry.first_response_at is not None
    assert email.language == "ar"
    assert "مرحبا، هذا هو الجواب" in email.body
    assert email.state == OutboundEmail.State.SENT


def test_an_internal_note_is_kept_and_nothing_is_emailed(
    are_client, are_kommun, django_capture_on_commit_callbacks
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    with django_capture_on_commit_callbacks(execute=True):
        are_client.post(
            change_url(enquiry),
            {
                "assignee": "",
                "reply": "",
                "internal_note": "Call the school first",
                **inline_management(),
            },
        )
    assert EnquiryMessage.objects.get(enquiry=enquiry).kind == EnquiryMessage.Kind.NOTE
    assert mail.outbox == []
    assert EnquiryEvent.objects.filter(enquiry=enquiry, action="changed").exists()


def test_the_change_page_shows_the_full_history(are_client, are_kommun, staff_of_are):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    EnquiryEvent.objects.create(enquiry=enquiry, action="routed", detail="ROUTED-DETAIL")
    body = are_client.get(change_url(enquiry)).content.decode()
    assert "ROUTED-DETAIL" in body


def test_handlers_do_not_see_the_access_log_but_coordinators_do(client, are_kommun, staff_of_are):
    coordinator = StaffMembershipFactory(
        user=StaffUserFactory(email="coordinator@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.COORDINATOR,
    ).user
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    EnquiryEvent.objects.create(
        enquiry=enquiry, action="viewed", actor=staff_of_are, organisation=are_kommun
    )
    url = reverse("admin:enquiries_enquiryaccess_changelist")
    client.force_login(staff_of_are)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    response = client.get(url)
    assert response.status_code == 200
    assert "handler@are.example.org" in response.content.decode()


def test_editors_have_no_queue(client, are_kommun):
    editor = StaffMembershipFactory(
        user=StaffUserFactory(email="editor@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.EDITOR,
    ).user
    client.force_login(editor)
    assert client.get(QUEUE).status_code == 403


def inline_management() -> dict:
    data = {}
    for prefix in ("messages", "decisions", "events"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return data


def test_search_by_the_newcomers_email_or_the_reference_as_printed(are_client, are_kommun):
    wanted = RoutedEnquiryFactory(organisation=are_kommun, contact_email="are7@example.org")
    RoutedEnquiryFactory(organisation=are_kommun)
    by_email = are_client.get(f"{QUEUE}?q=Are7@Example.org")
    by_printed_reference = are_client.get(f"{QUEUE}?q={wanted.display_reference.lower()}")
    assert references(by_email) == {wanted.reference}
    assert references(by_printed_reference) == {wanted.reference}
