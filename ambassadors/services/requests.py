"""Buddy requests and the answers to offers. Lock order: request, match, ambassador."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ambassadors.models import (
    Ambassador,
    BuddyRequest,
    Match,
)
from ambassadors.notifications import notify
from ambassadors.services.common import enqueue_on_commit, responsible_organisation
from portal.models import Municipality, User


# --- buddy requests ----------------------------------------------------------------------
@transaction.atomic
def buddy_request_submit(
    *,
    newcomer: User,
    municipality: Municipality | None,
    languages: list[str],
    interests: list[str],
    sector: str,
    household: str,
    help_with: str,
    share_email: bool,
    phone: str,
    consent: bool,
    contact_language: str,
    first_name: str = "",
) -> BuddyRequest:
    if not consent:
        raise ValidationError(_("We need your consent to share these details with an ambassador."))
    if BuddyRequest.objects.filter(
        newcomer=newcomer, status__in=BuddyRequest.OPEN_STATUSES
    ).exists():
        raise ValidationError(_("You already have an open buddy request."))
    if first_name:
        newcomer.first_name = first_name
        newcomer.save(update_fields=["first_name"])
    now = timezone.now()
    request = BuddyRequest(
        newcomer=newcomer,
        organisation=responsible_organisation(municipality),
        municipality=municipality,
        languages=sorted(set(languages)),
        interests=sorted(set(interests)),
        sector=sector,
        household=household,
        help_with=help_with,
        share_email=share_email,
        phone=phone,
        consent_at=now,
        contact_language=contact_language,
        dispatched_at=now,
    )
    request.full_clean()
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        raise ValidationError(_("You already have an open buddy request.")) from None
    enqueue_on_commit("ambassadors.tasks.match_buddy_request", request.pk)
    return request


def _release(match: Match, status: str, now: datetime.datetime) -> Ambassador:
    ambassador = Ambassador.objects.select_for_update().get(pk=match.ambassador_id)
    match.status = status
    match.save(update_fields=["status", "responded_at", "ended_at", "ended_by"])
    ambassador.reserved = max(ambassador.reserved - 1, 0)
    ambassador.save(update_fields=["reserved"])
    enqueue_on_commit("ambassadors.tasks.retry_waiting_requests")
    return ambassador


@transaction.atomic
def buddy_request_withdraw(*, request_id: int, user: User) -> BuddyRequest:
    request = BuddyRequest.objects.select_for_update().get(pk=request_id)
    if request.newcomer_id != user.pk:
        raise PermissionDenied
    if request.status not in (
        BuddyRequest.Status.PENDING,
        BuddyRequest.Status.OFFERED,
        BuddyRequest.Status.WAITING,
    ):
        raise ValidationError(_("This request can no longer be withdrawn."))
    now = timezone.now()
    offer = (
        Match.objects.select_for_update()
        .filter(request=request, status=Match.Status.OFFERED)
        .first()
    )
    if offer is not None:
        offer.responded_at = now
        _release(offer, Match.Status.CANCELLED, now)
    request.status = BuddyRequest.Status.WITHDRAWN
    request.closed_at = now
    request.save(update_fields=["status", "closed_at"])
    return request


# --- offers ------------------------------------------------------------------------------
def _locked_offer(match_id: int, user: User) -> tuple[BuddyRequest, Match]:
    request_id = Match.objects.filter(pk=match_id).values_list("request_id", flat=True).first()
    if request_id is None:
        raise Match.DoesNotExist
    request = BuddyRequest.objects.select_for_update().get(pk=request_id)
    match = (
        Match.objects.select_for_update(of=("self",)).select_related("ambassador").get(pk=match_id)
    )
    if match.ambassador.user_id != user.pk:
        raise PermissionDenied
    if match.status != Match.Status.OFFERED:
        raise ValidationError(_("This offer is no longer open."))
    return request, match


@transaction.atomic
def offer_accept(*, match_id: int, user: User) -> Match:
    request, match = _locked_offer(match_id, user)
    now = timezone.now()
    if match.deadline <= now:
        raise ValidationError(_("The time to answer this offer has passed."))
    match.status = Match.Status.ACCEPTED
    match.responded_at = now
    match.save(update_fields=["status", "responded_at"])
    request.status = BuddyRequest.Status.MATCHED
    request.matched_at = now
    request.save(update_fields=["status", "matched_at"])
    notify("offer_accepted", match.pk)
    return match


@transaction.atomic
def offer_decline(*, match_id: int, user: User) -> Match:
    request, match = _locked_offer(match_id, user)
    now = timezone.now()
    match.responded_at = now
    _release(match, Match.Status.DECLINED, now)
    request.status = BuddyRequest.Status.PENDING
    request.dispatched_at = now
    request.save(update_fields=["status", "dispatched_at"])
    enqueue_on_commit("ambassadors.tasks.match_buddy_request", request.pk)
    return match
