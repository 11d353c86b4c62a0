"""Active matches: ending with feedback, messages, concerns and check-ins."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ambassadors.models import (
    BuddyRequest,
    Concern,
    Feedback,
    Match,
    Message,
)
from ambassadors.notifications import notify
from ambassadors.services.requests import _release
from portal.models import User


# --- active matches ----------------------------------------------------------------------
def participant_role(match: Match, user: User) -> str | None:
    if match.ambassador.user_id == user.pk:
        return Feedback.Role.AMBASSADOR
    if match.request.newcomer_id == user.pk:
        return Feedback.Role.NEWCOMER
    return None


@transaction.atomic
def match_end(*, match_id: int, user: User, rating: int, comment: str) -> Match:
    request_id = Match.objects.filter(pk=match_id).values_list("request_id", flat=True).first()
    if request_id is None:
        raise Match.DoesNotExist
    request = BuddyRequest.objects.select_for_update().get(pk=request_id)
    match = (
        Match.objects.select_for_update(of=("self",)).select_related("ambassador").get(pk=match_id)
    )
    match.request = request
    role = participant_role(match, user)
    if role is None:
        raise PermissionDenied
    if match.status != Match.Status.ACCEPTED:
        raise ValidationError(_("This match has already ended."))
    now = timezone.now()
    match.ended_at = now
    match.ended_by = user
    _release(match, Match.Status.ENDED, now)
    request.status = BuddyRequest.Status.ENDED
    request.closed_at = now
    request.save(update_fields=["status", "closed_at"])
    _feedback(match, role, rating, comment)
    notify("match_ended", match.pk)
    return match


@transaction.atomic
def match_end_by_staff(*, match_id: int, by: User) -> Match:
    """Staff end an active match (after a concern, say); both sides are told."""
    request_id = Match.objects.filter(pk=match_id).values_list("request_id", flat=True).first()
    if request_id is None:
        raise Match.DoesNotExist
    request = BuddyRequest.objects.select_for_update().get(pk=request_id)
    match = Match.objects.select_for_update(of=("self",)).get(pk=match_id)
    if match.status != Match.Status.ACCEPTED:
        raise ValidationError(_("This match has already ended."))
    now = timezone.now()
    match.ended_at = now
    match.ended_by = by
    _release(match, Match.Status.ENDED, now)
    request.status = BuddyRequest.Status.ENDED
    request.closed_at = now
    request.save(update_fields=["status", "closed_at"])
    notify("match_ended_by_staff", match.pk)
    return match


def _feedback(match: Match, role: str, rating: int, comment: str) -> Feedback:
    feedback = Feedback(match=match, role=role, rating=rating, comment=comment)
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def match_feedback_give(*, match_id: int, user: User, rating: int, comment: str) -> Feedback:
    match = (
        Match.objects.select_for_update(of=("self",))
        .select_related("ambassador", "request")
        .get(pk=match_id)
    )
    role = participant_role(match, user)
    if role is None:
        raise PermissionDenied
    if match.status != Match.Status.ENDED or match.feedback.filter(role=role).exists():
        raise ValidationError(_("Feedback cannot be given now."))
    return _feedback(match, role, rating, comment)


@transaction.atomic
def message_send(*, match_id: int, sender: User, body: str) -> Message:
    match = Match.objects.select_related("ambassador", "request").get(pk=match_id)
    if participant_role(match, sender) is None:
        raise PermissionDenied
    if match.status != Match.Status.ACCEPTED:
        raise ValidationError(_("Messages can only be sent while the match is active."))
    message = Message(match=match, sender=sender, body=body.strip())
    message.full_clean()
    message.save()
    notify("message_sent", message.pk)
    return message


@transaction.atomic
def concern_report(*, match_id: int, reporter: User, description: str) -> Concern:
    match = Match.objects.select_related("ambassador", "request").get(pk=match_id)
    if participant_role(match, reporter) is None:
        raise PermissionDenied
    if match.status not in (Match.Status.ACCEPTED, Match.Status.ENDED):
        raise PermissionDenied
    concern = Concern(
        organisation_id=match.request.organisation_id,
        match=match,
        reporter=reporter,
        description=description.strip(),
    )
    concern.full_clean()
    concern.save()
    notify("concern_reported", concern.pk)
    return concern


# --- check-ins ---------------------------------------------------------------------------
CHECK_IN_STAGES = (
    ("first", "checkin_2m_sent_at", "AMBASSADOR_CHECKIN_FIRST_DAYS"),
    ("second", "checkin_4m_sent_at", "AMBASSADOR_CHECKIN_SECOND_DAYS"),
)


def check_ins_send_due(*, now: datetime.datetime | None = None, batch: int = 100) -> int:
    """Check-in e-mails at two and four months, scheduled from the database: each
    match is claimed with SKIP LOCKED, mailed and marked in one transaction, so a
    failed send is retried by the next run and a sent one is never repeated."""
    from ambassadors import notifications

    now = now or timezone.now()
    sent = 0
    for stage, field, setting in CHECK_IN_STAGES:
        due_before = now - datetime.timedelta(days=getattr(settings, setting))
        for _i in range(batch):
            with transaction.atomic():
                match = (
                    Match.objects.select_for_update(skip_locked=True)
                    .filter(
                        status=Match.Status.ACCEPTED,
                        responded_at__lte=due_before,
                        **{f"{field}__isnull": True},
                    )
                    .order_by("pk")
                    .first()
                )
                if match is None:
                    break
                notifications.send_check_in(match, stage)
                setattr(match, field, now)
                match.save(update_fields=[field])
                sent += 1
    return sent
