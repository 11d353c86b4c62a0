"""Staff of Östersunds kommun see no Åre enquiry anywhere in the admin (sentinel test).

A sentinel string is planted in every text of an Åre enquiry — message, e-mail,
replies, notes, routing decision, history, access log, outbox, routing rule. Signed
in as Östersund staff, the test requests every page of the enquiry admins (change
lists, every filter choice found on them, searches, add/change/history/delete pages
of every object of every organisation, the app index) and runs every action over
all rows, and asserts the sentinel is in no response and no Åre row changed.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from enquiries.models import (
    Enquiry,
    EnquiryAccess,
    EnquiryEvent,
    EnquiryMessage,
    ReplyTemplate,
    RoutingDecision,
    RoutingRule,
)
from notifications.models import OutboundEmail
from portal.models import StaffMembership
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    RoutedEnquiryFactory,
    RoutingRuleFactory,
    schools_fixture,
)
from tests.portal.factories import StaffMembershipFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
SENTINEL = "SENTINEL-ae91"
#: Searched for: part of the sentinel, so a page echoing the search is no leak.
SEARCH_TERM = "ae91"
OWN_MARKER = "OWNMARK-5d2e"
MODELS = [Enquiry, RoutingRule, EnquiryAccess, OutboundEmail, ReplyTemplate]
QUERY_LINK = re.compile(r'href="(\?[^"]*)"')


@pytest.fixture
def are_enquiry(are_kommun, are, schools, staff_of_are, region):
    enquiry = RoutedEnquiryFactory(
        organisation=are_kommun,
        municipality=are,
        topic=schools,
        language="ar",
        assignee=staff_of_are,
        message=f"{SENTINEL} my question",
        contact_email=f"{SENTINEL.lower()}@example.org",
    )
    EnquiryMessage.objects.create(
        enquiry=enquiry, kind="reply", author=staff_of_are, body=f"{SENTINEL} reply"
    )
    EnquiryMessage.objects.create(
        enquiry=enquiry, kind="note", author=staff_of_are, body=f"{SENTINEL} note"
    )
    RoutingDecision.objects.create(
        enquiry=enquiry, kind="rule", organisation=are_kommun, reason=f"{SENTINEL} reason"
    )
    for action in ("routed", "viewed", "changed"):
        EnquiryEvent.objects.create(
            enquiry=enquiry, action=action, actor=staff_of_are, detail=f"{SENTINEL} {action}"
        )
    OutboundEmail.objects.create(
        key=f"enquiry:{enquiry.pk}:{SENTINEL}",
        enquiry=enquiry,
        recipient=f"{SENTINEL.lower()}@example.org",
        language="ar",
        subject=f"{SENTINEL} subject",
        body=f"{SENTINEL} body",
    )
    RoutingRuleFactory(
        topic=schools, municipality=are, organisation=are_kommun, note=f"{SENTINEL} rule"
    )
    ReplyTemplate.objects.create(
        organisation=are_kommun,
        title=f"{SENTINEL} template",
        text_sv=f"{SENTINEL} template text",
        text_en=f"{SENTINEL} template text",
        text_ar=f"{SENTINEL} template text",
    )
    return enquiry


@pytest.fixture
def own_enquiry(ostersunds_kommun, ostersund, schools, staff_of_ostersund):
    enquiry = RoutedEnquiryFactory(
        organisation=ostersunds_kommun,
        municipality=ostersund,
        topic=schools,
        message=f"{OWN_MARKER} question",
    )
    EnquiryEvent.objects.create(
        enquiry=enquiry, action="viewed", actor=staff_of_ostersund, detail=OWN_MARKER
    )
    RoutingRuleFactory(
        topic=schools,
        municipality=ostersund,
        organisation=ostersunds_kommun,
        note=f"{OWN_MARKER} rule",
    )
    return enquiry


@pytest.fixture(params=["coordinator", "all_roles_and_all_django_permissions"])
def ostersund_staff(request, staff_of_ostersund, ostersunds_kommun):
    if request.param == "coordinator":
        return staff_of_ostersund
    user = StaffUserFactory(email="allroles@ostersund.example.org")
    for role in StaffMembership.Role.values:
        StaffMembershipFactory(user=user, organisation=ostersunds_kommun, role=role)
    user.user_permissions.set(Permission.objects.all())
    return user


def crawl(client, are_enquiry) -> list[tuple[str, int, str]]:  # noqa: C901 - visits every admin view kind
    fetched: list[tuple[str, int, str]] = []
    seen: set[str] = set()

    def get(url):
        if url in seen:
            return None
        seen.add(url)
        response = client.get(url)
        body = response.content.decode() + response.get("Location", "")
        fetched.append((url, response.status_code, body))
        return response.status_code, body

    get(reverse("admin:index"))
    get(reverse("admin:app_list", args=["enquiries"]))
    for model in MODELS:
        label, name = model._meta.app_label, model._meta.model_name
        changelist = reverse(f"admin:{label}_{name}_changelist")
        for query in ("", f"?q={SEARCH_TERM}", f"?q={are_enquiry.reference}", "?q=example"):
            result = get(changelist + query)
            if result and result[0] == 200:
                for link in QUERY_LINK.findall(result[1]):
                    get(changelist + unescape(link))
        get(reverse(f"admin:{label}_{name}_add"))
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        for pk in model._default_manager.values_list("pk", flat=True):
            for view in ("change", "history", "delete"):
                get(reverse(f"admin:{label}_{name}_{view}", args=[pk]))
            # "View on site" redirects to the public page (an enquiry's reference).
            get(reverse("admin:view_on_site", args=[content_type.pk, pk]))
    # The enquiry page with every reply template inserted, of every organisation.
    for pk in Enquiry.objects.values_list("pk", flat=True):
        for template in ReplyTemplate.objects.values_list("pk", flat=True):
            get(reverse("admin:enquiries_enquiry_change", args=[pk]) + f"?template={template}")
    # The one-click actions on the enquiry page, on the other organisation's enquiry.
    for name, data in [
        ("assign_to_me", {}),
        ("resolve", {}),
        ("reroute", {"organisation": str(are_enquiry.organisation_id), "reason": "x"}),
    ]:
        url = reverse(f"admin:enquiries_enquiry_{name}", args=[are_enquiry.pk])
        response = client.post(url, data)
        fetched.append(
            (
                f"POST {url}",
                response.status_code,
                response.content.decode() + response.get("Location", ""),
            )
        )
    # Every action, over every row of every organisation.
    for model in MODELS:
        model_admin = admin.site.get_model_admin(model)
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        request = client.get(changelist).wsgi_request
        pks = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)]
        for action in model_admin.get_actions(request):
            for extra in (
                {},
                {"apply": "1", "organisation": str(are_enquiry.organisation_id), "reason": "x"},
            ):
                response = client.post(
                    changelist, {"action": action, "_selected_action": pks, **extra}
                )
                fetched.append(
                    (
                        f"POST {changelist} {action}",
                        response.status_code,
                        response.content.decode() + response.get("Location", ""),
                    )
                )
    fetched.append(("after", 200, client.get(reverse("admin:index")).content.decode()))
    return fetched


def leaks(fetched, secret: str) -> list[str]:
    """Pages showing ``secret``; a search for it that merely echoes it does not count."""
    return [
        f"{url} -> {status}"
        for url, status, body in fetched
        if secret.lower() in body.lower() and secret.lower() not in url.lower()
    ]


def test_ostersund_staff_see_no_are_enquiry_anywhere_in_the_admin(
    client, ostersund_staff, are_enquiry, own_enquiry, staff_of_are, capsys
):
    before = Enquiry.objects.filter(pk=are_enquiry.pk).values().get()
    client.force_login(ostersund_staff)
    fetched = crawl(client, are_enquiry)
    with capsys.disabled():
        print(f"\nenquiry isolation crawl: {len(fetched)} responses")
    assert leaks(fetched, SENTINEL) == []
    assert leaks(fetched, are_enquiry.reference) == []
    are_change = reverse("admin:enquiries_enquiry_change", args=[are_enquiry.pk])
    assert [url for url, _status, body in fetched if are_change in body] == []
    assert leaks(fetched, staff_of_are.email) == []
    # The actions changed nothing of Åre's.
    after = Enquiry.objects.filter(pk=are_enquiry.pk).values().get()
    assert after == before
    assert not RoutingDecision.objects.filter(enquiry=are_enquiry, kind="reroute").exists()
    # Not vacuous: many pages answered, and Östersund's own data is there.
    assert sum(status == 200 for _url, status, _body in fetched) >= 20
    assert leaks(fetched, OWN_MARKER)
    assert leaks(fetched, own_enquiry.reference)


def test_are_object_pages_are_refused_to_ostersund_staff(client, staff_of_ostersund, are_enquiry):
    client.force_login(staff_of_ostersund)
    for view in ("change", "history", "delete"):
        response = client.get(reverse(f"admin:enquiries_enquiry_{view}", args=[are_enquiry.pk]))
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:
            assert response["Location"] == reverse("admin:index")


def test_the_are_handler_sees_the_are_enquiry(client, staff_of_are, are_enquiry):
    client.force_login(staff_of_are)
    response = client.get(reverse("admin:enquiries_enquiry_change", args=[are_enquiry.pk]))
    assert SENTINEL in response.content.decode()


def test_a_superuser_sees_every_organisations_enquiries(client, superuser, are_enquiry):
    client.force_login(superuser)
    fetched = crawl(client, are_enquiry)
    assert leaks(fetched, SENTINEL)


# --- a re-routed enquiry: what Åre wrote stays with Åre -----------------------------------


@pytest.fixture
def rerouted_from_are(are_kommun, are, schools, staff_of_are, ostersunds_kommun, region):
    """An enquiry Åre handled (notes, access, assignment) and then re-routed to
    Östersund. The newcomer's own words carry no sentinel: the new organisation
    must see them."""
    from enquiries.services.privacy import enquiry_log_access
    from enquiries.services.triage import (
        enquiry_add_note,
        enquiry_assign,
        enquiry_reply,
        enquiry_reroute,
    )

    enquiry = RoutedEnquiryFactory(
        organisation=are_kommun,
        municipality=are,
        topic=schools,
        language="en",
        message=f"{OWN_MARKER} moving to Östersund after all",
    )
    enquiry_assign(enquiry=enquiry, assignee=staff_of_are, actor=staff_of_are)
    enquiry_log_access(enquiry=enquiry, user=staff_of_are, detail=f"{SENTINEL} viewed")
    enquiry_log_access(
        enquiry=enquiry, user=staff_of_are, changed=True, detail=f"{SENTINEL} changed"
    )
    enquiry_add_note(enquiry=enquiry, body=f"{SENTINEL} internal note", actor=staff_of_are)
    enquiry_reply(enquiry=enquiry, body="We have passed your question on.", actor=staff_of_are)
    return enquiry_reroute(
        enquiry=enquiry,
        organisation=ostersunds_kommun,
        reason="The newcomer now lives in Östersund.",
        actor=staff_of_are,
    )


def test_after_a_reroute_ostersund_sees_none_of_ares_notes_access_log_or_staff(
    client, ostersund_staff, rerouted_from_are, staff_of_are, capsys
):
    client.force_login(ostersund_staff)
    change = reverse("admin:enquiries_enquiry_change", args=[rerouted_from_are.pk])
    fetched = crawl(client, rerouted_from_are)
    fetched.append((change, *_fetch(client, change)))
    with capsys.disabled():
        print(f"\nre-routed enquiry isolation crawl: {len(fetched)} responses")
    assert leaks(fetched, SENTINEL) == []
    assert leaks(fetched, staff_of_are.email) == []
    # Not vacuous: Östersund opens the enquiry and reads the conversation and the
    # reason for the re-route, with Åre named as the organisation that wrote them.
    status, body = _fetch(client, change)
    assert status == 200
    assert OWN_MARKER in body
    assert "We have passed your question on." in body
    assert "The newcomer now lives in Östersund." in body
    assert "Åre kommun" in body


def test_after_a_reroute_are_keeps_its_own_access_log(client, rerouted_from_are, are_kommun):
    coordinator = StaffMembershipFactory(
        user=StaffUserFactory(email="coordinator@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.COORDINATOR,
    ).user
    client.force_login(coordinator)
    body = client.get(reverse("admin:enquiries_enquiryaccess_changelist")).content.decode()
    assert f"{SENTINEL} viewed" in body
    assert f"{SENTINEL} changed" in body


def test_after_a_reroute_notes_and_access_records_keep_the_organisation_that_wrote_them(
    rerouted_from_are, are_kommun
):
    assert EnquiryMessage.objects.get(enquiry=rerouted_from_are, kind="note").organisation == (
        are_kommun
    )
    access = EnquiryEvent.objects.filter(
        enquiry=rerouted_from_are, action__in=EnquiryEvent.ACCESS_ACTIONS
    )
    assert {event.organisation for event in access} == {are_kommun}


def _fetch(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    return response.status_code, response.content.decode() + response.get("Location", "")
