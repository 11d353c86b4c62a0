"""The privacy registry: the "my data" export holds what every app has about a
person, and deleting the account leaves none of it in any table."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation

from ambassadors.models import Ambassador, BuddyRequest, Concern, Match, Message
from enquiries.models import Enquiry, EnquiryMessage
from events.models import Event, EventRegistration
from guides.models import GuideFeedback, MovePlanTick
from notifications.models import OutboundEmail
from portal import privacy
from portal.models import NewcomerProfile, User
from tests.ambassadors.factories import AmbassadorFactory, BuddyRequestFactory
from tests.enquiries.factories import EnquiryMessageFactory, RoutedEnquiryFactory
from tests.guides.factories import GuideFeedbackFactory
from tests.portal.factories import NewcomerProfileFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)

PERSONA = {
    "e-mail": "sentinel.persona-4c1d@example.org",
    "second verified e-mail": "sentinel.second-4c1d@example.net",
    "first name": "Sentinelfirstname",
    "phone": "+46 70 404 04 04",
    "help text": "HELPTEXT-4c1d someone to sing in a choir with",
    "enquiry": "ENQUIRY-4c1d sent while signed in",
    "signed-out enquiry": "ENQUIRY-4c1d sent while signed out",
    "answer": "ANSWER-4c1d from the newcomer",
    "reply": "REPLY-4c1d from the municipality",
    "status link": "STATUSLINK-4c1d",
    "buddy message": "BUDDYMSG-4c1d hello from the newcomer",
    "ambassador message": "AMBMSG-4c1d hello from the ambassador",
    "concern": "CONCERN-4c1d the ambassador did not come",
}
BYSTANDER = {
    "e-mail": "bystander-9e2b@example.org",
    "first name": "Bystanderfirstname",
    "enquiry": "BYSTANDER-9e2b enquiry",
    "help text": "BYSTANDER-9e2b help text",
    "stranger's enquiry": "STRANGER-9e2b sent from an address the persona never verified",
}


@pytest.fixture(autouse=True)
def _frozen_clock():
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        yield


def url(name: str) -> str:
    return reverse(f"enquiries:{name}")


def outbound(key: str, to: str, **fields) -> OutboundEmail:
    values = {"language": "en", "subject": "Your enquiry", "state": OutboundEmail.State.SENT}
    return OutboundEmail.objects.create(key=key, recipient=to, **values | fields)


def make_event(slug: str, organisation, **fields) -> Event:
    start = timezone.now() + datetime.timedelta(days=10)
    return Event.objects.create(
        slug=slug,
        title=f"Language café {slug}",
        kind=Event.Kind.MEETUP,
        organisation=organisation,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        place="Stadsbiblioteket",
        **fields,
    )


@pytest.fixture
def world(are, are_kommun, staff_of_are):
    """A persona with data in every app, and a bystander with data of their own."""
    persona = NewcomerProfileFactory(
        user=UserFactory(email=PERSONA["e-mail"], first_name=PERSONA["first name"]),
        municipality=are,
    ).user
    EmailAddress.objects.create(
        user=persona, email=PERSONA["second verified e-mail"], verified=True
    )
    EmailAddress.objects.create(user=persona, email="unverified-9e2b@example.org", verified=False)
    Authenticator.objects.create(
        user=persona, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    bystander = UserFactory(email=BYSTANDER["e-mail"], first_name=BYSTANDER["first name"])

    # Relocation: an enquiry signed in with a reply and an answer, one signed out with
    # the second verified address (typed in capitals), their confirmation e-mails.
    signed_in = RoutedEnquiryFactory(
        organisation=are_kommun,
        user=persona,
        message=PERSONA["enquiry"],
        contact_email=PERSONA["e-mail"],
    )
    EnquiryMessageFactory(enquiry=signed_in, author=staff_of_are, body=PERSONA["reply"])
    EnquiryMessageFactory(
        enquiry=signed_in, kind=EnquiryMessage.Kind.NEWCOMER, author=persona, body=PERSONA["answer"]
    )
    signed_out = RoutedEnquiryFactory(
        organisation=are_kommun,
        message=PERSONA["signed-out enquiry"],
        contact_email=PERSONA["second verified e-mail"].upper(),
    )
    for enquiry in (signed_in, signed_out):
        outbound(
            f"enquiry:{enquiry.pk}:confirmation",
            enquiry.contact_email,
            enquiry=enquiry,
            body=f"Follow your enquiry: https://portal.example/s/{PERSONA['status link']}/",
        )
    outbound(
        "event:reminder:1",
        PERSONA["e-mail"],
        subject="Reminder",
        body=f"Hello {PERSONA['first name']}",
        state=OutboundEmail.State.PENDING,
    )
    MovePlanTick.objects.create(user=persona, subject="personnummer")
    GuideFeedbackFactory(helpful=True, comment="Clear and short.")
    stranger = RoutedEnquiryFactory(
        organisation=are_kommun,
        message=BYSTANDER["stranger's enquiry"],
        contact_email="unverified-9e2b@example.org",
    )
    RoutedEnquiryFactory(
        organisation=are_kommun,
        user=bystander,
        message=BYSTANDER["enquiry"],
        contact_email=BYSTANDER["e-mail"],
    )
    MovePlanTick.objects.create(user=bystander, subject="personnummer")

    # Ambassadors: an active match with messages both ways and a concern.
    ambassador = AmbassadorFactory(speaks=["en"], reserved=1)
    request = BuddyRequestFactory(
        newcomer=persona,
        organisation=are_kommun,
        status=BuddyRequest.Status.MATCHED,
        phone=PERSONA["phone"],
        help_with=PERSONA["help text"],
    )
    match = Match.objects.create(
        request=request,
        ambassador=ambassador,
        status=Match.Status.ACCEPTED,
        offered_at=timezone.now() - datetime.timedelta(days=3),
        deadline=timezone.now() + datetime.timedelta(days=4),
        responded_at=timezone.now() - datetime.timedelta(days=2),
    )
    Message.objects.create(match=match, sender=persona, body=PERSONA["buddy message"])
    Message.objects.create(match=match, sender=ambassador.user, body=PERSONA["ambassador message"])
    Concern.objects.create(
        organisation=are_kommun, match=match, reporter=persona, description=PERSONA["concern"]
    )
    BuddyRequestFactory(
        newcomer=bystander, organisation=are_kommun, help_with=BYSTANDER["help text"]
    )

    # Events: the persona holds the last place; someone waits for it.
    organiser = OrganisationFactory()
    full = make_event("full", organiser, capacity=1)
    EventRegistration.objects.create(
        event=full, user=persona, status=EventRegistration.Status.CONFIRMED
    )
    waiting = EventRegistration.objects.create(
        event=full, user=UserFactory(), status=EventRegistration.Status.WAITING
    )
    EventRegistration.objects.create(
        event=make_event("other", organiser),
        user=bystander,
        status=EventRegistration.Status.CONFIRMED,
    )

    # The admin's history names the persona.
    profile = NewcomerProfile.objects.get(user=persona)
    LogEntry.objects.create(
        user=staff_of_are,
        content_type=ContentType.objects.get_for_model(NewcomerProfile),
        object_id=str(profile.pk),
        object_repr=str(profile),
        action_flag=CHANGE,
        change_message="[]",
    )
    return {
        "persona": persona,
        "bystander": bystander,
        "ambassador": ambassador,
        "waiting": waiting,
        "stranger": stranger,
        "signed_out": signed_out,
    }


TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def scan(secrets: dict[str, str]) -> list[str]:
    """Every secret found in any text, e-mail or JSON column of any installed model.

    ``_meta`` and ``_default_manager`` are Django's documented model API."""
    found = []
    for model in apps.get_models():
        meta = model._meta
        fields = [f.attname for f in meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            text = json.dumps(row, ensure_ascii=False, default=str).lower()
            found += [
                f"{label} in {meta.label}"
                for label, secret in secrets.items()
                if secret.lower() in text
            ]
    return sorted(set(found))


def test_the_export_holds_what_every_app_has_about_the_person(client, world):
    client.force_login(world["persona"])
    response = client.get(url("my_data_export"))
    text = response.content.decode()
    data = json.loads(text)
    missing = [label for label, secret in PERSONA.items() if secret not in text]
    assert missing == []
    assert [e["signed_in"] for e in data["enquiries"]] == [True, False]
    assert data["move_plan_steps_done"][0]["step"] == "personnummer"
    (request,) = data["buddy_requests"]
    assert (request["phone"], request["help_with"]) == (PERSONA["phone"], PERSONA["help text"])
    (match,) = request["matches"]
    assert [m["from_you"] for m in match["messages"]] == [True, False]
    assert data["concerns_you_reported"][0]["what_happened"] == PERSONA["concern"]
    assert data["event_registrations"][0]["status"] == "confirmed"
    assert {e["to"] for e in data["emails_sent_to_you"]} == {
        PERSONA["e-mail"],
        PERSONA["second verified e-mail"].upper(),
    }
    assert data["two_factor"][0]["type"] == "totp"
    assert len(data["email_addresses"]) == 3


def test_the_export_leaves_out_what_belongs_to_others(client, world):
    client.force_login(world["persona"])
    text = client.get(url("my_data_export")).content.decode()
    assert [label for label, secret in BYSTANDER.items() if secret in text] == []


def test_after_deletion_no_table_holds_the_persons_addresses_name_phone_or_texts(client, world):
    assert scan(PERSONA), "not vacuous: the persona's data is there before"
    client.force_login(world["persona"])
    response = client.post(url("account_delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert scan(PERSONA) == []
    assert not User.objects.filter(pk=world["persona"].pk).exists()


def test_after_deletion_enquiries_stay_as_anonymised_closed_records(client, world):
    privacy.account_delete(user=world["persona"])
    enquiries = Enquiry.objects.filter(anonymised_at__isnull=False)
    assert enquiries.count() == 2
    assert set(enquiries.values_list("status", flat=True)) == {Enquiry.Status.RESOLVED}
    assert OutboundEmail.objects.get(key="event:reminder:1").state == OutboundEmail.State.FAILED
    assert GuideFeedback.objects.count() == 1  # anonymous from the start


def test_after_deletion_the_ambassador_gets_the_place_back(world):
    privacy.account_delete(user=world["persona"])
    ambassador = Ambassador.objects.get(pk=world["ambassador"].pk)
    assert ambassador.reserved == 0
    assert not Match.objects.filter(ambassador=ambassador).exists()


def test_after_deletion_the_next_on_the_waiting_list_gets_the_event_place(world):
    privacy.account_delete(user=world["persona"])
    world["waiting"].refresh_from_db()
    assert world["waiting"].status == EventRegistration.Status.CONFIRMED


def test_deletion_leaves_everyone_elses_data_alone(world):
    before = privacy.account_export(user=world["bystander"])
    privacy.account_delete(user=world["persona"])
    assert privacy.account_export(user=world["bystander"]) == before
    assert scan(BYSTANDER) == sorted(
        {
            "e-mail in account.EmailAddress",
            "e-mail in portal.User",
            "e-mail in enquiries.Enquiry",
            "enquiry in enquiries.Enquiry",
            "first name in portal.User",
            "help text in ambassadors.BuddyRequest",
            "stranger's enquiry in enquiries.Enquiry",
        }
    )
    world["stranger"].refresh_from_db()
    assert world["stranger"].anonymised_at is None


@pytest.mark.parametrize("name", ["directory", "guides", "enquiries", "events", "ambassadors"])
def test_each_provider_erases_only_its_persons_data(world, name):
    (provider,) = [p for p in privacy.providers() if p.name == name]
    before = provider.export(world["bystander"])
    assert provider.export(world["persona"]) != provider.export(UserFactory())
    provider.erase(world["persona"])
    assert provider.export(world["bystander"]) == before


def test_an_enquiry_sent_signed_out_from_an_unverified_address_is_not_the_accounts(world):
    privacy.account_delete(user=world["persona"])
    world["stranger"].refresh_from_db()
    assert world["stranger"].message == BYSTANDER["stranger's enquiry"]


def test_every_app_registers_its_provider_in_the_order_of_the_installed_apps():
    assert [p.name for p in privacy.providers()] == [
        "directory",
        "guides",
        "enquiries",
        "events",
        "ambassadors",
        "employers",
        "hires",
        "markets",
    ]


def test_two_providers_cannot_claim_the_same_section(world, monkeypatch):
    clash = privacy.PrivacyProvider(
        name="clash", export=lambda user: {"account": {}}, erase=lambda user: None
    )
    monkeypatch.setattr(privacy, "providers", lambda: [privacy.DIRECTORY, clash])
    with pytest.raises(ImproperlyConfigured):
        privacy.account_export(user=world["persona"])


def test_when_an_ambassador_leaves_their_newcomers_go_back_to_matching(world):
    ambassador = world["ambassador"]
    request = BuddyRequest.objects.get(newcomer=world["persona"])
    privacy.account_delete(user=ambassador.user)
    request.refresh_from_db()
    assert request.status == BuddyRequest.Status.PENDING
    assert request.matched_at is None
    assert not Ambassador.objects.filter(pk=ambassador.pk).exists()
    assert scan({"ambassador message": PERSONA["ambassador message"]}) == []
