"""Done when: an enquiry in Arabic about schools in Åre is routed by a live worker
on Redis to Åre kommun, assigned to its Arabic-speaking handler, and a confirmation
e-mail in Arabic is sent (real-services tier)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from config.celery import app as celery_app
from enquiries.models import Enquiry
from notifications.models import OutboundEmail
from portal.models import StaffMembership
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    healthcare_fixture,
    routing_fixture,
    schools_fixture,
)
from tests.portal.factories import StaffMembershipFactory, StaffUserFactory
from tests.services.enquiry_helpers import LoggedWorker, use_broker, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker(tmp_path, redis_server):
    original = celery_app.conf.broker_url
    use_broker(redis_server.url)
    live = LoggedWorker(
        tmp_path / "worker.log",
        "routing",
        REDIS_URL=redis_server.url,
        CELERY_BROKER_URL=redis_server.url,
    ).start()
    yield live
    live.stop()
    use_broker(original)


def test_an_arabic_enquiry_about_schools_in_are_reaches_the_arabic_speaking_handler(
    client, worker, routing, schools, are, are_kommun, staff_of_are
):
    # A Swedish-speaking colleague with no enquiries at all: least loaded, but no Arabic.
    StaffMembershipFactory(
        user=StaffUserFactory(email="swedish.handler@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.HANDLER,
        languages=["sv", "en"],
    )
    with translation.override("ar"):
        url = reverse("enquiries:enquiry_new")
    response = client.post(
        url,
        {
            "topic": schools.pk,
            "municipality": are.pk,
            "language": "ar",
            "message": "أين يمكن لابنتي أن تذهب إلى المدرسة في أوره؟",
            "contact_email": "family@example.org",
            "consent": "on",
            "website": "",
        },
    )
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()

    def routed_and_confirmed() -> bool:
        enquiry.refresh_from_db()
        return (
            enquiry.status == Enquiry.Status.OPEN
            and OutboundEmail.objects.filter(
                enquiry=enquiry, state=OutboundEmail.State.SENT, key__endswith=":confirmation"
            ).exists()
        )

    wait_until(routed_and_confirmed, 60, "routing and the confirmation", worker.output)
    assert enquiry.organisation == are_kommun
    assert enquiry.assignee == staff_of_are  # handler@are.example.org speaks Arabic
    confirmation = OutboundEmail.objects.get(enquiry=enquiry, key__endswith=":confirmation")
    assert confirmation.recipient == "family@example.org"
    assert confirmation.language == "ar"
    assert f"/ar/enquiries/{enquiry.reference}/?t=" in confirmation.body
    with translation.override("ar"):
        from django.template.loader import render_to_string

        expected_subject = " ".join(
            render_to_string(
                "enquiries/emails/enquiry_confirmation_subject.txt", {"enquiry": enquiry}
            ).split()
        )
    assert confirmation.subject == expected_subject
    assert "Content-Language: ar" in worker.output()
