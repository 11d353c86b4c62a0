"""Real services: two live Celery workers match 50 buddy requests against 10
ambassadors at the same time (PostgreSQL row locks, Redis broker). No ambassador may
end up over capacity and no request may be held by two ambassadors."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from ambassadors.models import Ambassador, AmbassadorLanguage, BuddyRequest, Match
from ambassadors.tasks import match_buddy_request
from portal.models import Municipality, Organisation, User
from tests.services.conftest import CeleryWorker, worker_env

pytestmark = pytest.mark.django_db(transaction=True)

CAPACITIES = [1, 2, 3, 5, 4, 3, 2, 5, 3, 2]  # 30 places for 50 requests


@pytest.fixture
def workers():
    started = [CeleryWorker(worker_env(), name=f"matcher-{n}") for n in range(2)]
    for worker in started:
        worker.start()
    yield started
    for worker in started:
        worker.stop()


def seed() -> list[int]:
    ostersund = Municipality.objects.create(name="Östersund", slug="ostersund", code="2380")
    krokom = Municipality.objects.create(name="Krokom", slug="krokom", code="2309")
    ostersund.neighbours.add(krokom)
    desk = Organisation.objects.create(
        name="Region",
        slug="region",
        kind="region",
        contact_email="desk@example.org",
        is_county_desk=True,
    )
    now = timezone.now()
    for index, capacity in enumerate(CAPACITIES):
        user = User.objects.create_user(f"ambassador{index}@example.org", first_name="A")
        ambassador = Ambassador.objects.create(
            user=user,
            organisation=desk,
            municipality=ostersund if index % 2 else krokom,
            capacity=capacity,
            availability="Evenings",
            bio="Bio",
            code_of_conduct_accepted_at=now,
            status=Ambassador.Status.APPROVED,
            interests=["music"] if index % 3 else [],
        )
        AmbassadorLanguage.objects.create(ambassador=ambassador, code="en", level="fluent")
    ids = []
    for index in range(50):
        user = User.objects.create_user(f"newcomer{index}@example.org", first_name="N")
        request = BuddyRequest.objects.create(
            newcomer=user,
            organisation=desk,
            municipality=ostersund,
            languages=["en"],
            interests=["music"] if index % 2 else [],
            household="alone",
            help_with="Help",
            consent_at=now,
            dispatched_at=now,
        )
        ids.append(request.pk)
    return ids


def test_two_workers_matching_fifty_requests_never_overfill_nor_double_hold(workers):
    ids = seed()
    started = time.monotonic()
    for request_id in ids:
        match_buddy_request.delay(request_id)
    for request_id in reversed(ids):  # every message delivered twice, in another order
        match_buddy_request.delay(request_id)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if not BuddyRequest.objects.filter(status=BuddyRequest.Status.PENDING).exists():
            break
        time.sleep(0.2)
    elapsed = time.monotonic() - started
    logs = ""
    if BuddyRequest.objects.filter(status=BuddyRequest.Status.PENDING).exists():
        logs = "\n".join(worker.stop() for worker in workers)
    statuses = Counter(BuddyRequest.objects.values_list("status", flat=True))
    assert statuses.get("pending", 0) == 0, logs[-4000:]

    holders = Counter(
        Match.objects.filter(status__in=Match.HOLDING).values_list("request_id", flat=True)
    )
    loads = list(
        Ambassador.objects.annotate(
            holding=Count("matches", filter=Q(matches__status__in=Match.HOLDING))
        ).values_list("pk", "capacity", "reserved", "holding")
    )
    print(
        f"\n50 requests, 10 ambassadors ({sum(CAPACITIES)} places), 2 workers, "
        f"100 task deliveries: all settled in {elapsed:.2f}s; "
        f"offered={statuses.get('offered', 0)} waiting={statuses.get('waiting', 0)}; "
        f"max holders per request={max(holders.values())}; "
        f"loads (reserved/capacity)={[f'{r}/{c}' for _pk, c, r, _h in loads]}"
    )
    assert max(holders.values()) == 1
    assert all(reserved <= capacity for _pk, capacity, reserved, _h in loads)
    assert all(reserved == holding for _pk, _c, reserved, holding in loads)
    assert statuses["offered"] == sum(CAPACITIES)
    assert statuses["waiting"] == 50 - sum(CAPACITIES)
