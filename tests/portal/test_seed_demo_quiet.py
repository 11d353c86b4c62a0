"""A fresh demo (``make run``) sends no e-mails about demo data (issue 15): the first
enquiry sent after ``seed_demo`` sends exactly the e-mails about that enquiry."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from config.celery import app
from enquiries.models import Enquiry
from enquiries.services.submission import enquiry_submit
from guides.models import Topic
from notifications.models import OutboundEmail
from portal.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def test_the_first_enquiry_after_seed_demo_sends_only_its_own_e_mails(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    assert not OutboundEmail.objects.exclude(state=OutboundEmail.State.SENT).exists()
    mail.outbox.clear()
    before = set(OutboundEmail.objects.values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        enquiry = enquiry_submit(
            topic=Topic.objects.get(slug="family-school"),
            municipality=Municipality.objects.get(code="2321"),
            language="en",
            message="Which school can my daughter go to in Åre?",
            contact_email="newcomer.first@example.org",
        )

    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.OPEN
    new_rows = OutboundEmail.objects.exclude(pk__in=before)
    assert {row.enquiry_id for row in new_rows} == {enquiry.pk}
    assert len(mail.outbox) == new_rows.count()
    assert 2 <= len(mail.outbox) <= 3  # confirmation, the organisation, perhaps the handler


def test_a_demo_enquiry_past_its_promise_is_marked_but_nobody_is_e_mailed(are_kommun):
    import datetime

    import time_machine
    from django.utils import timezone

    from enquiries.services.sla import enquiry_check_deadlines
    from tests.enquiries.factories import RoutedEnquiryFactory

    now = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(now, tick=False):
        demo = RoutedEnquiryFactory(
            organisation=are_kommun, is_demo=True, due_at=now - datetime.timedelta(hours=1)
        )
        real = RoutedEnquiryFactory(
            organisation=are_kommun, due_at=now - datetime.timedelta(hours=1)
        )
        run = enquiry_check_deadlines(now=timezone.now())
    assert run.breached == 2
    demo.refresh_from_db()
    assert demo.breached_at is not None
    assert not OutboundEmail.objects.filter(enquiry=demo).exists()
    assert OutboundEmail.objects.filter(enquiry=real).exists()
