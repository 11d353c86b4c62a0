"""Data migrations of the enquiries app, run on rows written before them."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
import time_machine
from django.apps import apps

from enquiries.models import EnquiryEvent, EnquiryMessage
from enquiries.services.triage import enquiry_add_note, enquiry_reroute
from tests.enquiries.factories import RoutedEnquiryFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)
keep_their_organisation = importlib.import_module(
    "enquiries.migrations.0002_notes_and_access_records_keep_their_organisation"
)


def test_rows_written_before_a_reroute_go_to_the_organisation_that_wrote_them(
    are_kommun, ostersunds_kommun, staff_of_are, staff_of_ostersund
):
    with time_machine.travel(NOW, tick=False):
        enquiry = RoutedEnquiryFactory(organisation=are_kommun)
        enquiry_add_note(enquiry=enquiry, body="Åre's note", actor=staff_of_are)
    with time_machine.travel(NOW + dt.timedelta(hours=1), tick=False):
        enquiry_reroute(
            enquiry=enquiry, organisation=ostersunds_kommun, reason="moved", actor=staff_of_are
        )
    with time_machine.travel(NOW + dt.timedelta(hours=2), tick=False):
        enquiry_add_note(enquiry=enquiry, body="Östersund's note", actor=staff_of_ostersund)
    # As before the migration: no row knows its organisation.
    EnquiryEvent.objects.update(organisation=None)
    EnquiryMessage.objects.update(organisation=None)

    keep_their_organisation.from_the_enquirys_organisation(apps, None)

    notes = dict(EnquiryMessage.objects.values_list("body", "organisation"))
    assert notes == {"Åre's note": are_kommun.pk, "Östersund's note": ostersunds_kommun.pk}
    by_action = {
        event.action: event.organisation_id
        for event in EnquiryEvent.objects.filter(enquiry=enquiry).exclude(action="noted")
    }
    assert by_action["rerouted"] == are_kommun.pk
    noted = list(
        EnquiryEvent.objects.filter(action="noted")
        .order_by("created_at")
        .values_list("organisation", flat=True)
    )
    assert noted == [are_kommun.pk, ostersunds_kommun.pk]
