"""One way out: every e-mail is an outbox row written with its cause, sent after
commit, written just before sending in its reader's language."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from ambassadors import matching
from ambassadors.models import Concern, Match, Message
from ambassadors.notifications import notify, send_check_in
from events import services as services_events
from events.models import Event
from notifications.models import OutboundEmail
from notifications.services import email_queue, email_send, email_sweep
from portal.models import StaffMembership
from tests.ambassadors.factories import AmbassadorFactory, BuddyRequestFactory
from tests.portal.factories import (
    OrganisationFactory,
    StaffMembershipFactory,
    StaffUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)

#: Each kind of e-mail to an ambassador or a newcomer: (kind, who reads it, its subject in English).
PERSONAL = [
    ("application_approved", "ambassador", "Welcome as an ambassador"),
    ("application_declined", "ambassador", "Your ambassador application"),
    ("ambassador_suspended", "ambassador", "Your ambassador role is suspended"),
    ("ambassador_reinstated", "ambassador", "You are an ambassador again"),
    ("offer_made", "ambassador", "A newcomer would like an ambassador"),
    ("offer_expired", "ambassador", "An offer has passed to another ambassador"),
    ("offer_accepted", "newcomer", "You have an ambassador"),
    ("match_ended", "ambassador", "Your buddy match has ended"),
    ("match_ended_suspension", "newcomer", "Your buddy match has ended"),
    ("message_sent", "ambassador", "New message from %(name)s"),
]
#: E-mails to staff, always in Swedish.
STAFF = [
    ("application_received", "New ambassador application"),
    ("request_waiting", "A buddy request is on the waiting list"),
    ("concern_reported", "A concern about a buddy match"),
]


@pytest.fixture
def people(db):
    """An accepted match between an ambassador and a newcomer, with a message and a concern."""

    def build(language: str) -> dict:
        organisation = OrganisationFactory(contact_email="desk@organisation.example.org")
        ambassador = AmbassadorFactory(
            organisation=organisation,
            preferred_language=language,
            decline_reason="Not this time.",
            suspension_reason="A concern is being looked into.",
        )
        request = BuddyRequestFactory(organisation=organisation, contact_language=language)
        match = Match.objects.create(
            request=request,
            ambassador=ambassador,
            status=Match.Status.ACCEPTED,
            offered_at=NOW,
            deadline=NOW + datetime.timedelta(days=3),
            responded_at=NOW,
            ended_by=request.newcomer,
        )
        message = Message.objects.create(match=match, sender=request.newcomer, body="Hello!")
        concern = Concern.objects.create(
            organisation=organisation, match=match, reporter=request.newcomer, description="x"
        )
        return {
            "ambassador": ambassador,
            "newcomer": request.newcomer,
            "rows": {
                "ambassador": ambassador.pk,
                "buddy_request": request.pk,
                "match": match.pk,
                "message": message.pk,
                "concern": concern.pk,
            },
        }

    return build


def pk_for(kind: str, rows: dict) -> int:
    if kind.startswith(("application_", "ambassador_")):
        return rows["ambassador"]
    if kind == "request_waiting":
        return rows["buddy_request"]
    if kind in {"message_sent", "concern_reported"}:
        return rows[kind.split("_")[0]]
    return rows["match"]


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
@pytest.mark.parametrize(("kind", "reader", "subject"), PERSONAL)
def test_each_e_mail_to_a_person_is_written_in_their_language(
    kind, reader, subject, language, people, django_capture_on_commit_callbacks
):
    scene = people(language)
    with time_machine.travel(NOW, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            notify(kind, pk_for(kind, scene["rows"]))
        (message,) = mail.outbox
        reader_user = scene[reader] if reader == "newcomer" else scene["ambassador"].user
        assert message.to == [reader_user.email]
        assert message.extra_headers["Content-Language"] == language
        with translation.override(language):
            expected = gettext(subject) % {"name": scene["newcomer"].get_short_name()}
        assert message.subject == expected
        if language != "en":
            with translation.override(language):
                assert gettext(subject) != subject  # the catalogue has it
        assert "{{" not in message.body
        assert "%(" not in message.body
        assert f"/{language}/" in message.body or "@" in message.body  # a link in its language
        assert reader_user.get_short_name() in message.body


@pytest.mark.parametrize(("kind", "subject"), STAFF)
def test_e_mails_to_staff_go_to_the_desk_and_coordinators_in_swedish(
    kind, subject, people, django_capture_on_commit_callbacks
):
    scene = people("ar")
    coordinator = StaffUserFactory()
    organisation = scene["ambassador"].organisation
    StaffMembershipFactory(
        user=coordinator, organisation=organisation, role=StaffMembership.Role.COORDINATOR
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind, pk_for(kind, scene["rows"]))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [coordinator.email, "desk@organisation.example.org"]
    )
    with translation.override("sv"):
        assert {m.subject for m in mail.outbox} == {gettext(subject)}
    assert all(m.extra_headers["Content-Language"] == "sv" for m in mail.outbox)
    assert all("/admin/" in m.body for m in mail.outbox)


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
def test_check_ins_and_staff_ended_matches_reach_both_sides_in_their_languages(
    language, people, django_capture_on_commit_callbacks
):
    scene = people(language)
    match = Match.objects.get(pk=scene["rows"]["match"])
    with django_capture_on_commit_callbacks(execute=True):
        send_check_in(match, "first")
        notify("match_ended_by_staff", match.pk)
    assert len(mail.outbox) == 4
    with translation.override(language):
        check_in = gettext("How is your buddy match going?")
        ended = gettext("Your buddy match has ended")
    assert sorted(m.subject for m in mail.outbox) == sorted([check_in, check_in, ended, ended])
    assert any("2" in m.body for m in mail.outbox if m.subject == check_in)


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
def test_event_promotion_and_reminder_e_mails_are_written_in_the_readers_language(
    language, django_capture_on_commit_callbacks
):
    with time_machine.travel(NOW, tick=False):
        start = timezone.now() + datetime.timedelta(hours=20)
        event = Event.objects.create(
            slug="fika",
            title="Fika for newcomers",
            kind=Event.Kind.MEETUP,
            organisation=OrganisationFactory(),
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            place="Stadsbiblioteket",
            capacity=1,
        )
        first = AmbassadorFactory(preferred_language=language).user
        second = AmbassadorFactory(preferred_language=language).user
        services_events.event_register(event_id=event.pk, user=first)
        services_events.event_register(event_id=event.pk, user=second)
        with django_capture_on_commit_callbacks(execute=True):
            services_events.event_cancel_registration(event_id=event.pk, user=first)
            services_events.event_reminders_send_due()
        promoted, reminder = mail.outbox
        with translation.override(language):
            assert promoted.subject == gettext("You have a place at the event")
            assert reminder.subject == gettext("Reminder: your event is coming up")
            url = reverse("events:detail", kwargs={"slug": "fika"})
        assert promoted.to == reminder.to == [second.email]
        assert "Fika for newcomers" in promoted.body
        assert url in promoted.body
        assert url in reminder.body


def test_an_e_mail_row_is_rolled_back_with_its_cause(people):
    scene = people("en")
    queued = []

    def offer_that_fails() -> None:
        with transaction.atomic():
            notify("offer_made", scene["rows"]["match"])
            queued.append(OutboundEmail.objects.count())
            raise RuntimeError("the cause failed")

    with pytest.raises(RuntimeError):
        offer_that_fails()
    assert queued == [1]
    assert not OutboundEmail.objects.exists()
    assert mail.outbox == []


def test_an_e_mail_is_sent_only_after_its_cause_commits(people, django_capture_on_commit_callbacks):
    scene = people("en")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify("offer_made", scene["rows"]["match"])
    email = OutboundEmail.objects.get()
    assert email.state == OutboundEmail.State.PENDING
    assert email.subject == ""  # written only just before sending
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.SENT
    assert email.subject == "A newcomer would like an ambassador"
    assert len(mail.outbox) == 1


def test_a_buddy_offer_is_an_outbox_row_written_with_the_offer(
    django_capture_on_commit_callbacks,
):
    ambassador = AmbassadorFactory(speaks=["ar"])
    request = BuddyRequestFactory(languages=["ar"])
    with django_capture_on_commit_callbacks(execute=False):
        match = matching.buddy_request_match(request_id=request.pk)
    email = OutboundEmail.objects.get(key__startswith=f"ambassadors:offer_made:{match.pk}:")
    assert email.recipient == ambassador.user.email
    assert email.template == "notifications/ambassador_offer_made"
    assert email.context == {"match": match.pk, "person": ambassador.user.pk}


def test_the_sweep_sends_what_the_broker_lost_after_the_lease(
    people, django_capture_on_commit_callbacks
):
    scene = people("en")
    with django_capture_on_commit_callbacks(execute=False):  # the broker never got it
        notify("offer_made", scene["rows"]["match"])
    email = OutboundEmail.objects.get()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=30)):
        assert email_sweep(lease_seconds=60) == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=90)):
        assert email_sweep(lease_seconds=60) == 1
        email.refresh_from_db()
        assert email.state == OutboundEmail.State.SENT
    assert len(mail.outbox) == 1


def test_an_e_mail_whose_subject_is_gone_is_not_sent(people, django_capture_on_commit_callbacks):
    scene = people("en")
    with django_capture_on_commit_callbacks(execute=False):
        notify("message_sent", scene["rows"]["message"])
    Message.objects.all().delete()
    email = OutboundEmail.objects.get()
    assert not email_send(email_id=email.pk)
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.FAILED
    assert mail.outbox == []


def test_account_e_mails_go_through_the_outbox_and_their_links_are_not_kept(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="newcomer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "newcomer@example.org"})
    (message,) = mail.outbox
    assert "/accounts/password/reset/key/" in message.body
    email = OutboundEmail.objects.get(recipient="newcomer@example.org")
    assert email.key.startswith("account:")
    assert email.state == OutboundEmail.State.SENT
    assert email.subject == message.subject
    assert email.body == ""


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
def test_registering_for_an_event_is_confirmed_by_e_mail_in_the_readers_language(
    language, django_capture_on_commit_callbacks
):
    with time_machine.travel(NOW, tick=False):
        start = timezone.now() + datetime.timedelta(days=3)
        event = Event.objects.create(
            slug="info",
            title="Information session",
            kind=Event.Kind.MEETUP,
            organisation=OrganisationFactory(),
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            place="Stadsbiblioteket",
            capacity=1,
        )
        first = AmbassadorFactory(preferred_language=language).user
        second = AmbassadorFactory(preferred_language=language).user
        with django_capture_on_commit_callbacks(execute=True):
            services_events.event_register(event_id=event.pk, user=first)
            services_events.event_register(event_id=event.pk, user=second)
        registered, waiting = mail.outbox
        with translation.override(language):
            assert registered.subject == f"{gettext('Registration')}: Information session"
            assert gettext("You are registered. See you there!") in registered.body
            assert (
                gettext("You are on the waiting list. We will e-mail you if a place becomes free.")
                in waiting.body
            )
            url = reverse("events:detail", kwargs={"slug": "info"})
        assert (registered.to, waiting.to) == ([first.email], [second.email])
        assert url in registered.body
        assert registered.extra_headers["Content-Language"] == language


def test_a_sent_e_mail_does_not_keep_the_status_links_token(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    from enquiries.services.submission import enquiry_status_link
    from tests.enquiries.factories import EnquiryFactory

    enquiry = EnquiryFactory()
    link = enquiry_status_link(enquiry=enquiry)
    token = link.split("?t=", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        email = email_queue(
            key=f"test:{enquiry.pk}:link",
            recipient="newcomer@example.org",
            template="enquiry_confirmation",
            language="en",
            context={"enquiry": enquiry, "status_link": link},
            enquiry=enquiry,
        )
    assert token in mailoutbox[-1].body  # the newcomer gets the whole link
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.SENT
    assert token not in email.body
    assert link.split("?t=", 1)[0] + "?t=" in email.body
