"""Campaign tags on links: enquiries, sign-ups and job clicks remember them, without a
tracking cookie."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from enquiries.models import Enquiry
from markets.campaigns import SESSION_KEY, campaign_clean
from markets.models import JobCampaignClicks, SignupCampaign
from tests.employers.conftest import business_organisation  # noqa: F401 - fixture
from tests.employers.factories import JobFactory
from tests.employers.test_enquiries import (  # noqa: F401 - fixtures
    employer_rules,
    employment_service,
    permits,
)
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    healthcare_fixture,
    routing_fixture,
    schools_fixture,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

TAG = "pl-forestry-2027"
HIDDEN = f'<input type="hidden" name="campaign" value="{TAG}">'


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs or None)


@pytest.fixture
def enquiry_data(schools, are):
    return {
        "topic": schools.pk,
        "municipality": are.pk,
        "language": "en",
        "message": "Which school can my daughter go to in Åre?",
        "contact_email": "parent@example.org",
        "consent": "on",
        "website": "",
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (TAG, TAG),
        ("PL-Forestry-2027", TAG),
        ("spring_2027", "spring_2027"),
        ("a" * 60, "a" * 60),
        ("a" * 61, None),
        ("", None),
        ("-leading", None),
        ("two--hyphens", None),
        ("<script>", None),
        ("skåne-2027", None),
        (None, None),
    ],
)
def test_a_campaign_tag_is_a_short_slug(value, expected):
    assert campaign_clean(value) == expected


def test_the_enquiry_form_carries_the_campaign_and_the_enquiry_keeps_it(
    client, enquiry_data, routing, django_capture_on_commit_callbacks
):
    page = client.get(url("enquiries:enquiry_new") + f"?campaign={TAG}").content.decode()
    assert HIDDEN in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("enquiries:enquiry_new"), {**enquiry_data, "campaign": TAG})
    assert response.status_code == 302
    assert Enquiry.objects.get().campaign == TAG


def test_an_enquiry_without_a_valid_campaign_keeps_none(
    client, enquiry_data, routing, django_capture_on_commit_callbacks
):
    page = client.get(url("enquiries:enquiry_new") + "?campaign=%3Cscript%3E").content.decode()
    assert 'name="campaign"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("enquiries:enquiry_new"), {**enquiry_data, "campaign": "<script>"})
    assert Enquiry.objects.get().campaign is None


def test_an_employers_enquiry_keeps_the_campaign(
    client,
    employer_rules,  # noqa: F811 - the fixture imported above
    permits,  # noqa: F811 - the fixture imported above
    are,
    django_capture_on_commit_callbacks,
):
    assert HIDDEN in client.get(url("employers:enquiry_new") + f"?campaign={TAG}").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("employers:enquiry_new"),
            {
                "topic": permits.pk,
                "municipality": are.pk,
                "language": "sv",
                "message": "We want to recruit a forestry worker from abroad.",
                "contact_email": "hr@example.org",
                "consent": "on",
                "campaign": TAG,
            },
        )
    assert response.status_code == 302
    assert Enquiry.objects.get().campaign == TAG


def test_a_sign_up_remembers_the_campaign(client, django_capture_on_commit_callbacks):
    page = client.get(url("account_signup") + f"?campaign={TAG}").content.decode()
    assert HIDDEN in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("account_signup"),
            {
                "email": "newcomer.forestry@example.org",
                "password1": "a-long-demo-passphrase-2027",
                "password2": "a-long-demo-passphrase-2027",
                "campaign": TAG,
            },
        )
    assert response.status_code == 302
    record = SignupCampaign.objects.get()
    assert (record.user.email, record.campaign) == ("newcomer.forestry@example.org", TAG)


def test_a_sign_up_without_a_campaign_records_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("account_signup"),
            {
                "email": "newcomer.plain@example.org",
                "password1": "a-long-demo-passphrase-2027",
                "password2": "a-long-demo-passphrase-2027",
            },
        )
    assert SignupCampaign.objects.count() == 0


def test_job_page_views_and_apply_clicks_are_counted_per_campaign_and_day(client, frozen):
    job = JobFactory(apply_url="https://jobs.example.org/apply/17")
    page_url = url("employers:job", pk=job.pk)
    page = client.get(f"{page_url}?campaign={TAG}").content.decode()
    apply_url = url("markets:job_apply", pk=job.pk) + f"?campaign={TAG}"
    assert f'href="{apply_url}"' in page
    client.get(f"{page_url}?campaign={TAG}")
    client.head(f"{page_url}?campaign={TAG}")  # not a view
    client.get(page_url)  # no campaign: not counted
    response = client.get(apply_url)
    assert response.status_code == 302
    assert response["Location"] == "https://jobs.example.org/apply/17"
    counted = {
        (row.job_id, row.campaign, row.day.isoformat(), row.kind): row.count
        for row in JobCampaignClicks.objects.all()
    }
    assert counted == {
        (job.pk, TAG, "2026-12-04", "view"): 2,
        (job.pk, TAG, "2026-12-04", "apply"): 1,
    }


def test_the_apply_link_without_a_campaign_goes_straight_to_the_employer(client):
    job = JobFactory(apply_email="jobs@example.org", apply_url="")
    page = client.get(url("employers:job", pk=job.pk)).content.decode()
    assert 'href="mailto:jobs@example.org"' in page
    assert "/apply/" not in page
    response = client.get(url("markets:job_apply", pk=job.pk) + f"?campaign={TAG}")
    assert response["Location"] == "mailto:jobs@example.org"


def test_the_job_list_carries_the_campaign_to_the_job_page(client):
    job = JobFactory()
    page = client.get(url("employers:jobs") + f"?campaign={TAG}").content.decode()
    assert f'href="{job.get_absolute_url()}?campaign={TAG}"' in page


@pytest.mark.parametrize("page", ["home", "enquiries:enquiry_new", "employers:jobs"])
def test_a_first_anonymous_visit_with_a_campaign_sets_no_cookie(client, page, schools):
    plain = client.get(url(page))
    client.cookies.clear()
    tagged = client.get(url(page) + f"?campaign={TAG}")
    assert sorted(tagged.cookies) == sorted(plain.cookies)
    assert "sessionid" not in tagged.cookies
    assert not any(TAG in morsel.value for morsel in tagged.cookies.values())


def test_a_signed_in_visitor_keeps_the_campaign_in_the_existing_session(
    client, enquiry_data, routing, django_capture_on_commit_callbacks
):
    user = UserFactory(email="parent@example.org")
    client.force_login(user)
    client.get(url("home") + f"?campaign={TAG}")
    assert client.session[SESSION_KEY] == TAG
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("enquiries:enquiry_new"), enquiry_data)  # no hidden field
    assert Enquiry.objects.get().campaign == TAG
