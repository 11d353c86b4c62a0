"""The "Target markets" admin view: who may open it, what it shows, the CSV exports,
and the upload form."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from markets.models import MarketDataImport, SignupCampaign
from portal.models import Organisation, StaffMembership
from tests.enquiries.factories import EnquiryFactory, schools_fixture  # noqa: F401 - fixture
from tests.portal.factories import (
    OrganisationFactory,
    StaffMembershipFactory,
    StaffUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SHORTLIST = "admin:markets_shortlist"


@pytest.fixture
def client(client):
    """The staff admin in English (it follows the browser's language; Swedish by default)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def other_region_staff(db):
    """A coordinator and a handler of a region that is not the county desk."""
    region = OrganisationFactory(
        name="Region Västernorrland", slug="region-vn", kind=Organisation.Kind.REGION
    )
    coordinator = StaffMembershipFactory(
        user=StaffUserFactory(email="coordinator@region-vn.example.org"),
        organisation=region,
        role=StaffMembership.Role.COORDINATOR,
    ).user
    handler = StaffMembershipFactory(
        user=StaffUserFactory(email="handler@region-vn.example.org"),
        organisation=region,
        role=StaffMembership.Role.HANDLER,
    ).user
    return coordinator, handler


def test_the_county_desk_sees_the_shortlist_with_evidence_history_and_the_explanation(
    client, staff_of_region, demo_files, frozen
):
    client.force_login(staff_of_region)
    response = client.get(reverse(SHORTLIST))
    assert response.status_code == 200
    body = response.content.decode()
    assert "How the ranking works" in body
    assert "Spain (ES)" in body
    assert "Shortage here, surplus there: Registered nurses (general)" in body
    assert "EU/EEA route: free movement, no work permit" in body
    assert "shortage_occupations.example.csv" in body  # the import history
    assert "SEK 34\xa0470 a month" in body
    assert "What each campaign brought" in body
    # "<5" in the explanation is text, not the start of a tag.
    assert "are shown as “&lt;5”" in body
    assert "“<" not in body


def test_a_region_coordinator_may_open_it_but_not_an_organisations_ordinary_staff(
    client, other_region_staff, staff_of_ostersund, handler_of_ostersund, staff_of_are
):
    coordinator, handler = other_region_staff
    client.force_login(coordinator)
    assert client.get(reverse(SHORTLIST)).status_code == 200
    for user in (handler, staff_of_ostersund, handler_of_ostersund, staff_of_are):
        client.force_login(user)
        for name in (
            SHORTLIST,
            "admin:markets_shortlist_csv",
            "admin:markets_campaigns_csv",
            "admin:markets_upload",
        ):
            assert client.get(reverse(name)).status_code == 403, (user.email, name)
        assert client.get(reverse("admin:markets_marketdataimport_changelist")).status_code == 403


def test_the_module_is_not_listed_for_an_organisations_staff(
    client, staff_of_ostersund, staff_of_region
):
    client.force_login(staff_of_ostersund)
    assert "/admin/markets/" not in client.get(reverse("admin:index")).content.decode()
    client.force_login(staff_of_region)
    assert "/admin/markets/" in client.get(reverse("admin:index")).content.decode()


def test_anonymous_visitors_are_sent_to_the_sign_in(client):
    response = client.get(reverse(SHORTLIST))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_shortlist_csv_has_every_ranked_and_excluded_country(
    client, staff_of_region, demo_files, frozen
):
    from tests.portal.factories import NewcomerProfileFactory

    NewcomerProfileFactory(country_of_origin="NG")
    client.force_login(staff_of_region)
    response = client.get(reverse("admin:markets_shortlist_csv"))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "sector,rank,country,name,points,route,excluded,reasons"
    health = [line for line in lines if line.startswith("healthcare,")]
    assert health[0].startswith('healthcare,1,ES,Spain,12,eu,,"Shortage here, surplus there')
    assert any(line.startswith("healthcare,,NG,Nigeria,") and ",yes," in line for line in health)


def test_campaign_counts_under_the_threshold_are_shown_as_less_than_five(
    client, staff_of_region, settings, frozen, schools
):
    settings.INSIGHTS_MIN_CELL = 5
    for _ in range(6):
        SignupCampaign.objects.create(
            user=UserFactory(), campaign="pl-forestry-2027", signed_up_on=frozen.date()
        )
    for _ in range(2):
        EnquiryFactory(campaign="pl-forestry-2027", topic=schools)
    client.force_login(staff_of_region)
    body = client.get(reverse(SHORTLIST)).content.decode()
    assert (
        '<th scope="row">pl-forestry-2027</th><td>6</td><td>&lt;5</td><td>&lt;5</td><td>&lt;5</td>'
        in body
    )
    csv_lines = client.get(reverse("admin:markets_campaigns_csv")).content.decode().splitlines()
    assert csv_lines == [
        "campaign,signups,enquiries,job_views,apply_clicks",
        "pl-forestry-2027,6,<5,<5,<5",
    ]


def test_the_upload_form_refuses_a_bad_file_and_imports_a_good_one(client, staff_of_region, frozen):
    client.force_login(staff_of_region)
    url = reverse("admin:markets_upload")
    assert client.get(url).status_code == 200
    bad = SimpleUploadedFile(
        "who.csv", b"country,list_year\nNG,2023\nXX,2023\n", content_type="text/csv"
    )
    response = client.post(url, {"kind": "who", "file": bad})
    assert response.status_code == 200
    assert (
        "Line 3, column country (XX): unknown ISO 3166 country code." in response.content.decode()
    )
    assert MarketDataImport.objects.count() == 0
    good = SimpleUploadedFile("who.csv", b"country,list_year\nNG,2023\n", content_type="text/csv")
    response = client.post(url, {"kind": "who", "file": good})
    assert response.status_code == 302
    assert response["Location"] == reverse(SHORTLIST)
    version = MarketDataImport.objects.get()
    assert (version.kind, version.row_count, version.imported_by) == ("who", 1, staff_of_region)


def test_a_region_coordinator_outside_the_county_desk_may_not_import(client, other_region_staff):
    coordinator, _handler = other_region_staff
    client.force_login(coordinator)
    assert client.get(reverse("admin:markets_upload")).status_code == 403
