"""Benchmark: the guide page and search with 10,000 guides in 8 languages on PostgreSQL.

    .venv/bin/python bench/guides.py [--guides 10000] [--seconds 20] [--clients 8]

Creates a separate database (``ih_bench_guides_<pid>`` on the server of
``BENCH_ADMIN_URL``, default postgres://postgres@127.0.0.1:5432/postgres), migrates
it, seeds N guides with text in all 8 languages (search vectors included), starts a
private ``redis-server`` on a free port (the shared cache, as in production), serves
the portal with gunicorn and measures p50/p95 latency and requests per second with
concurrent keep-alive clients:

* warm: the page cache on; every measured path was requested once before (the fill
  pass, whose figures are the first request of a path: rendered and stored). This is
  what the targets are about: readers mostly read the same guides.
* cold: gunicorn restarted with ``PAGE_CACHE_SECONDS=0``, every request rendered.

The database is dropped and Redis stopped afterwards, also on failure.
Targets (issue 4): guide page p95 <= 50 ms, search p95 <= 150 ms. Both runs report
against them: warm is what most readers get, cold (and the fill pass) what a reader
gets for a page not in the cache.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import psycopg

# bench/ is the script's own directory, first on sys.path.
from support import free_port, start_redis

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
LANGUAGES = ["sv", "en", "de", "es", "pl", "uk", "ar", "fa"]
QUERIES = {
    "sv": ["personnummer", "bostad", "vinterdäck", "förskola", "skatt deklaration", "personummer"],
    "en": ["bank account", "housing", "winter tyres", "preschool", "tax return", "personummer"],
    "de": ["Bankkonto", "Wohnung", "Winterreifen"],
    "uk": ["банківський рахунок", "житло"],
}

SEED = r"""
import random, sys
from django.db import connection, transaction
from portal.models import Organisation
from demo.topics import seed_topics
from guides.models import Guide, GuideTranslation, Topic
from guides.services import guide_search_vectors_refresh

N = int(sys.argv[1])
random.seed(4)
WORDS = {
    "sv": "personnummer folkbokföring bostad hyra kö förskola skola vårdcentral skatt deklaration "
          "vinterdäck körkort bank konto arbete tillstånd svenska kurs kommun region hjälp barn "
          "familj partner pension försäkring företag fjäll skidor sommar vinter".split(),
    "en": "personal identity number registration housing rent queue preschool school health "
          "centre tax return winter tyres driving licence bank account work permit swedish "
          "course municipality region help children family partner pension insurance".split(),
    "de": "Personennummer Anmeldung Wohnung Miete Vorschule Schule Steuer Winterreifen "
          "Führerschein Bankkonto Arbeit Erlaubnis Kurs Gemeinde Hilfe Kinder Familie".split(),
    "es": "número personal registro vivienda alquiler escuela salud impuestos invierno "
          "permiso trabajo curso municipio ayuda niños familia".split(),
    "pl": "numer osobisty rejestracja mieszkanie szkoła zdrowie podatek zima prawo jazdy "
          "konto bankowe praca gmina pomoc dzieci rodzina".split(),
    "uk": "персональний номер реєстрація житло школа здоров'я податок зима посвідчення "
          "банківський рахунок робота дозвіл комуна допомога діти родина".split(),
    "ar": "الرقم الشخصي التسجيل السكن المدرسة الصحة الضرائب الشتاء رخصة القيادة الحساب "
          "المصرفي العمل التصريح البلدية المساعدة الأطفال العائلة".split(),
    "fa": "شماره شخصی ثبت مسکن مدرسه سلامت مالیات زمستان گواهینامه حساب بانکی کار "
          "اجازه کمون کمک کودکان خانواده".split(),
}
LANGS = list(WORDS)

# Realistic spread: filler from a large pseudo-word vocabulary, and each guide about a
# few domain words (so a query matches a few per cent of the guides, not all of them).
SYLLABLES = "ka lo mi re su ta vi no de fa gu ho ja ke li mo".split()
FILLER = ["".join(random.choice(SYLLABLES) for _ in range(random.randint(2, 4)))
          for _ in range(5000)]
CURRENT = {}

def text(lang, n):
    words = []
    for _ in range(n):
        if random.random() < 0.12:
            words.append(random.choice(CURRENT[lang]))
        else:
            words.append(random.choice(FILLER))
    return " ".join(words)

seed_topics()
org, _ = Organisation.objects.get_or_create(
    slug="bench-org",
    defaults={"name": "Bench", "kind": "region", "contact_email": "b@example.org"},
)
topics = list(Topic.objects.all())
stages = ["before_moving", "first_weeks", "first_months", "settling_in"]
with transaction.atomic():
    guides = []
    for i in range(N):
        g = Guide(subject=f"s-{i}", slug=f"guide-{i}", topic=topics[i % len(topics)],
                  organisation=org, stage=stages[i % 4], published=True,
                  last_reviewed="2026-10-01")
        for lang in LANGS:
            CURRENT[lang] = random.sample(WORDS[lang], 3)
            title = text(lang, 5).capitalize()
            summary = text(lang, 20)
            body = "\n\n".join(
                ["## " + text(lang, 3), text(lang, 60), "## " + text(lang, 3), text(lang, 60)]
            )
            setattr(g, f"title_{lang}", title)
            setattr(g, f"summary_{lang}", summary)
            setattr(g, f"body_{lang}", body)
        g.title = g.title_sv
        guides.append(g)
    Guide.objects.bulk_create(guides, batch_size=500)
    rows = []
    for g in Guide.objects.all().iterator(chunk_size=2000):
        for lang in LANGS:
            rows.append(GuideTranslation(
                guide_id=g.pk, language=lang,
                status="up_to_date" if lang in ("sv", "en") else "machine",
                plain_title=getattr(g, f"title_{lang}"),
                plain_text=getattr(g, f"summary_{lang}") + " "
                + getattr(g, f"body_{lang}").replace("## ", "")))
    GuideTranslation.objects.bulk_create(rows, batch_size=2000)
    guide_search_vectors_refresh()
with connection.cursor() as c:
    # A bulk load leaves every row dead once (the search vectors are written after the
    # insert); autovacuum would clean up within a minute, and index-only scans need
    # the visibility map it sets. So: as the database is once autovacuum has run.
    c.execute("VACUUM ANALYZE")
print(Guide.objects.count(), GuideTranslation.objects.count())
"""


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError("gunicorn did not become healthy")


class Run:
    """Latencies, errors and X-Page-Cache headers of one load run."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors = 0
        self.cache = Counter()
        self.seconds = 0.0


def load(port: int, paths: list[str], seconds: float, clients: int, *, once: bool = False) -> Run:
    """``clients`` keep-alive clients request random paths for ``seconds``, or with
    ``once`` each path exactly once (in order, shared among the clients)."""
    run = Run()
    lock = threading.Lock()
    todo = iter(paths)
    stop = time.monotonic() + seconds

    def next_path(rnd: random.Random) -> str | None:
        if not once:
            return rnd.choice(paths) if time.monotonic() < stop else None
        with lock:
            return next(todo, None)

    def client(seed: int) -> None:
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine: list[float] = []
        seen: Counter = Counter()
        bad = 0
        while (path := next_path(rnd)) is not None:
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
                seen[response.getheader("X-Page-Cache") or "-"] += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - start)
        with lock:
            run.latencies.extend(mine)
            run.errors += bad
            run.cache.update(seen)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.monotonic() - started
    return run


def report(name: str, run: Run) -> None:
    if not run.latencies:
        print(f"  {name}: no successful requests ({run.errors} errors)")
        return
    ordered = sorted(run.latencies)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[max(int(len(ordered) * 0.95) - 1, 0)] * 1000
    total = sum(run.cache.values())
    cache = (
        "  page cache: " + ", ".join(f"{k} {v / total:.0%}" for k, v in sorted(run.cache.items()))
        if total and set(run.cache) != {"-"}
        else ""
    )
    print(
        f"  {name:14s} requests={len(ordered):6d} errors={run.errors:3d} "
        f"p50={p50:7.1f} ms  p95={p95:7.1f} ms  rps={len(ordered) / run.seconds:7.1f}{cache}"
    )


def start_gunicorn(env: dict, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    wait_for(port)
    return process, port


def stop_gunicorn(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def measure(port: int, guide_paths: list[str], search_paths: list[str], args) -> None:
    print(f"  load average before measuring: {os.getloadavg()[0]:.1f}")
    report("guide page", load(port, guide_paths, args.seconds, args.clients))
    report("search", load(port, search_paths, args.seconds, args.clients))
    # One client: the latency of a request without queueing behind others.
    quick = max(args.seconds / 2, 3)
    report("guide page/1", load(port, guide_paths, quick, 1))
    report("search/1", load(port, search_paths, quick, 1))
    print(f"  load average after measuring: {os.getloadavg()[0]:.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guides", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    name = f"ih_bench_guides_{os.getpid()}"

    def stop(signum, frame):  # run the clean-up in ``finally`` on SIGTERM too
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    base = ADMIN_URL.rsplit("/", 1)[0]
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env = dict(
        os.environ,
        DATABASE_URL=f"{base}/{name}",
        DJANGO_ENV="development",
        DJANGO_DEBUG="0",
        STATIC_MANIFEST="0",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    env.pop("REDIS_URL", None)
    env.pop("PAGE_CACHE_SECONDS", None)
    tmp = Path(tempfile.mkdtemp(prefix="bench-guides-"))
    redis = gunicorn = None
    try:
        t0 = time.monotonic()
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        code = "import django; django.setup()\n" + SEED
        seeded = subprocess.run(
            [PYTHON, "-c", code, str(args.guides)],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"},
            check=True,
            capture_output=True,
            text=True,
        )
        print(
            f"seeded (guides, translations): {seeded.stdout.strip()} "
            f"in {time.monotonic() - t0:.0f} s"
        )
        # A private Redis: the page cache is shared by the gunicorn workers, as in
        # production (with local memory, each worker would fill its own).
        redis, redis_port = start_redis(tmp)
        env.update(REDIS_URL=f"redis://127.0.0.1:{redis_port}/0", CACHE_KEY_PREFIX="bench")

        rnd = random.Random(1)
        topics = [
            "work-permits",
            "registration-id-bank",
            "housing",
            "family-school",
            "healthcare",
            "swedish-education",
            "validation",
            "partner-career",
            "transport-driving",
            "money-tax-insurance",
            "social-life-outdoors",
            "starting-business",
        ]

        def guide_path() -> str:
            i = rnd.randrange(args.guides)
            return f"/{rnd.choice(LANGUAGES)}/guides/{topics[i % len(topics)]}/guide-{i}/"

        guide_paths = list(dict.fromkeys(guide_path() for _ in range(2000)))
        measured = set(guide_paths)
        # Other pages, to warm the workers (imports, connections) without filling the
        # cache for the measured paths.
        other_paths = [p for p in (guide_path() for _ in range(400)) if p not in measured]
        search_paths = [f"/{lang}/search/?q={quote(q)}" for lang, qs in QUERIES.items() for q in qs]
        print(
            f"gunicorn workers={args.workers}, clients={args.clients}, "
            f"{args.seconds:.0f} s per endpoint, {os.cpu_count()} CPUs, "
            f"{len(guide_paths)} guide pages and {len(search_paths)} searches measured"
        )

        gunicorn, port = start_gunicorn(env, args.workers)
        # Check the paths answer before measuring.
        for path in (other_paths[0], "/en/search/?q=warm"):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", path)
            status = conn.getresponse().status
            assert status == 200, f"{path} -> {status}"
        load(port, other_paths, 3, args.clients)  # warm up the workers
        print("WARM: page cache on (Redis), after one request of every measured path")
        print("  fill pass, the first request of each path (rendered and stored):")
        report("guide page", load(port, guide_paths, 0, args.clients, once=True))
        report("search", load(port, search_paths, 0, args.clients, once=True))
        measure(port, guide_paths, search_paths, args)
        stop_gunicorn(gunicorn)
        gunicorn = None

        print("COLD: page cache off (PAGE_CACHE_SECONDS=0), every request rendered")
        gunicorn, port = start_gunicorn({**env, "PAGE_CACHE_SECONDS": "0"}, args.workers)
        load(port, other_paths, 3, args.clients)  # warm up the workers
        measure(port, guide_paths, search_paths, args)
    finally:
        if gunicorn is not None:
            stop_gunicorn(gunicorn)
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"dropped database {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
