"""Routing records its notifications; the mail worker writes them just before sending."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from enquiries.models import Enquiry
from enquiries.services.privacy import enquiries_anonymise_expired
from enquiries.services.routing import enquiry_route
from enquiries.services.triage import enquiry_reroute
from notifications.models import OutboundEmail
from notifications.services import email_send
from portal.models import StaffMembership
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    EnquiryFactory,
    healthcare_fixture,
    routing_fixture,
    schools_fixture,
)
from tests.portal.factories import StaffMembershipFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def routed(routing, schools, are, staff_of_are):
    enquiry = EnquiryFactory(topic=schools, municipality=are, language="ar")
    enquiry_route(enquiry_id=enquiry.pk)
    enquiry.refresh_from_db()
    return enquiry


def notification(enquiry: Enquiry, who: str, cause: str = "routed", cycle: int = 1):
    return OutboundEmail.objects.get(key=f"enquiry:{enquiry.pk}:{cause}:{cycle}:{who}")


def test_routing_records_the_notification_unwritten_and_the_worker_writes_it(
    routed, are_kommun, staff_of_are
):
    email = notification(routed, "organisation")
    assert email.template == "enquiry_routed"
    assert (email.subject, email.body) == ("", "")
    assert email.context["enquiry"] == routed.pk
    assert email.context["organisation"] == are_kommun.pk
    assert email_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.SENT
    assert email.template == ""
    assert routed.display_reference in email.subject
    assert str(are_kommun) in email.body
    assert str(staff_of_are) in email.body
    sent = mail.outbox[-1]
    assert sent.to == [are_kommun.contact_email]
    assert (sent.subject, sent.body) == (email.subject, email.body)
    # Sending is once: a second delivery of the task writes and sends nothing.
    assert not email_send(email_id=email.pk)
    assert len([m for m in mail.outbox if m.to == [are_kommun.contact_email]]) == 1


def test_a_notification_written_after_a_reroute_tells_what_was_true_when_it_was_caused(
    routed, are_kommun, ostersunds_kommun, staff_of_are
):
    handler_of_ostersund = StaffMembershipFactory(
        user=StaffUserFactory(email="arabic@ostersund.example.org"),
        organisation=ostersunds_kommun,
        role=StaffMembership.Role.HANDLER,
        languages=["ar"],
    ).user
    routed_due = routed.due_at
    enquiry_reroute(
        enquiry=routed,
        organisation=ostersunds_kommun,
        reason="Lives in Östersund",
        actor=staff_of_are,
    )
    routed.refresh_from_db()
    assert routed.assignee == handler_of_ostersund
    email = notification(routed, "organisation")
    assert email_send(email_id=email.pk)
    email.refresh_from_db()
    # Åre's inbox reads about Åre, its own handler and its own promise; Östersund's
    # handler is not named to another organisation.
    assert str(are_kommun) in email.body
    assert str(staff_of_are) in email.body
    assert str(handler_of_ostersund) not in email.body
    assert timezone.localtime(routed_due).strftime("%Y-%m-%d %H:%M") in email.body
    rerouted = notification(routed, "organisation", cause="rerouted", cycle=2)
    assert rerouted.recipient == ostersunds_kommun.contact_email
    assert email_send(email_id=rerouted.pk)
    rerouted.refresh_from_db()
    assert str(ostersunds_kommun) in rerouted.body
    assert str(handler_of_ostersund) in rerouted.body


def test_a_notification_about_an_enquiry_that_is_gone_fails_without_sending(routed):
    email = notification(routed, "organisation")
    Enquiry.objects.filter(pk=routed.pk).delete()
    outbox = len(mail.outbox)
    assert not email_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.FAILED
    assert len(mail.outbox) == outbox


def test_anonymising_clears_an_unwritten_notification(routed, settings):
    email = notification(routed, "organisation")
    routed.status = Enquiry.Status.RESOLVED
    routed.resolved_at = timezone.now() - timedelta(days=4000)
    routed.save()
    enquiries_anonymise_expired()
    email.refresh_from_db()
    assert (email.template, email.context, email.body) == ("", {}, "")
