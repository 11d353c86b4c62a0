"""Applications, vetting, pause and profile of ambassadors."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ambassadors.models import (
    Ambassador,
    AmbassadorLanguage,
    BuddyRequest,
    Match,
)
from ambassadors.notifications import notify
from ambassadors.services.common import enqueue_on_commit, responsible_organisation
from ambassadors.services.requests import _release
from portal.models import Municipality, User


# --- ambassadors -------------------------------------------------------------------------
@transaction.atomic
def ambassador_apply(
    *,
    user: User,
    municipality: Municipality,
    languages: dict[str, str],
    countries_lived_in: list[str],
    profession: str,
    sector: str,
    interests: list[str],
    capacity: int,
    availability: str,
    bio: str,
    share_email: bool,
    phone: str,
    preferred_language: str,
    accepts_code_of_conduct: bool,
    first_name: str = "",
) -> Ambassador:
    if not accepts_code_of_conduct:
        raise ValidationError(_("Please accept the code of conduct."))
    if not languages:
        raise ValidationError(_("Choose at least one language."))
    existing = Ambassador.objects.select_for_update().filter(user=user).first()
    if existing is not None and existing.status == Ambassador.Status.SUSPENDED:
        raise ValidationError(
            _("Your ambassador role is suspended. Please contact the International House.")
        )
    if existing is not None and existing.status in (
        Ambassador.Status.PENDING,
        Ambassador.Status.APPROVED,
    ):
        raise ValidationError(_("You have already applied."))
    if first_name and not user.first_name:
        user.first_name = first_name
        user.save(update_fields=["first_name"])
    ambassador = existing or Ambassador(user=user)
    ambassador.organisation = responsible_organisation(municipality)
    ambassador.municipality = municipality
    ambassador.status = Ambassador.Status.PENDING
    # django-countries' multiple field takes a list of codes; its stubs say one str.
    ambassador.countries_lived_in = countries_lived_in  # type: ignore[assignment]
    ambassador.profession = profession
    ambassador.sector = sector
    ambassador.interests = sorted(interests)
    ambassador.capacity = capacity
    ambassador.reserved = 0
    ambassador.availability = availability
    ambassador.bio = bio
    ambassador.share_email = share_email
    ambassador.phone = phone
    ambassador.preferred_language = preferred_language
    ambassador.code_of_conduct_accepted_at = timezone.now()
    ambassador.decided_at = None
    ambassador.decided_by = None
    ambassador.decline_reason = ""
    ambassador.is_paused = False
    ambassador.full_clean()
    ambassador.save()
    ambassador.languages.all().delete()
    for code, level in sorted(languages.items()):
        language = AmbassadorLanguage(ambassador=ambassador, code=code, level=level)
        language.full_clean(exclude=["ambassador"])
        language.save()
    notify("application_received", ambassador.pk)
    return ambassador


def _decidable(ambassador_id: int, by: User) -> Ambassador:
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador_id)
    if ambassador.status != Ambassador.Status.PENDING:
        raise ValidationError(_("This application has already been decided."))
    return ambassador


@transaction.atomic
def ambassador_approve(*, ambassador_id: int, by: User) -> Ambassador:
    ambassador = _decidable(ambassador_id, by)
    ambassador.status = Ambassador.Status.APPROVED
    ambassador.decided_at = timezone.now()
    ambassador.decided_by = by
    ambassador.full_clean()
    ambassador.save()
    notify("application_approved", ambassador.pk)
    enqueue_on_commit("ambassadors.tasks.retry_waiting_requests")
    return ambassador


@transaction.atomic
def ambassador_decline(*, ambassador_id: int, by: User, reason: str) -> Ambassador:
    if not reason.strip():
        raise ValidationError(_("Give the applicant a reason."))
    ambassador = _decidable(ambassador_id, by)
    ambassador.status = Ambassador.Status.DECLINED
    ambassador.decided_at = timezone.now()
    ambassador.decided_by = by
    ambassador.decline_reason = reason.strip()
    ambassador.full_clean()
    ambassador.save()
    notify("application_declined", ambassador.pk)
    return ambassador


def ambassador_suspend(*, ambassador_id: int, by: User, reason: str) -> Ambassador:
    """Staff suspend an approved ambassador (after a concern, say): no new offers,
    open offers pass to the next ambassador and current buddies are told and
    matched again. The release runs right after the suspension commits; should it
    be cut short, the matching sweep finishes it (``suspended_holdings_release``)."""
    if not reason.strip():
        raise ValidationError(_("Give a reason for the suspension."))
    with transaction.atomic():
        ambassador = Ambassador.objects.select_for_update().get(pk=ambassador_id)
        if ambassador.status != Ambassador.Status.APPROVED:
            raise ValidationError(_("Only an approved ambassador can be suspended."))
        ambassador.status = Ambassador.Status.SUSPENDED
        ambassador.suspended_at = timezone.now()
        ambassador.suspension_reason = reason.strip()
        ambassador.decided_by = by
        ambassador.save(update_fields=["status", "suspended_at", "suspension_reason", "decided_by"])
        notify("ambassador_suspended", ambassador.pk)
    suspended_holdings_release(ambassador_id=ambassador.pk, by=by)
    return ambassador


def suspended_holdings_release(
    *, ambassador_id: int | None = None, by: User | None = None, batch: int = 100
) -> int:
    """Free every request a suspended ambassador still holds: an open offer is
    cancelled, an active match ended (both sides told); either way the newcomer's
    request goes back to matching. Idempotent, in lock order request → match →
    ambassador, one request per transaction; the matching sweep runs it for all
    suspended ambassadors."""
    holdings = Match.objects.filter(
        status__in=Match.HOLDING, ambassador__status=Ambassador.Status.SUSPENDED
    )
    if ambassador_id is not None:
        holdings = holdings.filter(ambassador_id=ambassador_id)
    released = 0
    for request_id in list(holdings.values_list("request_id", flat=True)[:batch]):
        with transaction.atomic():
            request = (
                BuddyRequest.objects.select_for_update(skip_locked=True)
                .filter(pk=request_id)
                .first()
            )
            match = (
                Match.objects.select_for_update(of=("self",))
                .select_related("ambassador")
                .filter(
                    request_id=request_id,
                    status__in=Match.HOLDING,
                    ambassador__status=Ambassador.Status.SUSPENDED,
                )
                .first()
            )
            if request is None or match is None:
                continue  # busy elsewhere (the next sweep comes back) or already freed
            now = timezone.now()
            was_active = match.status == Match.Status.ACCEPTED
            if was_active:
                match.ended_at = now
                match.ended_by = by or match.ambassador.decided_by
                _release(match, Match.Status.ENDED, now)
            else:
                match.responded_at = now
                _release(match, Match.Status.CANCELLED, now)
            request.status = BuddyRequest.Status.PENDING
            request.matched_at = None
            request.dispatched_at = now
            request.save(update_fields=["status", "matched_at", "dispatched_at"])
            if was_active:
                notify("match_ended_suspension", match.pk)
            enqueue_on_commit("ambassadors.tasks.match_buddy_request", request.pk)
            released += 1
    return released


@transaction.atomic
def ambassador_reinstate(*, ambassador_id: int, by: User) -> Ambassador:
    """Lift a suspension: the ambassador is approved again and can get offers."""
    ambassador = Ambassador.objects.select_for_update().get(pk=ambassador_id)
    if ambassador.status != Ambassador.Status.SUSPENDED:
        raise ValidationError(_("This ambassador is not suspended."))
    ambassador.status = Ambassador.Status.APPROVED
    ambassador.suspended_at = None
    ambassador.suspension_reason = ""
    ambassador.decided_by = by
    ambassador.save(update_fields=["status", "suspended_at", "suspension_reason", "decided_by"])
    notify("ambassador_reinstated", ambassador.pk)
    enqueue_on_commit("ambassadors.tasks.retry_waiting_requests")
    return ambassador


@transaction.atomic
def ambassador_set_paused(*, user: User, paused: bool) -> Ambassador:
    ambassador = Ambassador.objects.select_for_update().get(user=user)
    if ambassador.status != Ambassador.Status.APPROVED:
        raise PermissionDenied
    if ambassador.is_paused != paused:
        ambassador.is_paused = paused
        ambassador.save(update_fields=["is_paused"])
        if not paused:
            enqueue_on_commit("ambassadors.tasks.retry_waiting_requests")
    return ambassador


@transaction.atomic
def ambassador_update_profile(
    *,
    user: User,
    languages: dict[str, str],
    countries_lived_in: list[str],
    profession: str,
    sector: str,
    interests: list[str],
    capacity: int,
    availability: str,
    share_email: bool,
    phone: str,
) -> Ambassador:
    if not languages:
        raise ValidationError(_("Choose at least one language."))
    ambassador = Ambassador.objects.select_for_update().get(user=user)
    if capacity < ambassador.reserved:
        raise ValidationError(
            _("Your current load is %(count)s (buddies and open offers); choose at least that.")
            % {"count": ambassador.reserved}
        )
    new_languages = set(languages) - set(ambassador.languages.values_list("code", flat=True))
    more_room = capacity > ambassador.capacity
    # django-countries' multiple field takes a list of codes; its stubs say one str.
    ambassador.countries_lived_in = countries_lived_in  # type: ignore[assignment]
    ambassador.profession = profession
    ambassador.sector = sector
    ambassador.interests = sorted(interests)
    ambassador.capacity = capacity
    ambassador.availability = availability
    ambassador.share_email = share_email
    ambassador.phone = phone
    ambassador.full_clean()
    ambassador.save()
    ambassador.languages.exclude(code__in=list(languages)).delete()
    for code, level in sorted(languages.items()):
        AmbassadorLanguage.objects.update_or_create(
            ambassador=ambassador, code=code, defaults={"level": level}
        )
    if ambassador.status == Ambassador.Status.APPROVED and (more_room or new_languages):
        enqueue_on_commit("ambassadors.tasks.retry_waiting_requests")
    return ambassador
