"""Organisation isolation in the staff admin — the portal's main security property.

A sentinel string is planted in every text field of another organisation's data.
Signed in as staff of Östersunds kommun, the test requests every admin URL the user
can reach — discovered from the admin site (``registered_model_admins``), so a new
ModelAdmin joins the test without anyone editing it — and asserts the sentinel appears
in no response.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import parse_qs, urlencode

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse

from portal.models import Organisation, StaffMembership
from tests.conftest import registered_model_admins
from tests.employers.factories import (
    EmployerFactory,
    EmployerInvitationFactory,
    EmployerMembershipFactory,
    JobFactory,
)
from tests.hires.factories import HireReferralFactory
from tests.portal.factories import (
    NewcomerProfileFactory,
    OrganisationFactory,
    StaffMembershipFactory,
    StaffUserFactory,
    UserFactory,
)

SENTINEL = "SENTINEL-7f3a"
#: What the crawl searches for: part of the sentinel, so a page that merely echoes
#: the search term does not count as a leak, but any planted value matches it.
SEARCH_TERM = "7f3a"
#: The own organisation's marker, to prove the crawl is not vacuous.
OWN_MARKER = "OWNMARK-2b9c"


@dataclass
class Fetched:
    method: str
    url: str
    status: int
    body: str
    location: str


@pytest.fixture
def other_organisation(db, ostersund):
    """Another organisation whose every text field carries the sentinel."""
    organisation = OrganisationFactory(
        name=f"{SENTINEL} Partner",
        slug=SENTINEL.lower(),
        kind=Organisation.Kind.NGO,
        contact_email=f"{SENTINEL.lower()}@example.org",
        languages=["sv", "ar"],
    )
    organisation.municipalities.add(ostersund)
    staff = StaffUserFactory(
        email=f"{SENTINEL.lower()}.staff@example.org", first_name=f"{SENTINEL} Staff"
    )
    membership = StaffMembershipFactory(
        user=staff, organisation=organisation, role=StaffMembership.Role.COORDINATOR
    )
    newcomer = NewcomerProfileFactory(
        user=UserFactory(
            email=f"{SENTINEL.lower()}.newcomer@example.org", first_name=f"{SENTINEL} Newcomer"
        ),
        municipality=ostersund,
    )
    # An employer the other organisation vets, with its people and an ad.
    employer = EmployerFactory(
        name=f"{SENTINEL} Employer AB", organisation=organisation, municipality=ostersund
    )
    EmployerMembershipFactory(employer=employer, user=staff)
    EmployerInvitationFactory(employer=employer, email=f"{SENTINEL.lower()}.invite@example.org")
    JobFactory(employer=employer, title_sv=f"{SENTINEL} jobb", street_address=SENTINEL)
    # A hire the employer referred, with a ticked step of its checklist.
    referral = HireReferralFactory(
        employer=employer,
        email=f"{SENTINEL.lower()}.hire@example.org",
        partner_email=f"{SENTINEL.lower()}.partner@example.org",
        board_ad_id=SENTINEL,
        municipality=ostersund,
    )
    referral.ticks.create(step="advertise")
    # The other organisation's own admin history.
    for obj in (organisation, membership, staff):
        LogEntry.objects.log_actions(
            user_id=staff.pk,
            queryset=[obj],
            action_flag=CHANGE,
            change_message=f"{SENTINEL} edit",
            single_object=True,
        )
    return {
        "organisation": organisation,
        "membership": membership,
        "staff": staff,
        "newcomer": newcomer,
    }


@pytest.fixture
def own_data(ostersunds_kommun, ostersund):
    """A colleague and a newcomer in Östersund, marked so the crawl can find them."""
    colleague = StaffMembershipFactory(
        user=StaffUserFactory(
            email="colleague@ostersund.example.org", first_name=f"{OWN_MARKER} Colleague"
        ),
        organisation=ostersunds_kommun,
        role=StaffMembership.Role.HANDLER,
    )
    NewcomerProfileFactory(
        user=UserFactory(email="newcomer.ostersund@example.org"), municipality=ostersund
    )
    return colleague


def all_roles_staff(organisation):
    user = StaffUserFactory(email="allroles@ostersund.example.org")
    for role in StaffMembership.Role.values:
        StaffMembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture(params=["coordinator", "all_roles_and_every_django_permission"])
def ostersund_staff(request, staff_of_ostersund, ostersunds_kommun):
    """A coordinator; and a non-superuser with every role and every Django permission
    (Django permissions must add nothing: access comes from the roles)."""
    if request.param == "coordinator":
        return staff_of_ostersund
    user = all_roles_staff(ostersunds_kommun)
    user.user_permissions.set(Permission.objects.all())
    assert not user.is_superuser
    return user


# --- the crawler ----------------------------------------------------------------------


def admin_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def object_urls(model, obj) -> list[str]:
    info = (model._meta.app_label, model._meta.model_name)
    return [
        reverse(f"admin:{info[0]}_{info[1]}_{view}", args=[obj.pk])
        for view in ("change", "history", "delete")
    ]


def discovered_get_urls(user) -> list[str]:
    """Every admin page, from the registry: index, app indexes, change lists (with a
    search), add pages, every object's change/history/delete page, autocompletes."""
    urls = [reverse("admin:index")]
    app_labels = []
    for model, model_admin in registered_model_admins():
        label, name = model._meta.app_label, model._meta.model_name
        if label not in app_labels:
            app_labels.append(label)
        changelist = reverse(f"admin:{label}_{name}_changelist")
        urls += [changelist, f"{changelist}?q={SEARCH_TERM}", reverse(f"admin:{label}_{name}_add")]
        content_type = ContentType.objects.get_for_model(model)
        for obj in model._default_manager.all():
            urls += object_urls(model, obj)
            # "View on site": a redirect to the object's public page.
            urls.append(reverse("admin:view_on_site", args=[content_type.pk, obj.pk]))
        for field_name in model_admin.get_autocomplete_fields(admin_request(user)):
            for term in ("", SEARCH_TERM, "example"):
                query = urlencode(
                    {"app_label": label, "model_name": name, "field_name": field_name, "term": term}
                )
                urls.append(f"{reverse('admin:autocomplete')}?{query}")
    urls += [reverse("admin:app_list", args=[label]) for label in app_labels]
    return urls


QUERY_LINK = re.compile(r'href="(\?[^"]*)"')


def record(fetched: list[Fetched], method: str, label: str, response) -> Fetched:
    item = Fetched(
        method, label, response.status_code, response.content.decode(), response.get("Location", "")
    )
    fetched.append(item)
    return item


def crawl(client, user) -> list[Fetched]:
    """GET every discovered page, follow every list-filter link of every change list,
    then run every action over every row of every organisation."""
    fetched: list[Fetched] = []
    seen: set[str] = set()

    def get(url: str) -> Fetched | None:
        if url in seen:
            return None
        seen.add(url)
        return record(fetched, "GET", url, client.get(url))

    for url in discovered_get_urls(user):
        page = get(url)
        if page and page.status == 200 and "?" not in url and 'id="changelist"' in page.body:
            for query in QUERY_LINK.findall(page.body):
                query = unescape(query)
                if "o" not in parse_qs(query[1:]):  # sorting shows the same rows
                    get(url + query)

    for model, model_admin in registered_model_admins():
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        every_pk = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)]
        for action in model_admin.get_actions(admin_request(user)):
            data = {"action": action, "index": 0, "_selected_action": every_pk}
            response = record(
                fetched, "POST", f"{changelist} action={action}", client.post(changelist, data)
            )
            if response.status == 302:
                get(response.location)
    # Messages set before a redirect are shown on the next page.
    record(fetched, "GET", "/admin/ (last)", client.get(reverse("admin:index")))
    return fetched


def pages_containing(fetched: list[Fetched], text: str) -> list[str]:
    """The requests whose response body or redirect contains ``text`` (any case)."""
    text = text.lower()
    return [
        f"{item.method} {item.url} -> {item.status}"
        for item in fetched
        if text in item.body.lower() or text in item.location.lower()
    ]


# --- the tests --------------------------------------------------------------------------


def test_no_admin_page_shows_another_organisations_data_to_ostersund_staff(
    client, ostersund_staff, own_data, other_organisation, staff_of_are, capsys
):
    client.force_login(ostersund_staff)
    fetched = crawl(client, ostersund_staff)
    with capsys.disabled():
        print(f"\nadmin isolation crawl: {len(fetched)} responses")
    assert pages_containing(fetched, SENTINEL) == []
    assert pages_containing(fetched, staff_of_are.email) == []
    # Not vacuous: many pages answered, and the user's own data is there.
    assert sum(item.status == 200 for item in fetched) >= 20
    assert pages_containing(fetched, OWN_MARKER)
    assert pages_containing(fetched, "Östersunds kommun")


def test_the_other_organisations_object_pages_are_refused_to_ostersund_staff(
    client, ostersund_staff, other_organisation
):
    client.force_login(ostersund_staff)
    for obj in (
        other_organisation["organisation"],
        other_organisation["membership"],
        other_organisation["staff"],
        other_organisation["newcomer"],
    ):
        for url in object_urls(type(obj), obj):
            response = client.get(url)
            assert response.status_code in (302, 403, 404), url
            if response.status_code == 302:
                assert response["Location"] == reverse("admin:index")


def test_a_superuser_sees_every_organisations_data(client, superuser, other_organisation):
    client.force_login(superuser)
    for model in ("organisation", "staffmembership", "user", "newcomerprofile"):
        response = client.get(reverse(f"admin:portal_{model}_changelist"))
        assert SENTINEL.lower() in response.content.decode().lower(), model


def test_a_confirmed_delete_action_does_not_reach_another_organisations_rows(
    client, staff_of_ostersund, own_data, other_organisation
):
    client.force_login(staff_of_ostersund)
    theirs = other_organisation["membership"]
    client.post(
        reverse("admin:portal_staffmembership_changelist"),
        {"action": "delete_selected", "post": "yes", "_selected_action": [own_data.pk, theirs.pk]},
    )
    assert not StaffMembership.objects.filter(pk=own_data.pk).exists()
    assert StaffMembership.objects.filter(pk=theirs.pk).exists()


def test_django_permissions_alone_open_no_admin_page(client, db):
    """Access comes from a role in an organisation, never from Django permissions."""
    user = StaffUserFactory(email="no.membership@example.org")
    user.user_permissions.set(Permission.objects.all())
    client.force_login(user)
    assert client.get(reverse("admin:index")).context["app_list"] == []
    for model, _model_admin in registered_model_admins():
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(url).status_code == 403, url


def test_view_on_site_redirects_only_for_objects_the_user_may_view(
    client, staff_of_ostersund, are_kommun, ostersunds_kommun
):
    from tests.enquiries.factories import RoutedEnquiryFactory

    theirs = RoutedEnquiryFactory(organisation=are_kommun)
    ours = RoutedEnquiryFactory(organisation=ostersunds_kommun)
    content_type = ContentType.objects.get_for_model(theirs)
    client.force_login(staff_of_ostersund)
    refused = client.get(reverse("admin:view_on_site", args=[content_type.pk, theirs.pk]))
    assert refused.status_code == 404
    assert theirs.reference not in refused.content.decode()
    allowed = client.get(reverse("admin:view_on_site", args=[content_type.pk, ours.pk]))
    assert allowed.status_code == 302
    assert ours.reference in allowed["Location"]
