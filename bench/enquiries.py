"""Benchmark: enquiry routing on Redis with one worker, and the admin queue at 1,000,000 rows.

Standalone (never part of the test run). Needs PostgreSQL and ``redis-server``:

* creates a separate database (``ih_bench_enquiries_<pid>``) on the server named by
  ``BENCH_DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/postgres``),
  migrates it, loads the demo directory, topics and routing rules — and drops it at
  the end, whatever happens;
* starts a private ``redis-server`` on a free port, ONE Celery worker process
  (prefork, concurrency 1) for the default queue, where routing runs, and one for
  the ``email`` queue.

It reports

1. routing throughput: N enquiries saved "to route", their routing tasks published at
   once, the routing worker routes them (the e-mails they queue go to the email
   worker) — routed/s, (a) with the e-mail worker paused while routing, so the
   routing worker does not share the two cores with it (then the time the e-mail
   worker takes to write and send the e-mails), and (b) with both running;
2. submit→routed latency under concurrent submissions: T threads submit through the
   submit service (commit, then dispatch on commit) at a fixed overall rate — p50/p95;
3. the admin queue page (``/admin/enquiries/enquiry/``) for a handler of Östersunds
   kommun with 1,000,000 enquiries in the table (``INSERT … SELECT
   generate_series``), unfiltered and with each filter — time and query count;
4. before that, at each size of ``--county-rows`` (100,000 and 1,000,000): p50/p95 and
   query counts of the handler's queue ("my work" and "all") and of the county desk's
   (a coordinator of Region Jämtland Härjedalen): "my work" and the county-wide queue
   across organisations (by due time; and open only). Targets: p50 ≤ 50 ms at
   100,000 and ≤ 100 ms at 1,000,000 rows.

    .venv/bin/python bench/enquiries.py [--route 2000] [--submit 400] [--rate 100]
                                       [--threads 8] [--rows 1000000]
                                       [--county-rows 100000,1000000] [--queue-only]
                                       [--worker-args "--pool solo"]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

# bench/ is the script's own directory, first on sys.path.
from support import start_redis

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


INSERT_SQL = """
    INSERT INTO relocation_enquiry (
        reference, topic_id, municipality_id, language, message, contact_email,
        user_id, consent_at, status, organisation_id, assignee_id, dispatched_at,
        dispatch_attempts, routed_at, due_at, sla_cycle, warned_at, breached_at,
        first_response_at, resolved_at, anonymised_at, status_link_generation,
        audience, is_demo, created_at, updated_at)
    SELECT
        'B' || lpad(i::text, 9, '0'),
        (%(topics)s::bigint[])[1 + i %% %(ntopics)s],
        CASE WHEN i %% 9 = 0 THEN NULL
             ELSE (%(places)s::bigint[])[1 + i %% %(nplaces)s] END,
        (ARRAY['en','sv','ar','fa','uk','de','es','pl'])[1 + i %% 8],
        'Benchmark enquiry number ' || i, 'bench' || i || '@example.org',
        NULL, now(),
        (ARRAY['open','waiting','resolved','resolved','resolved'])[1 + i %% 5],
        (%(orgs)s::bigint[])[1 + i %% %(norgs)s],
        CASE WHEN i %% 3 = 0 AND (%(orgs)s::bigint[])[1 + i %% %(norgs)s] = %(handler_org)s
             THEN %(handler)s
             WHEN i %% 3 = 0 AND (%(orgs)s::bigint[])[1 + i %% %(norgs)s] = %(county_org)s
             THEN %(county)s END,
        now(), 1, now() - (i || ' seconds')::interval,
        CASE WHEN i %% 5 < 2
             THEN now() + ((i %% 20000 - 5000) || ' minutes')::interval END,
        1, NULL, NULL, NULL,
        CASE WHEN i %% 5 >= 2 THEN now() END, NULL, 0,
        'newcomer', false,
        now() - (i || ' seconds')::interval, now()
    FROM generate_series(%(first)s::int, %(rows)s::int) AS i
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--route", type=int, default=2000, help="enquiries for throughput")
    parser.add_argument("--submit", type=int, default=400, help="enquiries for latency")
    parser.add_argument("--rate", type=float, default=100, help="submissions per second")
    parser.add_argument("--threads", type=int, default=8, help="concurrent submitters")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows for the admin page")
    parser.add_argument(
        "--worker-args",
        default="",
        help='more celery worker options for both workers, e.g. "--pool solo"',
    )
    parser.add_argument(
        "--county-rows",
        default="100000,1000000",
        help="table sizes at which to time the county-wide queue (comma-separated)",
    )
    parser.add_argument(
        "--queue-only", action="store_true", help="only the admin queues (no Redis workers)"
    )
    parser.add_argument("--explain", action="store_true", help="EXPLAIN the slowest query")
    parser.add_argument(
        "--async-commit",
        action="store_true",
        help="route with ENQUIRY_ROUTING_ASYNC_COMMIT=on (see README)",
    )
    args = parser.parse_args()

    import psycopg

    base = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = f"ih_bench_enquiries_{os.getpid()}"
    admin_db = psycopg.connect(base, autocommit=True)
    admin_db.execute(f'CREATE DATABASE "{name}"')
    bench_url = urlunparse(urlparse(base)._replace(path=f"/{name}"))

    tmp = Path(tempfile.mkdtemp(prefix="bench-enquiries-"))
    redis, redis_port = start_redis(tmp)
    redis_url = f"redis://127.0.0.1:{redis_port}/0"
    env = {
        "DATABASE_URL": bench_url,
        "REDIS_URL": redis_url,
        "DJANGO_ENV": "test",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CACHE_KEY_PREFIX": "bench",
        "ENQUIRY_ROUTING_ASYNC_COMMIT": "on" if args.async_commit else "off",
    }
    os.environ.update(env)
    os.environ.pop("CELERY_TASK_ALWAYS_EAGER", None)
    worker = mailer = None
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections

        call_command("migrate", verbosity=0)
        from demo.directory import seed_directory
        from demo.enquiries import seed_rules
        from demo.topics import seed_topics

        seed_directory()
        seed_topics()
        seed_rules()
        connections.close_all()

        def start_worker(queue: str) -> subprocess.Popen:
            log = (tmp / f"worker-{queue}.log").open("wb")
            return subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "portal",
                    "worker",
                    "--loglevel",
                    "WARNING",
                    "--concurrency",
                    "1",
                    "--pool",
                    "prefork",
                    "-Q",
                    queue,
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--hostname",
                    f"bench-{queue}@%h",
                    *args.worker_args.split(),
                ],
                cwd=ROOT,
                env={**os.environ, **env},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

        from django.utils import timezone

        from enquiries.models import Enquiry
        from enquiries.services.submission import enquiry_submit
        from guides.models import Topic
        from notifications.dispatch import send_tasks_now
        from portal.models import Municipality

        topics = list(Topic.objects.all())
        places = [*Municipality.objects.all(), None]
        languages = ["en", "sv", "ar", "fa", "uk", "de", "es", "pl"]

        if not args.queue_only:  # 1. and 2. need the workers
            # One worker process routes (queue "routing"); e-mails have their own queue and
            # worker process, as in a deployment that separates them (see README).
            worker = start_worker("routing")
            mailer = start_worker("email")
            time.sleep(4)  # the worker connects and is ready

            def wait_routed(ids: list[int], timeout: float) -> None:
                deadline = time.monotonic() + timeout
                while time.monotonic() < deadline:
                    left = Enquiry.objects.filter(pk__in=ids, status="to_route").count()
                    if left == 0:
                        return
                    time.sleep(0.1)
                raise TimeoutError(f"{left} enquiries still unrouted after {timeout}s")

            # --- 1. routing throughput -----------------------------------------------------
            from notifications.models import OutboundEmail

            def make_waiting(n: int) -> list[int]:
                now = timezone.now()
                return [
                    e.pk
                    for e in Enquiry.objects.bulk_create(
                        Enquiry(
                            topic=topics[i % len(topics)],
                            municipality=places[i % len(places)],
                            language=languages[i % len(languages)],
                            message="Benchmark question about moving to the county.",
                            contact_email=f"bench{i}@example.org",
                            consent_at=now,
                            dispatched_at=now,
                        )
                        for i in range(n)
                    )
                ]

            def route_all(ids: list[int], label: str) -> None:
                """Publish the routing tasks of ``ids`` at once; print how fast they go."""
                started = time.monotonic()
                send_tasks_now("enquiries.tasks.route_enquiry", [[pk] for pk in ids])
                published = time.monotonic() - started
                wait_routed(ids, timeout=600)
                elapsed = time.monotonic() - started
                routed_times = list(
                    Enquiry.objects.filter(pk__in=ids).values_list("routed_at", flat=True)
                )
                span = (max(routed_times) - min(routed_times)).total_seconds()
                # A run small enough for one batch is routed at one instant: no span.
                between = f"{(len(ids) - 1) / span:.0f}" if span else "–"
                print(f"   {label}:")
                print(f"      published in {published:.2f} s; all routed after {elapsed:.2f} s")
                print(
                    f"      {len(ids) / elapsed:.0f} routed/s end to end; "
                    f"{between} routed/s between first and last routing"
                )

            def emails_sent(ids: list[int], timeout: float) -> tuple[int, float]:
                """Wait until every e-mail of these enquiries is sent: (count, seconds)."""
                started = time.monotonic()
                emails = OutboundEmail.objects.filter(enquiry_id__in=ids)
                while time.monotonic() - started < timeout:
                    if not emails.exclude(state=OutboundEmail.State.SENT).exists():
                        break
                    time.sleep(0.1)
                return emails.filter(state=OutboundEmail.State.SENT).count(), (
                    time.monotonic() - started
                )

            print(f"1. routing throughput, one worker process on Redis ({args.route} enquiries,")
            print("   each queueing 1-2 e-mails for a second worker on the email queue)")
            # a) The routing worker alone: the e-mail worker is paused (SIGSTOP), so the two
            # cores are not shared with it; then it is resumed and drains the e-mails.
            ids = make_waiting(args.route)
            os.killpg(mailer.pid, signal.SIGSTOP)
            try:
                route_all(ids, "a) e-mail worker paused while routing")
            finally:
                os.killpg(mailer.pid, signal.SIGCONT)
            sent, seconds = emails_sent(ids, timeout=600)
            print(f"      then {sent} e-mails written and sent in {seconds:.1f} s")
            # b) Both workers running, as in a small deployment on this one machine.
            ids = make_waiting(args.route)
            route_all(ids, "b) e-mail worker running at the same time, on the same two cores")
            emails_sent(ids, timeout=600)

            # --- 2. submit → routed latency under concurrent submissions ----------------
            created: list[int] = []
            lock = threading.Lock()
            interval = args.threads / args.rate

            def submitter(index: int) -> None:
                for n in range(index, args.submit, args.threads):
                    tick = time.monotonic()
                    enquiry = enquiry_submit(
                        topic=topics[n % len(topics)],
                        municipality=places[n % len(places)],
                        language=languages[n % len(languages)],
                        message="How do I register my children at a school?",
                        contact_email=f"latency{n}@example.org",
                    )
                    with lock:
                        created.append(enquiry.pk)
                    time.sleep(max(0.0, interval - (time.monotonic() - tick)))
                connection.close()

            started = time.monotonic()
            threads = [threading.Thread(target=submitter, args=(i,)) for i in range(args.threads)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            submit_seconds = time.monotonic() - started
            wait_routed(created, timeout=600)
            latencies = [
                (routed - made).total_seconds()
                for made, routed in Enquiry.objects.filter(pk__in=created).values_list(
                    "created_at", "routed_at"
                )
            ]
            print(
                f"2. submit→routed, {args.submit} submissions from {args.threads} threads "
                f"at {args.submit / submit_seconds:.0f}/s:"
            )
            print(
                f"   p50 {percentile(latencies, 0.5) * 1000:.0f} ms, "
                f"p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
                f"max {max(latencies) * 1000:.0f} ms"
            )

            for process in (worker, mailer):
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
            worker = mailer = None

        # --- 3./4. the admin queues with 100,000 … 1,000,000 enquiries -------------------
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from portal.models import Organisation, User

        orgs = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
        topic_ids = [t.pk for t in topics]
        place_ids = [p.pk for p in places if p is not None]
        handler = User.objects.get(email="ostersund.handler@example.org")
        county = User.objects.get(email="region.coordinator@example.org")
        inserted = 0

        def insert_up_to(rows: int) -> float:
            """Enquiries ``inserted + 1`` … ``rows`` in one INSERT … SELECT generate_series."""
            nonlocal inserted
            started = time.monotonic()
            with connection.cursor() as cursor:
                cursor.execute(
                    INSERT_SQL,
                    {
                        "topics": topic_ids,
                        "ntopics": len(topic_ids),
                        "places": place_ids,
                        "nplaces": len(place_ids),
                        "orgs": orgs,
                        "norgs": len(orgs),
                        "handler": handler.pk,
                        "county": county.pk,
                        "handler_org": handler.memberships.get().organisation_id,
                        "county_org": county.memberships.get().organisation_id,
                        "first": inserted + 1,
                        "rows": rows,
                    },
                )
                cursor.execute("ANALYZE relocation_enquiry")
            inserted = max(inserted, rows)
            return time.monotonic() - started

        def measure(client: Client, url: str, runs: int = 11) -> tuple[list[float], list]:
            response = client.get(url)  # warm
            assert response.status_code == 200, (url, response.status_code)
            timings, counts, database = [], [], []
            for _ in range(runs):
                with CaptureQueriesContext(connection) as queries:
                    tick = time.perf_counter()
                    client.get(url)
                    timings.append(time.perf_counter() - tick)
                counts.append(len(queries))
                database.append(sum(float(q["time"]) for q in queries.captured_queries))
            return timings, sorted(set(counts)), database

        handler_client, county_client = Client(), Client()
        handler_client.force_login(handler)
        county_client.force_login(county)
        queue = "/admin/enquiries/enquiry/"
        for rows in sorted(int(n) for n in args.county_rows.split(",") if n):
            took = insert_up_to(rows)
            print(f"4. the queues at {inserted:,} enquiries (inserted in {took:.0f} s), p50/p95:")
            for label, client, query in [
                ("Östersund handler, my work (default)", handler_client, ""),
                ("Östersund handler, all", handler_client, "?view=all"),
                ("county desk, my work (default)", county_client, ""),
                ("county desk, county-wide queue", county_client, "?view=all"),
                ("county desk, county-wide, open", county_client, "?view=all&status__exact=open"),
            ]:
                timings, counts, database = measure(client, queue + query)
                print(
                    f"   {label:<38} p50 {percentile(timings, 0.5) * 1000:6.1f} ms, "
                    f"p95 {percentile(timings, 0.95) * 1000:6.1f} ms, queries {counts}, "
                    f"database p50 {percentile(database, 0.5) * 1000:.0f} ms"
                )

        took = insert_up_to(args.rows) if args.rows > inserted else 0.0
        total = Enquiry.objects.count()
        print(
            f"3. admin queue with {total:,} enquiries "
            f"(inserted in {took:.0f} s), as an Östersund handler:"
        )
        client = handler_client
        ostersund = Organisation.objects.get(slug="ostersunds-kommun")
        own = Enquiry.objects.filter(organisation=ostersund).count()
        print(f"   rows of Östersunds kommun: {own:,}")
        pages = {
            "queue (my work)": "",
            "all": "?view=all",
            "status=open": "?view=all&status__exact=open",
            "overdue": "?view=all&promise=overdue",
            "due soon": "?view=all&promise=due_soon",
            "assigned to me": "?view=all&assigned=me",
            "unassigned": "?view=all&assigned=nobody",
            "topic": f"?view=all&topic={topic_ids[3]}",
            "municipality": f"?view=all&municipality={place_ids[0]}",
            "language=ar": "?view=all&language__exact=ar",
            "search reference": "?view=all&q=B000000016",
            f"page {min(20, own // 50)}": f"?view=all&p={min(20, own // 50)}",
        }
        for label, query in pages.items():
            url = f"/admin/enquiries/enquiry/{query}"
            response = client.get(url)  # warm
            assert response.status_code == 200, (url, response.status_code)
            timings = []
            for _ in range(7):
                with CaptureQueriesContext(connection) as queries:
                    tick = time.perf_counter()
                    client.get(url)
                    timings.append(time.perf_counter() - tick)
            if args.explain:
                slowest = max(
                    (q for q in queries.captured_queries if not q["sql"].startswith("EXPLAIN")),
                    key=lambda q: float(q["time"]),
                )
                with connection.cursor() as cursor:
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {slowest['sql']}")
                    plan = "\n      ".join(row[0] for row in cursor.fetchall()[:12])
                print(
                    f"   {label}: {slowest['time']} s\n      {slowest['sql'][:400]}\n      {plan}"
                )
            database = sum(float(q["time"]) for q in queries.captured_queries)
            print(
                f"   {label:<18} median {statistics.median(timings) * 1000:6.1f} ms, "
                f"max {max(timings) * 1000:6.1f} ms, {len(queries)} queries "
                f"({database * 1000:.1f} ms in the database on the last run)"
            )
    finally:
        for process in (worker, mailer):
            if process is not None:
                os.killpg(process.pid, signal.SIGKILL)
        redis.terminate()
        redis.wait(timeout=10)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: S110 - Django may not be set up yet
            pass
        admin_db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin_db.close()
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"(benchmark database {name} dropped)")


if __name__ == "__main__":
    main()
