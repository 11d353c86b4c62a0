"""Privacy provider for ambassadors: the ambassador application and profile, buddy
requests (with phone and help text), matches, messages, feedback and concerns.

Erasing a newcomer frees the place their ambassador kept for them (an open offer
or an active match) and lets waiting requests have it. Erasing an ambassador puts
every newcomer they held back into matching. A match cannot outlive either side:
it goes with its conversation, feedback and concerns. Lock order as everywhere in
the app: request → match → ambassador.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from ambassadors.models import Ambassador, BuddyRequest, Concern, Feedback, Match, Message
from ambassadors.notifications import notify_buddy_left
from notifications.dispatch import enqueue_on_commit
from portal.models import User
from portal.privacy import PrivacyProvider, isoformat


def _conversation(match: Match, user: User) -> list[dict[str, Any]]:
    return [
        {
            "from_you": message.sender_id == user.pk,
            "sent": isoformat(message.created_at),
            "text": message.body,
        }
        for message in match.messages.all()
    ]


def _feedback_given(match: Match, role: str) -> list[dict[str, Any]]:
    return [
        {"rating": feedback.rating, "comment": feedback.comment}
        for feedback in match.feedback.all()
        if feedback.role == role
    ]


def _match(match: Match, user: User, role: str) -> dict[str, Any]:
    return {
        "status": match.status,
        "offered": isoformat(match.offered_at),
        "answered": isoformat(match.responded_at),
        "ended": isoformat(match.ended_at),
        "messages": _conversation(match, user),
        "your_feedback": _feedback_given(match, role),
    }


def _ambassador_profile(ambassador: Ambassador, user: User) -> dict[str, Any]:
    matches = ambassador.matches.prefetch_related("messages", "feedback").order_by("offered_at")
    return {
        "status": ambassador.status,
        "applied": isoformat(ambassador.created_at),
        "municipality": str(ambassador.municipality),
        "countries_lived_in": [str(country.code) for country in ambassador.countries_lived_in],
        "languages": [
            {"language": language.code, "level": language.level}
            for language in ambassador.languages.all()
        ],
        "profession": ambassador.profession,
        "sector": ambassador.sector,
        "interests": ambassador.interests,
        "buddies_at_a_time": ambassador.capacity,
        "availability": ambassador.availability,
        "bio": ambassador.bio,
        "share_email": ambassador.share_email,
        "phone": ambassador.phone,
        "preferred_language": ambassador.preferred_language,
        "code_of_conduct_accepted": isoformat(ambassador.code_of_conduct_accepted_at),
        "paused": ambassador.is_paused,
        "matches": [_match(match, user, Feedback.Role.AMBASSADOR) for match in matches],
    }


def ambassadors_export(user: User) -> dict[str, Any]:
    ambassador = (
        Ambassador.objects.filter(user=user)
        .select_related("municipality")
        .prefetch_related("languages")
        .first()
    )
    requests = (
        BuddyRequest.objects.filter(newcomer=user)
        .select_related("municipality")
        .prefetch_related("matches__messages", "matches__feedback")
        .order_by("created_at", "pk")
    )
    return {
        "ambassador": None if ambassador is None else _ambassador_profile(ambassador, user),
        "buddy_requests": [
            {
                "created": isoformat(request.created_at),
                "status": request.status,
                "municipality": str(request.municipality or ""),
                "languages": request.languages,
                "interests": request.interests,
                "sector": request.sector,
                "household": request.household,
                "help_with": request.help_with,
                "share_email": request.share_email,
                "phone": request.phone,
                "contact_language": request.contact_language,
                "consented": isoformat(request.consent_at),
                "matches": [
                    _match(match, user, Feedback.Role.NEWCOMER)
                    for match in sorted(request.matches.all(), key=lambda m: m.offered_at)
                ],
            }
            for request in requests
        ],
        "concerns_you_reported": [
            {
                "reported": isoformat(concern.created_at),
                "what_happened": concern.description,
                "status": concern.status,
            }
            for concern in Concern.objects.filter(reporter=user).order_by("created_at", "pk")
        ],
    }


def _free_place(ambassador_id: int) -> None:
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador_id)
    ambassador.reserved = max(ambassador.reserved - 1, 0)
    ambassador.save(update_fields=["reserved"])


def _erase_as_newcomer(user: User) -> bool:
    """Delete the person's buddy requests; True when an ambassador got a place back."""
    freed = False
    for request_id in BuddyRequest.objects.filter(newcomer=user).values_list("pk", flat=True):
        BuddyRequest.objects.select_for_update().get(pk=request_id)
        holding = Match.objects.select_for_update().filter(
            request_id=request_id, status__in=Match.HOLDING
        )
        for match_id, ambassador_id in list(holding.values_list("pk", "ambassador_id")):
            _free_place(ambassador_id)
            notify_buddy_left(ambassador_id=ambassador_id, match_id=match_id)
            freed = True
    BuddyRequest.objects.filter(newcomer=user).delete()
    return freed


def _erase_as_ambassador(user: User) -> None:
    """Delete the ambassador; every newcomer they held goes back to matching."""
    ambassador = Ambassador.objects.filter(user=user).first()
    if ambassador is None:
        return
    held = Match.objects.filter(ambassador=ambassador, status__in=Match.HOLDING)
    request_ids = list(held.values_list("request_id", flat=True))
    requests = BuddyRequest.objects.select_for_update().filter(pk__in=request_ids).order_by("pk")
    now = timezone.now()
    for request in requests:
        request.status = BuddyRequest.Status.PENDING
        request.matched_at = None
        request.dispatched_at = now
        request.save(update_fields=["status", "matched_at", "dispatched_at"])
        enqueue_on_commit("ambassadors.tasks.match_buddy_request", request.pk)
    Ambassador.objects.select_for_update().filter(pk=ambassador.pk).delete()


def ambassadors_erase(user: User) -> None:
    Concern.objects.filter(reporter=user).delete()
    Message.objects.filter(sender=user).delete()
    freed = _erase_as_newcomer(user)
    _erase_as_ambassador(user)
    if freed:
        enqueue_on_commit("ambassadors.tasks.retry_waiting_requests")


AMBASSADORS = PrivacyProvider(
    name="ambassadors", export=ambassadors_export, erase=ambassadors_erase
)
