"""Staff admin for ambassadors: vetting, the overview, and organisation isolation."""

from __future__ import annotations

import datetime
import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ambassadors import services
from ambassadors.matching import buddy_request_match
from ambassadors.models import Ambassador, BuddyRequest, Concern, Match, Message
from events.models import Event, EventRegistration
from portal.models import Organisation, StaffMembership
from tests.ambassadors.factories import AmbassadorFactory, BuddyRequestFactory
from tests.conftest import registered_model_admins
from tests.portal.factories import (
    OrganisationFactory,
    StaffMembershipFactory,
    StaffUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SENTINEL = "SENTINEL-amb-4d1e"
OWN_MARKER = "OWNMARK-amb-8c0f"
QUERY_LINK = re.compile(r'href="(\?[^"]*)"')


def crawled_admins():
    """This feature's admins (tests/portal crawls every other one)."""
    return [
        (model, model_admin)
        for model, model_admin in registered_model_admins()
        if model._meta.app_label == "ambassadors" or model in (Event, EventRegistration)
    ]


def crawl(client, user) -> list[tuple[str, int, str]]:
    """Every admin page from the registry (change lists, searches, filter links, add,
    change, history and delete pages, autocompletes), every action, the overview."""
    request = RequestFactory().get("/admin/")
    request.user = user
    urls = [reverse("admin:index"), reverse("admin:ambassadors_overview")]
    for model, model_admin in crawled_admins():
        label, name = model._meta.app_label, model._meta.model_name
        changelist = reverse(f"admin:{label}_{name}_changelist")
        urls += [
            changelist,
            f"{changelist}?q=4d1e",
            f"{changelist}?q=example",
            reverse(f"admin:{label}_{name}_add"),
        ]
        for pk in model._default_manager.values_list("pk", flat=True):
            urls += [
                reverse(f"admin:{label}_{name}_{view}", args=[pk])
                for view in ("change", "history", "delete")
            ]
        for field in model_admin.get_autocomplete_fields(request):
            query = urlencode(
                {"app_label": label, "model_name": name, "field_name": field, "term": ""}
            )
            urls.append(f"{reverse('admin:autocomplete')}?{query}")
    fetched, seen = [], set()
    while urls:
        url = urls.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        body = response.content.decode()
        fetched.append((url, response.status_code, body + response.get("Location", "")))
        if response.status_code == 200 and 'id="changelist"' in body and "?" not in url:
            urls += [url + unescape(query) for query in QUERY_LINK.findall(body)]
    for model, model_admin in crawled_admins():
        label, name = model._meta.app_label, model._meta.model_name
        changelist = reverse(f"admin:{label}_{name}_changelist")
        pks = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)]
        for action in model_admin.get_actions(request):
            response = client.post(
                changelist, {"action": action, "index": 0, "_selected_action": pks}
            )
            fetched.append(
                (f"{changelist} {action}", response.status_code, response.content.decode())
            )
    fetched.append(("/admin/ after", 200, client.get("/admin/").content.decode()))
    return fetched


def leaks(fetched, secret: str) -> list[str]:
    return [f"{url} -> {status}" for url, status, body in fetched if secret.lower() in body.lower()]


def plant(organisation, municipality, marker: str, email_prefix: str):
    """An ambassador, a request, an active match with a message and a concern, and an
    event — every text field carrying ``marker``."""
    ambassador = AmbassadorFactory(
        user=UserFactory(email=f"{email_prefix}.amb@example.org", first_name=f"{marker} Amb"),
        organisation=organisation,
        municipality=municipality,
        bio=f"{marker} bio",
        profession=f"{marker} profession",
        availability=f"{marker} availability",
        phone=f"{marker} phone",
        capacity=2,
    )
    pending = AmbassadorFactory(
        user=UserFactory(email=f"{email_prefix}.pending@example.org", first_name=f"{marker} P"),
        organisation=organisation,
        municipality=municipality,
        status=Ambassador.Status.PENDING,
        bio=f"{marker} pending bio",
    )
    AmbassadorFactory(
        user=UserFactory(email=f"{email_prefix}.susp@example.org", first_name=f"{marker} S"),
        organisation=organisation,
        municipality=municipality,
        status=Ambassador.Status.SUSPENDED,
        suspension_reason=f"{marker} suspension reason",
    )
    newcomer = UserFactory(email=f"{email_prefix}.new@example.org", first_name=f"{marker} New")
    request = BuddyRequestFactory(
        newcomer=newcomer,
        organisation=organisation,
        municipality=municipality,
        help_with=f"{marker} help",
        phone=f"{marker} phone",
    )
    offer = buddy_request_match(request_id=request.pk)
    services.offer_accept(match_id=offer.pk, user=ambassador.user)
    Message.objects.create(match=offer, sender=newcomer, body=f"{marker} message")
    Concern.objects.create(
        organisation=organisation,
        match=offer,
        reporter=newcomer,
        description=f"{marker} concern",
        staff_note=f"{marker} note",
    )
    waiting = BuddyRequestFactory(
        newcomer=UserFactory(email=f"{email_prefix}.wait@example.org"),
        organisation=organisation,
        languages=["so"],
        help_with=f"{marker} waiting",
    )
    buddy_request_match(request_id=waiting.pk)
    now = timezone.now()
    event = Event.objects.create(
        slug=f"{email_prefix}-event",
        title=f"{marker} event",
        description=f"{marker} text",
        kind=Event.Kind.MEETUP,
        organisation=organisation,
        municipality=municipality,
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3, hours=2),
        place=f"{marker} place",
        capacity=10,
    )
    EventRegistration.objects.create(event=event, user=newcomer, status="confirmed")
    return {"ambassador": ambassador, "pending": pending, "request": request, "match": offer}


@pytest.fixture
def other(db, ostersund):
    organisation = OrganisationFactory(
        name=f"{SENTINEL} Partner",
        slug="sentinel-amb",
        kind=Organisation.Kind.NGO,
        contact_email="sentinel-amb@example.org",
    )
    StaffMembershipFactory(
        user=StaffUserFactory(email="sentinel-amb.staff@example.org", first_name=SENTINEL),
        organisation=organisation,
        role=StaffMembership.Role.COORDINATOR,
    )
    return plant(organisation, ostersund, SENTINEL, "sentinel")


@pytest.fixture
def own(ostersunds_kommun, ostersund):
    return plant(ostersunds_kommun, ostersund, OWN_MARKER, "own")


@pytest.fixture(params=["coordinator", "handler"])
def ostersund_staff(request, staff_of_ostersund, ostersunds_kommun):
    if request.param == "coordinator":
        return staff_of_ostersund
    return StaffMembershipFactory(
        user=StaffUserFactory(email="handler2@ostersund.example.org"),
        organisation=ostersunds_kommun,
        role=StaffMembership.Role.HANDLER,
    ).user


def test_no_ambassador_or_event_admin_page_shows_another_organisations_data(
    client, ostersund_staff, own, other
):
    client.force_login(ostersund_staff)
    fetched = crawl(client, ostersund_staff)
    overview = client.get(reverse("admin:ambassadors_overview"))
    assert SENTINEL not in overview.content.decode()
    assert leaks(fetched, SENTINEL) == []
    assert leaks(fetched, "sentinel.new@example.org") == []
    # Not vacuous: the own organisation's ambassadors, requests, concerns and events show.
    shown = " ".join(leaks(fetched, OWN_MARKER))
    for name in ("ambassador", "buddyrequest", "concern", "event"):
        assert f"/{name}/" in shown, name


def test_another_organisations_ambassador_pages_are_refused(client, staff_of_ostersund, other):
    client.force_login(staff_of_ostersund)
    for obj in (other["ambassador"], other["request"], other["match"]):
        meta = obj._meta
        response = client.get(
            reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        )
        assert response.status_code in (302, 403, 404)


def test_private_messages_between_the_two_sides_never_reach_the_admin(client, superuser, own):
    client.force_login(superuser)
    fetched = crawl(client, superuser)
    assert leaks(fetched, f"{OWN_MARKER} message") == []
    assert leaks(fetched, f"{OWN_MARKER} concern")


def test_staff_approve_an_application_in_the_change_form_and_the_applicant_is_told(
    client, staff_of_ostersund, ostersunds_kommun, ostersund, django_capture_on_commit_callbacks
):
    applicant = AmbassadorFactory(
        organisation=ostersunds_kommun, municipality=ostersund, status=Ambassador.Status.PENDING
    )
    client.force_login(staff_of_ostersund)
    url = reverse("admin:ambassadors_ambassador_change", args=[applicant.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "decision": "approve",
                "reason": "",
                "languages-TOTAL_FORMS": "1",
                "languages-INITIAL_FORMS": "1",
                "languages-MIN_NUM_FORMS": "0",
                "languages-MAX_NUM_FORMS": "1000",
                "languages-0-id": applicant.languages.get().pk,
                "languages-0-ambassador": applicant.pk,
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    applicant.refresh_from_db()
    assert applicant.status == Ambassador.Status.APPROVED
    assert applicant.decided_by == staff_of_ostersund
    assert any(applicant.user.email in m.to for m in mail.outbox)


def test_declining_without_a_reason_is_refused(client, staff_of_ostersund, ostersunds_kommun):
    applicant = AmbassadorFactory(organisation=ostersunds_kommun, status="pending")
    client.force_login(staff_of_ostersund)
    url = reverse("admin:ambassadors_ambassador_change", args=[applicant.pk])
    response = client.post(
        url,
        {
            "decision": "decline",
            "reason": " ",
            "languages-TOTAL_FORMS": "0",
            "languages-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    applicant.refresh_from_db()
    assert applicant.status == Ambassador.Status.PENDING


def test_the_overview_shows_match_rate_median_time_and_who_is_waiting(
    client, staff_of_ostersund, own
):
    BuddyRequest.objects.filter(pk=own["request"].pk).update(
        created_at=timezone.now() - datetime.timedelta(days=4)
    )
    client.force_login(staff_of_ostersund)
    body = client.get(reverse("admin:ambassadors_overview")).content.decode()
    assert "50 %" in body  # one of two requests matched
    assert "4.0" in body or "4,0" in body  # median days to match
    assert "Östersund" in body
    assert Match.objects.filter(status="accepted").count() == 1


def test_the_overview_makes_the_same_number_of_queries_with_few_and_many_rows(
    client, staff_of_ostersund, ostersunds_kommun, ostersund
):
    client.force_login(staff_of_ostersund)
    AmbassadorFactory(organisation=ostersunds_kommun, municipality=ostersund)
    BuddyRequestFactory(organisation=ostersunds_kommun, languages=["so"])
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("admin:ambassadors_overview"))
    for _ in range(10):
        AmbassadorFactory(organisation=ostersunds_kommun, municipality=ostersund)
        BuddyRequestFactory(
            organisation=ostersunds_kommun,
            languages=["so"],
            status="waiting",
            waiting_since=timezone.now(),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("admin:ambassadors_overview"))
    assert len(many) == len(few)


def test_staff_end_a_match_after_a_concern_and_both_sides_are_told(
    client, staff_of_ostersund, own, django_capture_on_commit_callbacks
):
    match = own["match"]
    client.force_login(staff_of_ostersund)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:ambassadors_match_changelist"),
            {"action": "end_selected", "index": 0, "_selected_action": [match.pk]},
        )
    match.refresh_from_db()
    assert match.status == Match.Status.ENDED
    assert Ambassador.objects.get(pk=match.ambassador_id).reserved == 0
    told = {address for m in mail.outbox for address in m.to}
    assert {match.ambassador.user.email, match.request.newcomer.email} <= told


def test_staff_cannot_end_another_organisations_match_with_the_action(
    client, staff_of_ostersund, other
):
    client.force_login(staff_of_ostersund)
    client.post(
        reverse("admin:ambassadors_match_changelist"),
        {"action": "end_selected", "index": 0, "_selected_action": [other["match"].pk]},
    )
    other["match"].refresh_from_db()
    assert other["match"].status == Match.Status.ACCEPTED
