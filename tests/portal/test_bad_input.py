"""Bad input is answered with 4xx, never with a server error (one test per finding)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from tests.enquiries.factories import schools_fixture  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client():
    """A client that checks CSRF like a browser's server would, and shows 500s."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


def csrf_token(client: Client) -> str:
    client.get(reverse("enquiries:enquiry_new"))
    return client.cookies["csrftoken"].value


def test_a_form_post_in_utf16_is_answered_400_with_the_sites_error_page(strict_client, region):
    token = csrf_token(strict_client)
    response = strict_client.post(
        reverse("enquiries:enquiry_new"),
        f"csrfmiddlewaretoken={token}&message=hello",
        content_type="application/x-www-form-urlencoded; charset=utf-16",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "<html lang=" in body
    assert "International House" in body


def test_a_choice_of_municipality_with_next_0_falls_back_to_the_guide_library(client, ostersund):
    response = client.post(
        reverse("guides:choose_municipality"), {"municipality": ostersund.pk, "next": "0"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("guides:guides")


def test_a_local_next_is_still_followed(client, ostersund):
    response = client.post(
        reverse("guides:choose_municipality"),
        {"municipality": ostersund.pk, "next": "/sv/guides/?page=2"},
    )
    assert response["Location"] == "/sv/guides/?page=2"


def test_a_contact_email_longer_than_the_database_allows_is_a_form_error(client, region, schools):
    address = ("a" * 300) + "@example.org"  # 312 characters
    response = client.post(
        reverse("enquiries:enquiry_new"),
        {
            "topic": schools.pk,
            "language": "en",
            "message": "Which school can my daughter go to?",
            "contact_email": address,
            "consent": "on",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("contact_email")


@pytest.mark.parametrize(
    "query",
    [
        "topic=abc",
        "municipality=%00",
        "status__exact=%00",
        "municipality=99999999999999999999",
        "id__exact=99999999999999999999999",  # PostgreSQL: the estimated count
    ],
)
def test_a_hand_edited_enquiry_filter_is_no_server_error(query, superuser):
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    response = client.get(f"{reverse('admin:enquiries_enquiry_changelist')}?{query}")
    assert response.status_code in (200, 302, 400)


def test_a_nul_byte_in_an_autocomplete_term_is_refused(superuser):
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    query = urlencode(
        {
            "app_label": "portal",
            "model_name": "staffmembership",
            "field_name": "user",
            "term": "\x00",
        }
    )
    assert client.get(f"{reverse('admin:autocomplete')}?{query}").status_code == 400


@pytest.mark.parametrize(
    ("app_label", "model_name", "field_name"),
    [("portal", "municipality", "organisations"), ("auth", "group", "user")],
)
def test_autocomplete_on_a_field_without_it_is_forbidden(
    app_label, model_name, field_name, superuser
):
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    query = urlencode(
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": "a"}
    )
    assert client.get(f"{reverse('admin:autocomplete')}?{query}").status_code == 403


def test_autocomplete_still_answers_for_an_autocomplete_field(superuser):
    client = Client()
    client.force_login(superuser)
    query = urlencode(
        {
            "app_label": "portal",
            "model_name": "staffmembership",
            "field_name": "user",
            "term": "adm",
        }
    )
    response = client.get(f"{reverse('admin:autocomplete')}?{query}")
    assert response.status_code == 200
    assert response.json()["results"][0]["text"] == "admin@example.org"


@pytest.mark.parametrize("year", ["9999", "99999999999999999999999", "abc"])
def test_a_date_hierarchy_year_out_of_range_is_a_bad_lookup(year, superuser):
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    response = client.get(f"{reverse('admin:events_event_changelist')}?starts_at__year={year}")
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
