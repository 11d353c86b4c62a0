"""E-mails about applications, offers and matches, each in its reader's language.

Called from the ``notify`` task with ids. No e-mail to an ambassador carries any
detail of a newcomer; no e-mail carries the text of a message or a concern.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from ambassadors.models import Ambassador, BuddyRequest, Concern, Match, Message
from portal.models import StaffMembership, User

STAFF_LANGUAGE = "sv"


def _url(name: str, **kwargs) -> str:
    return settings.PUBLIC_BASE_URL + reverse(name, kwargs=kwargs or None)


def _mail(to: list[str], language: str, build: Callable[[], tuple[str, str]]) -> None:
    recipients = [address for address in to if address]
    if not recipients:
        return
    with override(language):
        subject, body = build()
    send_mail(subject, body, None, recipients)


def _staff_addresses(organisation_id: int) -> list[str]:
    coordinators = StaffMembership.objects.filter(
        organisation_id=organisation_id, role=StaffMembership.Role.COORDINATOR
    ).values_list("user__email", flat=True)
    from portal.models import Organisation

    desk = Organisation.objects.filter(pk=organisation_id).values_list("contact_email", flat=True)
    return sorted({*desk, *coordinators})


def _newcomer_language(request: BuddyRequest) -> str:
    return request.contact_language or "en"


def _other_party(match: Match, user_id: int | None) -> tuple[User, str]:
    if user_id == match.ambassador.user_id:
        return match.request.newcomer, _newcomer_language(match.request)
    return match.ambassador.user, match.ambassador.preferred_language


# --- applications ------------------------------------------------------------------------
def application_received(pk: int) -> None:
    ambassador = Ambassador.objects.select_related("municipality").get(pk=pk)
    _mail(
        _staff_addresses(ambassador.organisation_id),
        STAFF_LANGUAGE,
        lambda: (
            _("New ambassador application"),
            _(
                "A new ambassador application for %(municipality)s is waiting for vetting "
                "in the staff admin:\n%(url)s"
            )
            % {
                "municipality": ambassador.municipality.name,
                "url": settings.PUBLIC_BASE_URL
                + reverse("admin:ambassadors_ambassador_change", args=[ambassador.pk]),
            },
        ),
    )


def application_approved(pk: int) -> None:
    ambassador = Ambassador.objects.select_related("user").get(pk=pk)
    _mail(
        [ambassador.user.email],
        ambassador.preferred_language,
        lambda: (
            _("Welcome as an ambassador"),
            _(
                "Hello %(name)s,\n\nyour application to become an ambassador has been approved. "
                "When a newcomer is matched with you, you will get an e-mail and can accept or "
                "decline on your dashboard:\n%(url)s"
            )
            % {"name": ambassador.user.get_short_name(), "url": _url("ambassadors:dashboard")},
        ),
    )


def application_declined(pk: int) -> None:
    ambassador = Ambassador.objects.select_related("user").get(pk=pk)
    _mail(
        [ambassador.user.email],
        ambassador.preferred_language,
        lambda: (
            _("Your ambassador application"),
            _(
                "Hello %(name)s,\n\nthank you for offering to be an ambassador. We cannot "
                "approve your application this time, for this reason:\n\n%(reason)s\n\n"
                "You are welcome to apply again:\n%(url)s"
            )
            % {
                "name": ambassador.user.get_short_name(),
                "reason": ambassador.decline_reason,
                "url": _url("ambassadors:index"),
            },
        ),
    )


def ambassador_suspended(pk: int) -> None:
    ambassador = Ambassador.objects.select_related("user").get(pk=pk)
    if ambassador.status != Ambassador.Status.SUSPENDED:
        return
    _mail(
        [ambassador.user.email],
        ambassador.preferred_language,
        lambda: (
            _("Your ambassador role is suspended"),
            _(
                "Hello %(name)s,\n\nstaff of the International House have suspended your "
                "ambassador role, for this reason:\n\n%(reason)s\n\nYou get no buddy "
                "requests while suspended, and your current buddies have been told. If you "
                "have questions, please write to %(contact)s."
            )
            % {
                "name": ambassador.user.get_short_name(),
                "reason": ambassador.suspension_reason,
                "contact": settings.CONTACT_EMAIL,
            },
        ),
    )


def ambassador_reinstated(pk: int) -> None:
    ambassador = Ambassador.objects.select_related("user").get(pk=pk)
    if ambassador.status != Ambassador.Status.APPROVED:
        return
    _mail(
        [ambassador.user.email],
        ambassador.preferred_language,
        lambda: (
            _("You are an ambassador again"),
            _(
                "Hello %(name)s,\n\nstaff of the International House have lifted the "
                "suspension of your ambassador role. You can get buddy requests again:\n%(url)s"
            )
            % {
                "name": ambassador.user.get_short_name(),
                "url": _url("ambassadors:dashboard"),
            },
        ),
    )


# --- offers and matches ------------------------------------------------------------------
def offer_made(pk: int) -> None:
    match = Match.objects.select_related("ambassador__user").get(pk=pk)
    if match.status != Match.Status.OFFERED:
        return
    ambassador = match.ambassador

    def build() -> tuple[str, str]:
        deadline = formats.date_format(timezone.localtime(match.deadline), "DATETIME_FORMAT")
        return (
            _("A newcomer would like an ambassador"),
            _(
                "Hello %(name)s,\n\na newcomer is looking for an ambassador and you are the "
                "best match. Please accept or decline before %(deadline)s on your dashboard:"
                "\n%(url)s"
            )
            % {
                "name": ambassador.user.get_short_name(),
                "deadline": deadline,
                "url": _url("ambassadors:dashboard"),
            },
        )

    _mail([ambassador.user.email], ambassador.preferred_language, build)


def offer_expired(pk: int) -> None:
    match = Match.objects.select_related("ambassador__user").get(pk=pk)
    ambassador = match.ambassador
    _mail(
        [ambassador.user.email],
        ambassador.preferred_language,
        lambda: (
            _("An offer has passed to another ambassador"),
            _(
                "Hello %(name)s,\n\nwe did not hear from you in time, so the newcomer's request "
                "has passed to another ambassador. If you need a break, you can pause on your "
                "dashboard:\n%(url)s"
            )
            % {"name": ambassador.user.get_short_name(), "url": _url("ambassadors:dashboard")},
        ),
    )


def offer_accepted(pk: int) -> None:
    match = Match.objects.select_related("request__newcomer").get(pk=pk)
    newcomer = match.request.newcomer
    _mail(
        [newcomer.email],
        _newcomer_language(match.request),
        lambda: (
            _("You have an ambassador"),
            _(
                "Hello %(name)s,\n\nan ambassador has accepted your request. Say hello on your "
                "match page:\n%(url)s"
            )
            % {"name": newcomer.get_short_name(), "url": _url("ambassadors:match", pk=match.pk)},
        ),
    )


def request_waiting(pk: int) -> None:
    request = BuddyRequest.objects.select_related("municipality").get(pk=pk)
    _mail(
        _staff_addresses(request.organisation_id),
        STAFF_LANGUAGE,
        lambda: (
            _("A buddy request is on the waiting list"),
            _(
                "No ambassador is free for buddy request %(number)s (languages: %(languages)s). "
                "It will be matched as soon as an ambassador is approved or has room. "
                "See the overview in the staff admin:\n%(url)s"
            )
            % {
                "number": request.pk,
                "languages": ", ".join(request.languages),
                "url": settings.PUBLIC_BASE_URL + reverse("admin:ambassadors_overview"),
            },
        ),
    )


def match_ended(pk: int) -> None:
    match = Match.objects.select_related("ambassador__user", "request__newcomer").get(pk=pk)
    other, language = _other_party(match, match.ended_by_id)
    _mail(
        [other.email],
        language,
        lambda: (
            _("Your buddy match has ended"),
            _(
                "Hello %(name)s,\n\nyour buddy match has been ended. Thank you! You are welcome "
                "to tell us how it went:\n%(url)s"
            )
            % {"name": other.get_short_name(), "url": _url("ambassadors:match_end", pk=match.pk)},
        ),
    )


def match_ended_suspension(pk: int) -> None:
    """The ambassador was suspended: the newcomer is told and looked after again
    (the ambassador hears of the suspension in its own e-mail)."""
    match = Match.objects.select_related("request__newcomer").get(pk=pk)
    newcomer = match.request.newcomer
    _mail(
        [newcomer.email],
        _newcomer_language(match.request),
        lambda: (
            _("Your buddy match has ended"),
            _(
                "Hello %(name)s,\n\nstaff of the International House have ended your buddy "
                "match. We are looking for a new ambassador for you and will write when we "
                "have found one:\n%(url)s"
            )
            % {"name": newcomer.get_short_name(), "url": _url("ambassadors:buddy")},
        ),
    )


def match_ended_by_staff(pk: int) -> None:
    match = Match.objects.select_related("ambassador__user", "request__newcomer").get(pk=pk)
    people = [
        (match.ambassador.user, match.ambassador.preferred_language),
        (match.request.newcomer, _newcomer_language(match.request)),
    ]
    for person, language in people:
        _mail(
            [person.email],
            language,
            lambda person=person: (
                _("Your buddy match has ended"),
                _(
                    "Hello %(name)s,\n\nstaff of the International House have ended your buddy "
                    "match. If you have questions, please write to %(contact)s."
                )
                % {"name": person.get_short_name(), "contact": settings.CONTACT_EMAIL},
            ),
        )


def message_sent(pk: int) -> None:
    message = Message.objects.select_related(
        "match__ambassador__user", "match__request__newcomer", "sender"
    ).get(pk=pk)
    match = message.match
    other, language = _other_party(match, message.sender_id)
    _mail(
        [other.email],
        language,
        lambda: (
            _("New message from %(name)s") % {"name": message.sender.get_short_name()},
            _(
                "Hello %(name)s,\n\n%(sender)s has sent you a message. Read and answer it "
                "here:\n%(url)s"
            )
            % {
                "name": other.get_short_name(),
                "sender": message.sender.get_short_name(),
                "url": _url("ambassadors:match", pk=match.pk),
            },
        ),
    )


def concern_reported(pk: int) -> None:
    concern = Concern.objects.get(pk=pk)
    _mail(
        _staff_addresses(concern.organisation_id),
        STAFF_LANGUAGE,
        lambda: (
            _("A concern about a buddy match"),
            _(
                "Someone has reported a concern about a buddy match. Please read it in the "
                "staff admin:\n%(url)s"
            )
            % {
                "url": settings.PUBLIC_BASE_URL
                + reverse("admin:ambassadors_concern_change", args=[concern.pk])
            },
        ),
    )


def send_check_in(match: Match, stage: str) -> None:
    match = Match.objects.select_related("ambassador__user", "request__newcomer").get(pk=match.pk)
    people = [
        (match.ambassador.user, match.ambassador.preferred_language),
        (match.request.newcomer, _newcomer_language(match.request)),
    ]
    for person, language in people:

        def build(person: User = person) -> tuple[str, str]:
            months = 2 if stage == "first" else 4
            return (
                _("How is your buddy match going?"),
                _(
                    "Hello %(name)s,\n\nyour buddy match started about %(months)s months ago. "
                    "How is it going? You can send a message, end the match with feedback, or "
                    "report a concern to our staff on the match page:\n%(url)s"
                )
                % {
                    "name": person.get_short_name(),
                    "months": months,
                    "url": _url("ambassadors:match", pk=match.pk),
                },
            )

        _mail([person.email], language, build)


HANDLERS: dict[str, Callable[[int], None]] = {
    "application_received": application_received,
    "application_approved": application_approved,
    "application_declined": application_declined,
    "offer_made": offer_made,
    "offer_expired": offer_expired,
    "offer_accepted": offer_accepted,
    "request_waiting": request_waiting,
    "match_ended": match_ended,
    "match_ended_by_staff": match_ended_by_staff,
    "match_ended_suspension": match_ended_suspension,
    "ambassador_suspended": ambassador_suspended,
    "ambassador_reinstated": ambassador_reinstated,
    "message_sent": message_sent,
    "concern_reported": concern_reported,
}


def send(kind: str, pk: int) -> None:
    HANDLERS[kind](pk)
