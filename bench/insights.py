"""Benchmark: the insights dashboard with 1,000,000 enquiries in PostgreSQL.

Standalone (never part of the test run). Needs PostgreSQL only:

* creates a separate database (``ih_bench_insights_<pid>``) on the server named by
  ``BENCH_DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/postgres``),
  migrates it, loads the demo directory and topics — and drops it at the end,
  whatever happens;
* inserts ``--rows`` enquiries spread over ``--days`` days in one ``INSERT … SELECT
  generate_series`` (60 % answered, some breached, 60 % resolved);
* runs the aggregation (``insights_refresh`` over every day, as ``insights_backfill``
  does) and reports how long it took and how many daily facts it wrote;
* times the dashboard page (``/admin/insights/dailyfact/``) through the test client for
  the county desk (month, quarter, year; one municipality) and for an organisation's
  staff, with the number of queries of each. Target: under 300 ms, the same number of
  queries whatever the size of the tables.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/insights.py [--rows 1000000] [--days 400]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

INSERT_SQL = """
    INSERT INTO relocation_enquiry (
        reference, topic_id, municipality_id, language, message, contact_email,
        user_id, consent_at, status, organisation_id, assignee_id, dispatched_at,
        dispatch_attempts, routed_at, due_at, sla_cycle, warned_at, breached_at,
        first_response_at, resolved_at, anonymised_at, status_link_generation,
        created_at, updated_at, audience)
    SELECT
        'I' || lpad(i::text, 9, '0'),
        (%(topics)s::bigint[])[1 + i %% %(ntopics)s],
        CASE WHEN i %% 9 = 0 THEN NULL
             ELSE (%(places)s::bigint[])[1 + i %% %(nplaces)s] END,
        (ARRAY['en','sv','ar','fa','uk','de','es','pl'])[1 + i %% 8],
        'Benchmark enquiry number ' || i, 'bench' || i || '@example.org',
        NULL, now(),
        (ARRAY['open','waiting','resolved','resolved','resolved'])[1 + i %% 5],
        (%(orgs)s::bigint[])[1 + i %% %(norgs)s],
        NULL, now(), 1, t, t + interval '2 days', 1, NULL,
        CASE WHEN i %% 17 = 0 THEN t + interval '2 days' END,
        CASE WHEN i %% 5 < 3 THEN t + ((i %% 3000) || ' minutes')::interval END,
        CASE WHEN i %% 5 >= 2 THEN t + interval '5 days' END,
        NULL, 0, t, now(), 'newcomer'
    FROM (
        SELECT i, now() - ((i::bigint * %(spread)s / %(rows)s) || ' seconds')::interval AS t
        FROM generate_series(1, %(rows)s::int) AS i
    ) AS series
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="enquiries")
    parser.add_argument("--days", type=int, default=400, help="days the enquiries spread over")
    parser.add_argument("--runs", type=int, default=11, help="timed requests per page")
    args = parser.parse_args()

    import psycopg

    base = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = f"ih_bench_insights_{os.getpid()}"
    admin_db = psycopg.connect(base, autocommit=True)
    admin_db.execute(f'CREATE DATABASE "{name}"')
    os.environ.update(
        {
            "DATABASE_URL": urlunparse(urlparse(base)._replace(path=f"/{name}")),
            "DJANGO_ENV": "test",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    for variable in ("REDIS_URL", "CACHE_URL"):
        os.environ.pop(variable, None)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        call_command("migrate", verbosity=0)
        from demo.directory import seed_directory
        from demo.topics import seed_topics

        seed_directory()
        seed_topics()
        from guides.models import Topic
        from insights.models import DailyFact
        from insights.services import insights_refresh
        from portal.models import Municipality, Organisation, StaffMembership, User

        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute(
                INSERT_SQL,
                {
                    "topics": list(Topic.objects.values_list("pk", flat=True)),
                    "ntopics": Topic.objects.count(),
                    "places": list(Municipality.objects.values_list("pk", flat=True)),
                    "nplaces": Municipality.objects.count(),
                    "orgs": list(Organisation.objects.values_list("pk", flat=True)),
                    "norgs": Organisation.objects.count(),
                    "rows": args.rows,
                    "spread": args.days * 86400,
                },
            )
            cursor.execute("ANALYZE relocation_enquiry")
        print(
            f"{args.rows:,} enquiries over {args.days} days inserted in "
            f"{time.monotonic() - started:.0f} s"
        )

        today = timezone.localdate()
        first = today - dt.timedelta(days=args.days)
        started = time.monotonic()
        chunk_start = first
        while chunk_start <= today:
            chunk_end = min(today, chunk_start + dt.timedelta(days=30))
            insights_refresh(first=chunk_start, last=chunk_end)
            chunk_start = chunk_end + dt.timedelta(days=1)
        took = time.monotonic() - started
        print(
            f"aggregation (backfill of {args.days + 1} days): {took:.0f} s, "
            f"{DailyFact.objects.count():,} daily facts"
        )
        started = time.monotonic()
        insights_refresh(first=today - dt.timedelta(days=2), last=today)
        print(f"the beat task's refresh (3 days): {time.monotonic() - started:.1f} s")

        county = User.objects.filter(
            memberships__organisation__is_county_desk=True, is_staff=True
        ).first()
        member = (
            StaffMembership.objects.filter(organisation__is_county_desk=False)
            .select_related("user", "organisation")
            .first()
        )
        place = Municipality.objects.order_by("name").first()
        url = "/admin/insights/dailyfact/"
        pages = [
            ("county desk, this month", county, ""),
            ("county desk, quarter", county, "?period=quarter"),
            ("county desk, year", county, "?period=year"),
            (
                "county desk, year, one municipality",
                county,
                f"?period=year&municipality={place.pk}",
            ),
            (f"{member.organisation.name} staff, month", member.user, ""),
            (f"{member.organisation.name} staff, year", member.user, "?period=year"),
        ]
        print(f"dashboard ({url}), {args.runs} runs each after one warm-up:")
        for label, user, query in pages:
            client = Client()
            client.force_login(user)
            response = client.get(url + query)
            assert response.status_code == 200, (label, response.status_code)
            timings, counts = [], set()
            for _ in range(args.runs):
                with CaptureQueriesContext(connection) as queries:
                    tick = time.perf_counter()
                    client.get(url + query)
                    timings.append(time.perf_counter() - tick)
                counts.add(len(queries))
            database = sum(float(q["time"]) for q in queries.captured_queries)
            print(
                f"   {label:<42} median {statistics.median(timings) * 1000:6.1f} ms, "
                f"p95 {percentile(timings, 0.95) * 1000:6.1f} ms, queries {sorted(counts)}, "
                f"database {database * 1000:.0f} ms (last run)"
            )
    finally:
        from django.db import connections

        connections.close_all()
        admin_db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin_db.close()
        print(f"(benchmark database {name} dropped)")


if __name__ == "__main__":
    main()
