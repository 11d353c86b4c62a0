"""Fair matching of buddy requests to ambassadors.

Ranking (``rank_candidates``) is pure: among approved, unpaused ambassadors with
free capacity who share at least one language with the newcomer (a hard
constraint), prefer the same municipality, then a neighbouring one, then the rest
of the county; then the most shared interests (plus one for the same working
sector); then the lowest current load; then whoever was offered a buddy longest ago.

The write path (``buddy_request_match``) locks the request row, ranks, then locks
the best ambassador's row and re-checks it before reserving capacity. If that
ambassador's load changed since ranking (another worker just gave them a buddy),
it ranks again, so nobody gets a second buddy while an equally good ambassador
has none. Lock order is always request → match → ambassador.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from ambassadors.models import Ambassador, BuddyRequest, Match
from ambassadors.notifications import notify
from ambassadors.services import enqueue_on_commit
from portal.models import Municipality

logger = logging.getLogger(__name__)

#: How often one request is re-ranked when a chosen ambassador changed under us.
MAX_RANKING_ATTEMPTS = 8
SAME_MUNICIPALITY, NEIGHBOUR, COUNTY = 2, 1, 0
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Candidate:
    pk: int
    municipality_id: int
    interests: frozenset[str]
    sector: str
    reserved: int
    last_offered_at: datetime.datetime | None
    place: int = 0
    overlap: int = 0
    shared_languages: tuple[str, ...] = field(default=())

    @property
    def sort_key(self) -> tuple:
        return (
            -self.place,
            -self.overlap,
            self.reserved,
            self.last_offered_at or _EPOCH,
            self.pk,
        )


def candidate_queryset(request: BuddyRequest):
    """Ambassadors who may be offered ``request`` now (language is required)."""
    tried = Match.objects.filter(request_id=request.pk).values("ambassador_id")
    return (
        Ambassador.objects.filter(
            status=Ambassador.Status.APPROVED,
            is_paused=False,
            reserved__lt=F("capacity"),
            languages__code__in=request.languages,
        )
        .exclude(pk__in=tried)
        .exclude(user_id=request.newcomer_id)
        .distinct()
    )


def rank_candidates(request: BuddyRequest) -> list[Candidate]:
    neighbour_ids: set[int] = set()
    if request.municipality_id:
        neighbour_ids = set(
            Municipality.objects.filter(neighbours=request.municipality_id).values_list(
                "pk", flat=True
            )
        )
    rows = candidate_queryset(request).values_list(
        "pk", "municipality_id", "interests", "sector", "reserved", "last_offered_at"
    )
    wanted = set(request.interests or [])
    ranked = []
    for pk, municipality_id, interests, sector, reserved, last_offered_at in rows:
        if request.municipality_id and municipality_id == request.municipality_id:
            place = SAME_MUNICIPALITY
        elif municipality_id in neighbour_ids:
            place = NEIGHBOUR
        else:
            place = COUNTY
        overlap = len(wanted & set(interests or []))
        if request.sector and request.sector != "other" and sector == request.sector:
            overlap += 1
        ranked.append(
            Candidate(
                pk=pk,
                municipality_id=municipality_id,
                interests=frozenset(interests or []),
                sector=sector,
                reserved=reserved,
                last_offered_at=last_offered_at,
                place=place,
                overlap=overlap,
            )
        )
    ranked.sort(key=lambda candidate: candidate.sort_key)
    return ranked


def buddy_request_match(*, request_id: int) -> Match | None:
    """Offer the request to the best available ambassador, or put it on the waiting
    list. Idempotent: a request that is not pending or waiting is left alone."""
    for _attempt in range(MAX_RANKING_ATTEMPTS):
        with transaction.atomic():
            request = BuddyRequest.objects.select_for_update().filter(pk=request_id).first()
            if request is None or request.status not in (
                BuddyRequest.Status.PENDING,
                BuddyRequest.Status.WAITING,
            ):
                return None
            ranked = rank_candidates(request)
            if not ranked:
                _put_on_waiting_list(request)
                return None
            best = ranked[0]
            ambassador = Ambassador.objects.select_for_update().get(pk=best.pk)
            if (
                ambassador.status != Ambassador.Status.APPROVED
                or ambassador.is_paused
                or ambassador.reserved != best.reserved
                or ambassador.reserved >= ambassador.capacity
            ):
                continue  # changed since ranking: rank again with fresh loads
            return _offer(request, ambassador, best)
    logger.info("buddy request %s: ambassadors kept changing; left for the sweep", request_id)
    return None


def _offer(request: BuddyRequest, ambassador: Ambassador, best: Candidate) -> Match:
    now = timezone.now()
    match = Match(
        request=request,
        ambassador=ambassador,
        status=Match.Status.OFFERED,
        score={"place": best.place, "overlap": best.overlap, "load": best.reserved},
        offered_at=now,
        deadline=now + datetime.timedelta(days=settings.AMBASSADOR_OFFER_DAYS),
    )
    match.full_clean()
    match.save()
    ambassador.reserved += 1
    ambassador.last_offered_at = now
    ambassador.save(update_fields=["reserved", "last_offered_at"])
    request.status = BuddyRequest.Status.OFFERED
    request.dispatched_at = None
    request.save(update_fields=["status", "dispatched_at"])
    notify("offer_made", match.pk)
    return match


def _put_on_waiting_list(request: BuddyRequest) -> None:
    now = timezone.now()
    fields = ["status", "dispatched_at"]
    request.status = BuddyRequest.Status.WAITING
    request.dispatched_at = None
    if request.waiting_since is None:
        request.waiting_since = now
        fields.append("waiting_since")
    if request.staff_notified_at is None:
        request.staff_notified_at = now
        fields.append("staff_notified_at")
        notify("request_waiting", request.pk)
    request.save(update_fields=fields)


def buddy_requests_retry_waiting() -> int:
    """Capacity appeared: try every waiting request again, oldest first."""
    waiting = list(
        BuddyRequest.objects.filter(status=BuddyRequest.Status.WAITING)
        .order_by("waiting_since", "pk")
        .values_list("pk", flat=True)
    )
    offered = 0
    for request_id in waiting:
        if not Ambassador.objects.filter(
            status=Ambassador.Status.APPROVED, is_paused=False, reserved__lt=F("capacity")
        ).exists():
            break
        if buddy_request_match(request_id=request_id) is not None:
            offered += 1
    return offered


def offers_expire(*, now: datetime.datetime | None = None, batch: int = 100) -> int:
    """Offers past their deadline pass to the next ambassador (the sweep runs this)."""
    now = now or timezone.now()
    expired = 0
    with transaction.atomic():
        requests = list(
            BuddyRequest.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=BuddyRequest.Status.OFFERED,
                matches__status=Match.Status.OFFERED,
                matches__deadline__lte=now,
            )
            .order_by("pk")[:batch]
        )
        for request in requests:
            match = (
                Match.objects.select_for_update()
                .filter(request=request, status=Match.Status.OFFERED, deadline__lte=now)
                .first()
            )
            if match is None:
                continue
            ambassador = Ambassador.objects.select_for_update().get(pk=match.ambassador_id)
            match.status = Match.Status.EXPIRED
            match.responded_at = now
            match.save(update_fields=["status", "responded_at"])
            ambassador.reserved = max(ambassador.reserved - 1, 0)
            ambassador.save(update_fields=["reserved"])
            request.status = BuddyRequest.Status.PENDING
            request.dispatched_at = now
            request.save(update_fields=["status", "dispatched_at"])
            enqueue_on_commit("ambassadors.tasks.match_buddy_request", request.pk)
            notify("offer_expired", match.pk)
            expired += 1
    return expired


def outbox_redispatch(*, now: datetime.datetime | None = None, batch: int = 200) -> int:
    """Pending requests whose dispatch was lost (broker down, worker died) are sent
    again after the lease; rows are claimed with SKIP LOCKED so sweeps never collide."""
    now = now or timezone.now()
    lease = datetime.timedelta(seconds=settings.AMBASSADOR_MATCHING_LEASE_SECONDS)
    with transaction.atomic():
        requests = list(
            BuddyRequest.objects.select_for_update(skip_locked=True)
            .filter(status=BuddyRequest.Status.PENDING)
            .filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lte=now - lease))
            .order_by("created_at")[:batch]
        )
        for request in requests:
            request.dispatched_at = now
            request.save(update_fields=["dispatched_at"])
            enqueue_on_commit("ambassadors.tasks.match_buddy_request", request.pk)
    return len(requests)


def ambassador_loads_reconcile() -> int:
    """Bring ``reserved`` back in line with the offers and matches an ambassador
    really holds (rows deleted with an account, say, never release it). Each
    ambassador is locked while fixed, so this never races the matching path."""
    drifted = list(
        Ambassador.objects.annotate(
            holding=Count("matches", filter=Q(matches__status__in=Match.HOLDING))
        )
        .exclude(reserved=F("holding"))
        .values_list("pk", flat=True)
    )
    fixed = 0
    for pk in drifted:
        with transaction.atomic():
            ambassador = Ambassador.objects.select_for_update().get(pk=pk)
            holding = Match.objects.filter(ambassador=ambassador, status__in=Match.HOLDING).count()
            if ambassador.reserved != holding:
                freed = ambassador.reserved > holding
                ambassador.reserved = min(holding, ambassador.capacity)
                ambassador.save(update_fields=["reserved"])
                if freed:
                    enqueue_on_commit("ambassadors.tasks.retry_waiting_requests")
                fixed += 1
    return fixed


def orphaned_requests_recover(*, now: datetime.datetime | None = None, batch: int = 100) -> int:
    """A request whose offer or match vanished (the ambassador's account was deleted)
    goes back to matching instead of waiting forever."""
    now = now or timezone.now()
    holding = Match.objects.filter(request=OuterRef("pk"), status__in=Match.HOLDING)
    with transaction.atomic():
        requests = list(
            BuddyRequest.objects.select_for_update(skip_locked=True)
            .filter(status__in=[BuddyRequest.Status.OFFERED, BuddyRequest.Status.MATCHED])
            .filter(~Exists(holding))
            .order_by("pk")[:batch]
        )
        for request in requests:
            request.status = BuddyRequest.Status.PENDING
            request.dispatched_at = now
            request.save(update_fields=["status", "dispatched_at"])
            enqueue_on_commit("ambassadors.tasks.match_buddy_request", request.pk)
    return len(requests)
