"""Benchmark: the public jobs list (/<lang>/jobs/) with 10,000 published ads, every filter.

Standalone (never part of the test run). Needs PostgreSQL: creates a separate
database (``ih_bench_jobs_<pid>``) on the server named by ``BENCH_ADMIN_URL``
(default ``postgres://postgres@127.0.0.1:5432/postgres``), migrates it, loads the demo
directory and the demo employers (occupations, eight employers, 40 ads), adds
``--jobs`` ads in one ``bulk_create`` spread over municipalities, occupations, Swedish
levels and relocation offers — and drops the database at the end, whatever happens.

Then, in this process through Django's test client (no network, no page cache), it
requests the first page of the list for each of the 64 combinations of the six
filters (municipality, sector, occupation, no Swedish required, relocation help,
permit sponsorship) ``--rounds`` times, and reports p50/p95/max of the response time
overall and for the slowest combinations, and the query count of each (which must
not depend on the number of ads).

    .venv/bin/python bench/jobs.py [--jobs 10000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import datetime
import io
import itertools
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
FILTERS = ["municipality", "sector", "occupation", "no_swedish", "relocation", "sponsorship"]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def seed(count: int) -> None:
    from django.utils import timezone

    from demo import employers as demo_employers
    from demo.directory import seed_directory
    from employers.models import Employer, Job, Occupation
    from portal.models import Municipality

    seed_directory()
    demo_employers.seed(io.StringIO())
    employers = list(Employer.objects.all())
    occupations = list(Occupation.objects.all())
    municipalities = list(Municipality.objects.all())
    template = Job.objects.first()
    now = timezone.now()
    jobs = []
    for n in range(count):
        job = Job(
            **{
                field.attname: getattr(template, field.attname)
                for field in Job._meta.concrete_fields
                if not field.primary_key
            }
        )
        job.employer = employers[n % len(employers)]
        job.occupation = occupations[(n * 7) % len(occupations)]
        job.municipality = municipalities[(n * 3) % len(municipalities)]
        job.title_en = f"Bench job {n}"
        level = ["none", "basic", "good", "fluent"][n % 4]
        job.swedish_level = level
        job.swedish_tasks = "" if level == "none" else "Talking with customers."
        job.offers_permit_sponsorship = n % 5 == 0
        job.offers_housing_help = n % 3 == 0
        job.published_at = now - datetime.timedelta(minutes=n)
        jobs.append(job)
    Job.objects.bulk_create(jobs, batch_size=2000)


def measure(rounds: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from employers.models import Occupation
    from portal.models import Municipality

    values = {
        "municipality": Municipality.objects.get(name="Östersund").pk,
        "sector": "healthcare",
        "occupation": Occupation.objects.get(ssyk="2221").pk,
        "no_swedish": "on",
        "relocation": "on",
        "sponsorship": "on",
    }
    client = Client()
    client.get("/en/jobs/")  # warm up
    everything: list[float] = []
    rows = []
    for size in range(len(FILTERS) + 1):
        for chosen in itertools.combinations(FILTERS, size):
            query = {name: values[name] for name in chosen}
            times = []
            for _ in range(rounds):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get("/en/jobs/", query)
                    times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
            everything += times
            rows.append((percentile(times, 0.95), "+".join(chosen) or "(none)", len(queries)))
    print(
        f"all {len(rows)} combinations x {rounds}: p50 {statistics.median(everything):.1f} ms, "
        f"p95 {percentile(everything, 0.95):.1f} ms, max {max(everything):.1f} ms"
    )
    print(f"queries per page: {sorted({row[2] for row in rows})}")
    print("slowest combinations (p95):")
    for p95, name, count in sorted(rows, reverse=True)[:8]:
        print(f"  {p95:7.1f} ms  {count} queries  {name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    name = f"ih_bench_jobs_{os.getpid()}"

    def stop(signum, frame):  # run the clean-up in ``finally`` on SIGTERM too
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ.update(
        DATABASE_URL=f"{ADMIN_URL.rsplit('/', 1)[0]}/{name}",
        DJANGO_ENV="development",
        DJANGO_DEBUG="0",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("PAGE_CACHE_SECONDS", None)
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)
        import django

        django.setup()
        from django.conf import settings

        settings.ALLOWED_HOSTS = ["*"]
        t0 = time.monotonic()
        seed(args.jobs)
        print(f"seeded {args.jobs} job ads in {time.monotonic() - t0:.0f} s")
        measure(args.rounds)
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
