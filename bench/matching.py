"""Benchmark: time to match 1,000 buddy requests against 300 ambassadors.

Standalone (never part of the test run). Uses a fresh SQLite file in a temporary
directory unless DATABASE_URL is set (then that database must be empty and
disposable). Matching runs in-process, one request after another, through the
same service the Celery task calls.

    .venv/bin/python bench/matching.py [--requests 1000] [--ambassadors 300]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--ambassadors", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="bench-matching-")
    os.environ.setdefault("SQLITE_PATH", str(Path(tmp) / "bench.sqlite3"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_ENV", "test")
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("migrate", verbosity=0)

    from ambassadors.matching import buddy_request_match
    from ambassadors.models import Ambassador, AmbassadorLanguage, BuddyRequest, Match
    from demo.directory import MUNICIPALITIES
    from portal.models import Municipality, Organisation, User

    warnings.filterwarnings("ignore", "Limit for query logging")
    rng = random.Random(args.seed)
    municipalities = [
        Municipality.objects.create(code=code, name=name, slug=slug)
        for code, name, slug in MUNICIPALITIES
    ]
    by_name = {m.name: m for m in municipalities}
    from demo.ambassadors import NEIGHBOURS

    for first, second in NEIGHBOURS:
        by_name[first].neighbours.add(by_name[second])
    desk = Organisation.objects.create(
        name="Region",
        slug="region",
        kind="region",
        contact_email="desk@example.org",
        is_county_desk=True,
    )
    languages = ["sv", "en", "ar", "uk", "fa", "de", "es", "pl", "so", "ti"]
    weights = [30, 40, 10, 8, 5, 6, 4, 4, 2, 1]
    interests = ["outdoors", "skiing", "music", "food", "family", "sports", "technology", "arts"]
    now = timezone.now()

    users = User.objects.bulk_create(
        [User(email=f"amb{n}@example.org", first_name="A") for n in range(args.ambassadors)]
    )
    ambassadors = Ambassador.objects.bulk_create(
        [
            Ambassador(
                user=user,
                organisation=desk,
                municipality=rng.choice(municipalities),
                status=Ambassador.Status.APPROVED,
                capacity=rng.randint(1, 5),
                availability="Evenings",
                bio="Bench",
                code_of_conduct_accepted_at=now,
                interests=rng.sample(interests, rng.randint(0, 3)),
            )
            for user in users
        ]
    )
    AmbassadorLanguage.objects.bulk_create(
        [
            AmbassadorLanguage(ambassador=ambassador, code=code, level="fluent")
            for ambassador in ambassadors
            for code in {"sv", *rng.choices(languages, weights, k=2)}
        ]
    )
    newcomers = User.objects.bulk_create(
        [User(email=f"new{n}@example.org", first_name="N") for n in range(args.requests)]
    )
    requests = BuddyRequest.objects.bulk_create(
        [
            BuddyRequest(
                newcomer=user,
                organisation=desk,
                municipality=rng.choice(municipalities),
                languages=sorted(set(rng.choices(languages[1:], weights[1:], k=2))),
                interests=rng.sample(interests, rng.randint(0, 3)),
                household="alone",
                help_with="Bench",
                consent_at=now,
                dispatched_at=now,
            )
            for user in newcomers
        ]
    )
    capacity = sum(a.capacity for a in ambassadors)

    timings = []
    queries = []
    started = time.perf_counter()
    for request in requests:
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            buddy_request_match(request_id=request.pk)
            timings.append(time.perf_counter() - t0)
        queries.append(len(captured))
    total = time.perf_counter() - started

    offered = BuddyRequest.objects.filter(status="offered").count()
    waiting = BuddyRequest.objects.filter(status="waiting").count()
    over = Ambassador.objects.filter(reserved__gt=models_f("capacity")).count()
    holders = Match.objects.filter(status__in=Match.HOLDING).count()
    timings_ms = sorted(t * 1000 for t in timings)
    print(f"database: {connection.vendor}")
    print(
        f"{args.requests} requests against {args.ambassadors} ambassadors "
        f"({capacity} places in all)"
    )
    print(f"total time to match: {total:.2f} s ({args.requests / total:.0f} requests/s)")
    print(
        f"per request: mean {statistics.mean(timings_ms):.2f} ms, "
        f"median {statistics.median(timings_ms):.2f} ms, "
        f"p95 {timings_ms[int(len(timings_ms) * 0.95) - 1]:.2f} ms, "
        f"max {timings_ms[-1]:.2f} ms"
    )
    print(f"queries per request: median {statistics.median(queries):.0f}, max {max(queries)}")
    print(
        f"outcome: {offered} offered, {waiting} on the waiting list; "
        f"{holders} holding matches; ambassadors over capacity: {over}"
    )


def models_f(name: str):
    from django.db.models import F

    return F(name)


if __name__ == "__main__":
    main()
