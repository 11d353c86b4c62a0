"""The triage desk: the "My work" view, the compact queue, the county-wide queue, the
enquiry page as a thread with reply templates and one-click actions, and staff
e-mails that link to the enquiry in the admin."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enquiries.models import Enquiry, EnquiryEvent, EnquiryMessage, ReplyTemplate
from enquiries.services.routing import enquiry_route
from enquiries.services.sla import enquiry_check_deadlines
from enquiries.services.submission import enquiry_newcomer_answer
from enquiries.services.triage import enquiry_reroute
from portal.models import StaffMembership
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    EnquiryFactory,
    RoutedEnquiryFactory,
    TopicFactory,
    healthcare_fixture,
    routing_fixture,
    schools_fixture,
)
from tests.portal.factories import StaffMembershipFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:enquiries_enquiry_changelist")
#: A Monday morning in office hours (the promise counts office hours).
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
BASE = "https://ih.example.org"
ARABIC = "مرحبا، أريد أن أعرف عن المدرسة in Åre"


def change_url(enquiry) -> str:
    return reverse("admin:enquiries_enquiry_change", args=[enquiry.pk])


def listed(response) -> list[str]:
    return [e.reference for e in response.context["cl"].result_list]


@pytest.fixture(autouse=True)
def english_admin(client, settings):
    """The admin in English (the interface's default is Swedish)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def are_client(client, staff_of_are):
    client.force_login(staff_of_are)
    return client


@pytest.fixture
def region_client(client, staff_of_region):
    client.force_login(staff_of_region)
    return client


# --- "My work" -------------------------------------------------------------------------
def test_my_work_is_the_default_view_mine_first_then_unassigned_by_due_time(
    clock, are_client, are_kommun, staff_of_are, ostersunds_kommun
):
    colleague = StaffMembershipFactory(organisation=are_kommun).user
    due = NOW + timedelta(days=1)
    unassigned_early = RoutedEnquiryFactory(organisation=are_kommun, due_at=due)
    mine_late = RoutedEnquiryFactory(
        organisation=are_kommun, assignee=staff_of_are, due_at=due + timedelta(hours=5)
    )
    mine_early = RoutedEnquiryFactory(
        organisation=are_kommun, assignee=staff_of_are, due_at=due + timedelta(hours=1)
    )
    unassigned_late = RoutedEnquiryFactory(organisation=are_kommun, due_at=due + timedelta(hours=9))
    RoutedEnquiryFactory(organisation=are_kommun, assignee=colleague)  # a colleague's
    RoutedEnquiryFactory(organisation=are_kommun, status=Enquiry.Status.RESOLVED, due_at=None)
    RoutedEnquiryFactory(organisation=ostersunds_kommun)  # another organisation's

    response = are_client.get(QUEUE)
    assert listed(response) == [
        mine_early.reference,
        mine_late.reference,
        unassigned_early.reference,
        unassigned_late.reference,
    ]
    page = response.content.decode()
    assert 'href="?view=all"' in page
    assert "My work" in page  # the selected choice (English test language)

    everything = are_client.get(QUEUE + "?view=all")
    assert len(listed(everything)) == 6  # all of Åre's, none of Östersund's


def test_a_search_by_reference_looks_in_all_unless_my_work_is_chosen(
    clock, are_client, are_kommun, staff_of_are
):
    colleague = StaffMembershipFactory(organisation=are_kommun).user
    theirs = RoutedEnquiryFactory(organisation=are_kommun, assignee=colleague)
    found = are_client.get(QUEUE, {"q": theirs.reference})
    assert listed(found) == [theirs.reference]
    narrowed = are_client.get(QUEUE, {"q": theirs.reference, "view": "mine"})
    assert listed(narrowed) == []


def test_the_queue_columns_are_compact_and_show_time_left_or_overdue_by(
    clock, are_client, are_kommun, staff_of_are, settings
):
    settings.ENQUIRY_SLA_WARNING_MINUTES = 60
    RoutedEnquiryFactory(organisation=are_kommun, due_at=NOW - timedelta(hours=3))
    RoutedEnquiryFactory(organisation=are_kommun, due_at=NOW + timedelta(minutes=40))
    RoutedEnquiryFactory(organisation=are_kommun, due_at=NOW + timedelta(days=2))
    page = are_client.get(QUEUE).content.decode()
    assert "overdue by 3\xa0hours" in page
    assert "Due soon: 40\xa0minutes left" in page
    assert "2\xa0days left" in page
    assert "enquiries/css/admin_queue.css" in page
    for column in ("ref", "state", "promise", "topic_short", "municipality", "lang"):
        assert f"column-{column}" in page
    assert "column-assignee_short" in page
    assert "column-received" in page


# --- the county-wide queue ----------------------------------------------------------------
def test_the_county_desk_sees_every_organisations_enquiries_in_all(
    clock, region_client, are_kommun, ostersunds_kommun, region
):
    are_one = RoutedEnquiryFactory(organisation=are_kommun, due_at=NOW + timedelta(hours=2))
    ostersund_one = RoutedEnquiryFactory(
        organisation=ostersunds_kommun, due_at=NOW + timedelta(hours=1)
    )
    own = RoutedEnquiryFactory(organisation=region, due_at=NOW + timedelta(hours=3))
    everything = region_client.get(QUEUE + "?view=all")
    assert listed(everything) == [ostersund_one.reference, are_one.reference, own.reference]
    # My work stays the desk's own (unassigned) enquiries.
    assert listed(region_client.get(QUEUE)) == [own.reference]


def test_another_organisations_internal_notes_stay_hidden_from_the_county_desk(
    clock, region_client, are_kommun, staff_of_are
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    EnquiryMessage.objects.create(
        enquiry=enquiry, kind="note", body="ARE-NOTE", author=staff_of_are, organisation=are_kommun
    )
    page = region_client.get(change_url(enquiry)).content.decode()
    assert "ARE-NOTE" not in page


@pytest.mark.parametrize("view", ["", "?view=all"])
def test_the_queue_query_count_does_not_grow_with_the_enquiries(
    clock, client, staff_of_region, region, are_kommun, ostersunds_kommun, view
):
    client.force_login(staff_of_region)
    RoutedEnquiryFactory(organisation=region)
    client.get(QUEUE + view)
    with CaptureQueriesContext(connection) as few:
        assert client.get(QUEUE + view).status_code == 200
    for index in range(40):
        RoutedEnquiryFactory(
            organisation=[region, are_kommun, ostersunds_kommun][index % 3],
            assignee=staff_of_region if index % 4 == 0 else None,
            topic=TopicFactory(),
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(QUEUE + view).status_code == 200
    assert len(few) == len(many)


# --- the enquiry page --------------------------------------------------------------------
def test_the_enquiry_page_is_a_thread_in_time_order_with_the_reply_box_at_its_foot(
    clock, are_client, are_kommun, staff_of_are
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun, language="ar", message=ARABIC)
    clock.shift(timedelta(minutes=5))
    EnquiryMessage.objects.create(
        enquiry=enquiry, kind="reply", body="FIRST-REPLY", author=staff_of_are
    )
    clock.shift(timedelta(minutes=5))
    EnquiryMessage.objects.create(enquiry=enquiry, kind="newcomer", body="شكرا NEWCOMER-ANSWER")
    clock.shift(timedelta(minutes=5))
    EnquiryMessage.objects.create(
        enquiry=enquiry, kind="note", body="A-NOTE", author=staff_of_are, organisation=are_kommun
    )
    EnquiryEvent.objects.create(enquiry=enquiry, action="waiting", actor=staff_of_are)
    page = are_client.get(change_url(enquiry)).content.decode()
    positions = [
        page.index(text)
        for text in (ARABIC, "FIRST-REPLY", "NEWCOMER-ANSWER", "A-NOTE", 'id="id_reply"')
    ]
    assert positions == sorted(positions)
    assert page.index("Waiting for the newcomer") < page.index('id="id_reply"')
    # Every user-written text and the reply box read in their own direction.
    assert f'<p class="enq-body" dir="auto">{ARABIC}</p>' in page
    assert '<p class="enq-body" dir="auto">شكرا NEWCOMER-ANSWER</p>' in page
    assert 'name="reply" cols="40" rows="6" dir="auto"' in page or (
        'dir="auto"' in page[page.index('id="id_reply"') - 200 : page.index('id="id_reply"')]
    )


def test_one_click_assign_to_me_and_resolve(clock, are_client, are_kommun, staff_of_are):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    page = are_client.get(change_url(enquiry)).content.decode()
    assign = reverse("admin:enquiries_enquiry_assign_to_me", args=[enquiry.pk])
    resolve = reverse("admin:enquiries_enquiry_resolve", args=[enquiry.pk])
    assert f'action="{assign}"' in page
    assert f'action="{resolve}"' in page
    assert are_client.post(assign).status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.assignee == staff_of_are
    assert are_client.post(resolve).status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.RESOLVED
    assert are_client.get(assign).status_code == 405  # POST only


def test_one_click_reroute(
    clock, are_client, are_kommun, region, django_capture_on_commit_callbacks
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    url = reverse("admin:enquiries_enquiry_reroute", args=[enquiry.pk])
    assert are_client.post(url, {"organisation": region.pk, "reason": ""}).status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.organisation == are_kommun  # no reason, no re-route
    with django_capture_on_commit_callbacks(execute=True):
        response = are_client.post(url, {"organisation": region.pk, "reason": "Healthcare"})
    assert response.status_code == 302
    assert response["Location"] == QUEUE  # no longer Åre's to see
    enquiry.refresh_from_db()
    assert enquiry.organisation == region


def test_one_click_actions_on_another_organisations_enquiry_are_refused(
    clock, client, handler_of_ostersund, are_kommun, region
):
    client.force_login(handler_of_ostersund)
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    for name, data in [
        ("assign_to_me", {}),
        ("resolve", {}),
        ("reroute", {"organisation": region.pk, "reason": "mine now"}),
    ]:
        url = reverse(f"admin:enquiries_enquiry_{name}", args=[enquiry.pk])
        assert client.post(url, data).status_code in (302, 404)
    enquiry.refresh_from_db()
    assert enquiry.assignee is None
    assert enquiry.status == Enquiry.Status.OPEN
    assert enquiry.organisation == are_kommun


# --- reply templates -----------------------------------------------------------------------
@pytest.fixture
def templates(are_kommun, ostersunds_kommun, schools):
    return {
        "shared": ReplyTemplate.objects.create(
            title="Shared welcome", text_sv="Välkommen!", text_en="Welcome!", text_ar="أهلا وسهلا"
        ),
        "are": ReplyTemplate.objects.create(
            organisation=are_kommun, title="Åre schools", text_sv="Skolor i Åre", text_en="Schools"
        ),
        "other_topic": ReplyTemplate.objects.create(
            organisation=are_kommun, topic=TopicFactory(), title="Other topic", text_sv="x"
        ),
        "ostersund": ReplyTemplate.objects.create(
            organisation=ostersunds_kommun, title="SENTINEL-OSTERSUND", text_sv="SENTINEL-TEXT"
        ),
    }


def test_a_template_is_inserted_in_the_enquirys_language(
    clock, are_client, are_kommun, templates, schools
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun, language="ar", topic=schools)
    page = are_client.get(change_url(enquiry)).content.decode()
    assert "Shared welcome" in page
    assert "Åre schools" in page
    assert "Other topic" not in page
    assert "SENTINEL" not in page
    page = are_client.get(
        change_url(enquiry) + f"?template={templates['shared'].pk}"
    ).content.decode()
    assert "أهلا وسهلا</textarea>" in page
    assert "was inserted in the enquiry's language" in page


def test_a_polish_template_is_inserted_for_a_polish_enquiry_detected_as_polish(
    clock, are_client, are_kommun, schools
):
    template = ReplyTemplate.objects.create(
        organisation=are_kommun,
        topic=schools,
        title="Preschool in Åre",
        text_en="Apply for a preschool place in the e-service.",
        text_pl="Miejsce w przedszkolu zamawia się w e-usłudze gminy.",
    )
    enquiry = RoutedEnquiryFactory(
        organisation=are_kommun, language="pl", detected_language="pl", topic=schools
    )
    page = are_client.get(change_url(enquiry) + f"?template={template.pk}").content.decode()
    assert "Miejsce w przedszkolu zamawia się w e-usłudze gminy.</textarea>" in page
    assert "has no text in the enquiry's language" not in page


def test_a_template_without_the_enquirys_language_falls_back_with_a_note(
    clock, are_client, are_kommun, templates, schools
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun, language="ar", topic=schools)
    page = are_client.get(change_url(enquiry) + f"?template={templates['are'].pk}").content.decode()
    assert "Schools</textarea>" in page  # English, the first fallback
    assert "has no text in the enquiry's language" in page


def test_another_organisations_template_is_never_shown_or_inserted(
    clock, are_client, are_kommun, templates
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    url = change_url(enquiry) + f"?template={templates['ostersund'].pk}"
    page = are_client.get(url).content.decode()
    assert "SENTINEL" not in page
    changelist = are_client.get(reverse("admin:enquiries_replytemplate_changelist"))
    assert "SENTINEL" not in changelist.content.decode()
    other = reverse("admin:enquiries_replytemplate_change", args=[templates["ostersund"].pk])
    assert are_client.get(other).status_code in (302, 403, 404)


def test_a_coordinators_new_template_belongs_to_their_organisation(client, are_kommun):
    coordinator = StaffMembershipFactory(
        user=StaffUserFactory(email="coordinator@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.COORDINATOR,
    ).user
    client.force_login(coordinator)
    response = client.post(
        reverse("admin:enquiries_replytemplate_add"),
        {
            "topic": "",
            "title_sv": "Hej",
            "text_sv": "Hej och välkommen",
            "title_en": "",
            "text_en": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ReplyTemplate.objects.get().organisation == are_kommun


# --- staff e-mails link to the enquiry in the admin ------------------------------------------
def admin_link(enquiry) -> str:
    return BASE + change_url(enquiry)


@override_settings(PUBLIC_BASE_URL=BASE)
def test_routed_and_assigned_emails_link_to_the_enquiry(
    clock, routing, are, schools, staff_of_are, django_capture_on_commit_callbacks
):
    enquiry = EnquiryFactory(topic=schools, municipality=are, language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_route(enquiry_id=enquiry.pk)
    enquiry.refresh_from_db()
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert admin_link(enquiry) in bodies["international@are.example.org"]  # routed
    assert admin_link(enquiry) in bodies["handler@are.example.org"]  # assigned


@override_settings(PUBLIC_BASE_URL=BASE)
def test_the_rerouted_email_links_to_the_enquiry(
    clock, are_kommun, region, staff_of_are, django_capture_on_commit_callbacks
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_reroute(enquiry=enquiry, organisation=region, reason="x", actor=staff_of_are)
    to_region = [m for m in mail.outbox if "countydesk@region.example.org" in m.to]
    assert to_region
    assert admin_link(enquiry) in to_region[0].body


@override_settings(PUBLIC_BASE_URL=BASE)
def test_warning_and_breach_emails_link_to_the_enquiry(
    clock, are_kommun, region, staff_of_are, django_capture_on_commit_callbacks
):
    enquiry = RoutedEnquiryFactory(
        organisation=are_kommun, assignee=staff_of_are, due_at=NOW + timedelta(minutes=10)
    )
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_check_deadlines(now=NOW)
    warning = [m for m in mail.outbox if "handler@are.example.org" in m.to]
    assert warning
    assert admin_link(enquiry) in warning[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_check_deadlines(now=NOW + timedelta(hours=1))
    breach = [m for m in mail.outbox if "countydesk@region.example.org" in m.to]
    assert breach
    assert admin_link(enquiry) in breach[0].body


@override_settings(PUBLIC_BASE_URL=BASE)
def test_the_newcomer_answered_email_links_to_the_enquiry(
    clock, are_kommun, staff_of_are, django_capture_on_commit_callbacks
):
    enquiry = RoutedEnquiryFactory(
        organisation=are_kommun, assignee=staff_of_are, status=Enquiry.Status.WAITING
    )
    with django_capture_on_commit_callbacks(execute=True):
        enquiry_newcomer_answer(enquiry=enquiry, body=ARABIC)
    answered = [m for m in mail.outbox if "handler@are.example.org" in m.to]
    assert answered
    assert admin_link(enquiry) in answered[0].body
