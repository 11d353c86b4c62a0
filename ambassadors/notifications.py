"""E-mails about applications, offers and matches, each in its reader's language.

``notify(kind, pk)`` is called by the services inside the transaction of what caused
the e-mail: it writes one outbox row per recipient (``notifications``), sent after
commit and written just before sending from ``templates/notifications/ambassador_<kind>_*.txt``.
An e-mail lost with the broker is re-sent by the outbox sweep.

No e-mail to an ambassador names a newcomer or carries their contact details: an
offer says only what the ambassador needs to decide (languages, municipality and the
household in broad terms); no e-mail carries the text of a message or a concern.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

from ambassadors.models import Ambassador, BuddyRequest, Concern, Match, Message
from notifications.services import email_queue, recipient_key
from portal.models import Organisation, StaffMembership, User

STAFF_LANGUAGE = "sv"

#: A recipient: (address, language, context of the e-mail).
Recipient = tuple[str, str, dict]

#: Kinds that may happen more than once to the same row (suspended, reinstated and
#: suspended again): each occurrence is its own e-mail. The others are once per row.
REPEATABLE = {
    "application_received",
    "application_approved",
    "application_declined",
    "ambassador_suspended",
    "ambassador_reinstated",
    "request_waiting",
}


def _staff_addresses(organisation_id: int) -> list[str]:
    coordinators = StaffMembership.objects.filter(
        organisation_id=organisation_id, role=StaffMembership.Role.COORDINATOR
    ).values_list("user__email", flat=True)
    desk = Organisation.objects.filter(pk=organisation_id).values_list("contact_email", flat=True)
    return sorted({*desk, *coordinators})


def _newcomer_language(request: BuddyRequest) -> str:
    return request.contact_language or "en"


def _other_party(match: Match, user_id: int | None) -> tuple[User, str]:
    if user_id == match.ambassador.user_id:
        return match.request.newcomer, _newcomer_language(match.request)
    return match.ambassador.user, match.ambassador.preferred_language


def _staff(organisation_id: int, context: dict) -> Iterator[Recipient]:
    for address in _staff_addresses(organisation_id):
        yield address, STAFF_LANGUAGE, context


def _ambassador(pk: int) -> Iterator[Recipient]:
    ambassador = Ambassador.objects.select_related("user").get(pk=pk)
    context = {"ambassador": ambassador, "person": ambassador.user}
    yield ambassador.user.email, ambassador.preferred_language, context


# --- who hears of what ---------------------------------------------------------------------
def application_received(pk: int) -> Iterator[Recipient]:
    ambassador = Ambassador.objects.get(pk=pk)
    yield from _staff(ambassador.organisation_id, {"ambassador": ambassador})


def offer_made(pk: int) -> Iterator[Recipient]:
    match = Match.objects.select_related("ambassador__user").get(pk=pk)
    person = match.ambassador.user
    yield person.email, match.ambassador.preferred_language, {"match": match, "person": person}


def offer_accepted(pk: int) -> Iterator[Recipient]:
    match = Match.objects.select_related("request__newcomer").get(pk=pk)
    person = match.request.newcomer
    yield person.email, _newcomer_language(match.request), {"match": match, "person": person}


def request_waiting(pk: int) -> Iterator[Recipient]:
    request = BuddyRequest.objects.get(pk=pk)
    yield from _staff(request.organisation_id, {"buddy_request": request})


def match_ended(pk: int) -> Iterator[Recipient]:
    match = Match.objects.select_related("ambassador__user", "request__newcomer").get(pk=pk)
    person, language = _other_party(match, match.ended_by_id)
    yield person.email, language, {"match": match, "person": person}


def _both_sides(match: Match, extra: dict) -> Iterator[Recipient]:
    match = Match.objects.select_related("ambassador__user", "request__newcomer").get(pk=match.pk)
    people = [
        (match.ambassador.user, match.ambassador.preferred_language),
        (match.request.newcomer, _newcomer_language(match.request)),
    ]
    for person, language in people:
        yield person.email, language, {"match": match, "person": person, **extra}


def match_ended_by_staff(pk: int) -> Iterator[Recipient]:
    yield from _both_sides(Match(pk=pk), {})


def message_sent(pk: int) -> Iterator[Recipient]:
    message = Message.objects.select_related(
        "match__ambassador__user", "match__request__newcomer"
    ).get(pk=pk)
    person, language = _other_party(message.match, message.sender_id)
    yield person.email, language, {"message": message, "person": person}


def concern_reported(pk: int) -> Iterator[Recipient]:
    concern = Concern.objects.get(pk=pk)
    yield from _staff(concern.organisation_id, {"concern": concern})


RECIPIENTS: dict[str, Callable[[int], Iterator[Recipient]]] = {
    "application_received": application_received,
    "application_approved": _ambassador,
    "application_declined": _ambassador,
    "offer_made": offer_made,
    "offer_expired": offer_made,
    "offer_accepted": offer_accepted,
    "request_waiting": request_waiting,
    "match_ended": match_ended,
    "match_ended_by_staff": match_ended_by_staff,
    "match_ended_suspension": offer_accepted,
    "ambassador_suspended": _ambassador,
    "ambassador_reinstated": _ambassador,
    "message_sent": message_sent,
    "concern_reported": concern_reported,
}


def _queue(template: str, key: str, recipients: Iterator[Recipient]) -> None:
    for address, language, context in recipients:
        if not address:
            continue
        email_queue(
            key=f"{key}:{recipient_key(address)}",
            recipient=address,
            template=f"notifications/ambassador_{template}",
            language=language,
            context=context,
            render=False,
        )


def notify(kind: str, pk: int) -> None:
    """Queue the e-mails about ``kind`` of row ``pk`` in the caller's transaction."""
    occurrence = f":{uuid.uuid4().hex[:12]}" if kind in REPEATABLE else ""
    # templates/notifications/ambassador_suspended_*.txt (not ambassador_ambassador_…)
    template = kind.removeprefix("ambassador_")
    _queue(template, f"ambassadors:{kind}:{pk}{occurrence}", RECIPIENTS[kind](pk))


def notify_buddy_left(*, ambassador_id: int, match_id: int) -> None:
    """Tell the ambassador that a match or offer ended because the newcomer deleted the
    account. The e-mail names nothing of the newcomer (the match row is deleted too)."""
    _queue("buddy_left", f"ambassadors:buddy_left:{match_id}", _ambassador(ambassador_id))


def send_check_in(match: Match, stage: str) -> None:
    """Queue the check-in e-mails to both sides of the match (stage "first" or "second")."""
    months = 2 if stage == "first" else 4
    recipients = _both_sides(match, {"months": months})
    _queue("check_in", f"ambassadors:check_in:{stage}:{match.pk}", recipients)
