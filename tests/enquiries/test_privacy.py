"""Privacy: anonymisation after retention, data export, account deletion, access log."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from enquiries.models import Enquiry, EnquiryEvent, EnquiryMessage
from enquiries.services.privacy import enquiries_anonymise_expired
from enquiries.tasks import anonymise_expired_enquiries
from portal.models import User
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    EnquiryMessageFactory,
    RoutedEnquiryFactory,
    schools_fixture,
)

pytestmark = pytest.mark.django_db


def url(name):
    with translation.override("en"):
        return reverse(f"enquiries:{name}")


def resolved(organisation, days_ago, **kwargs):
    return RoutedEnquiryFactory(
        organisation=organisation,
        status=Enquiry.Status.RESOLVED,
        due_at=None,
        resolved_at=timezone.now() - timedelta(days=days_ago),
        **kwargs,
    )


def test_closed_enquiries_are_anonymised_after_the_organisations_retention_period(
    are_kommun, staff_of_are
):
    are_kommun.enquiry_retention_days = 30
    are_kommun.save()
    old = resolved(
        are_kommun, 31, message="I am a newcomer in Åre", contact_email="newcomer.are7@example.org"
    )
    EnquiryMessageFactory(enquiry=old, author=staff_of_are, body="Dear newcomer in Åre")
    anonymise_expired_enquiries.delay()
    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert (old.message, old.contact_email, old.user) == ("", "", None)
    assert EnquiryMessage.objects.get(enquiry=old).body == ""
    # What the statistics need stays.
    assert (old.topic_id, old.organisation_id, old.language) != (None, None, "")


def test_enquiries_within_the_retention_period_are_kept(are_kommun):
    are_kommun.enquiry_retention_days = 30
    are_kommun.save()
    recent = resolved(are_kommun, 29)
    assert enquiries_anonymise_expired() == 0
    recent.refresh_from_db()
    assert recent.anonymised_at is None


def test_open_enquiries_are_never_anonymised_by_retention(are_kommun):
    are_kommun.enquiry_retention_days = 1
    are_kommun.save()
    RoutedEnquiryFactory(organisation=are_kommun, created_at=timezone.now() - timedelta(days=90))
    assert enquiries_anonymise_expired() == 0


def test_each_organisation_has_its_own_retention_period(are_kommun, ostersunds_kommun):
    are_kommun.enquiry_retention_days = 10
    are_kommun.save()
    ostersunds_kommun.enquiry_retention_days = 100
    ostersunds_kommun.save()
    at_are = resolved(are_kommun, 50)
    at_ostersund = resolved(ostersunds_kommun, 50)
    enquiries_anonymise_expired()
    at_are.refresh_from_db()
    at_ostersund.refresh_from_db()
    assert at_are.anonymised_at is not None
    assert at_ostersund.anonymised_at is None


def test_a_signed_in_newcomer_downloads_all_their_data_as_json(
    client, are_kommun, newcomer_in_are, staff_of_are
):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun, user=newcomer_in_are)
    EnquiryMessageFactory(enquiry=enquiry, author=staff_of_are, body="The answer")
    EnquiryMessageFactory(
        enquiry=enquiry, author=staff_of_are, kind=EnquiryMessage.Kind.NOTE, body="STAFF-NOTE"
    )
    client.force_login(newcomer_in_are)
    response = client.get(url("my_data_export"))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "newcomer.are@example.org"
    assert data["profile"]["municipality"] == "Åre"
    assert data["enquiries"][0]["reference"] == enquiry.reference
    assert data["enquiries"][0]["messages"][0]["text"] == "The answer"
    assert "STAFF-NOTE" not in response.content.decode()


def test_the_export_needs_a_signed_in_user(client):
    assert client.get(url("my_data_export")).status_code == 302


def test_deleting_the_account_keeps_only_anonymised_enquiries(client, are_kommun, newcomer_in_are):
    enquiry = RoutedEnquiryFactory(
        organisation=are_kommun, user=newcomer_in_are, contact_email="newcomer.are@example.org"
    )
    client.force_login(newcomer_in_are)
    response = client.post(url("account_delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(email="newcomer.are@example.org").exists()
    enquiry.refresh_from_db()
    assert enquiry.anonymised_at is not None
    assert enquiry.contact_email == ""
    assert enquiry.status == Enquiry.Status.RESOLVED


def test_deleting_needs_the_confirmation_box(client, newcomer_in_are):
    client.force_login(newcomer_in_are)
    response = client.post(url("account_delete"), {})
    assert response.status_code == 400
    assert User.objects.filter(pk=newcomer_in_are.pk).exists()


def test_staff_accounts_cannot_delete_themselves_here(client, staff_of_are):
    client.force_login(staff_of_are)
    assert client.post(url("account_delete"), {"confirm": "on"}).status_code == 403


def test_an_anonymised_enquiry_has_no_status_page(client, are_kommun):
    from enquiries.services.submission import enquiry_status_token

    enquiry = resolved(are_kommun, 1, anonymised_at=timezone.now())
    token = enquiry_status_token(reference=enquiry.reference)
    with translation.override("en"):
        path = enquiry.get_absolute_url()
    assert client.get(f"{path}?t={token}").status_code == 404


def test_the_access_log_keeps_who_viewed_an_enquiry_in_the_admin(client, are_kommun, staff_of_are):
    enquiry = RoutedEnquiryFactory(organisation=are_kommun)
    client.force_login(staff_of_are)
    client.get(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]))
    log = EnquiryEvent.objects.get(enquiry=enquiry, action=EnquiryEvent.Action.VIEWED)
    assert log.actor == staff_of_are
