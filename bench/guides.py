"""Benchmark: the guide page and search with 10,000 guides in 8 languages on PostgreSQL.

    .venv/bin/python bench/guides.py [--guides 10000] [--seconds 20] [--clients 8]

Creates a separate database (``ih_bench_guides_<pid>`` on the server of
``BENCH_ADMIN_URL``, default postgres://postgres@127.0.0.1:5432/postgres), migrates
it, seeds N guides with text in all 8 languages (search vectors included), serves
the portal with gunicorn and measures p50/p95 latency and requests per second with
concurrent keep-alive clients. The database is dropped afterwards, also on failure.
Targets (issue 4): guide page p95 <= 50 ms, search p95 <= 150 ms.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import psycopg

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
from relocation.demo import seed_topics
from relocation.models import Guide, GuideTranslation, Topic
from relocation.services.guides import guide_search_vectors_refresh

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
    c.execute("ANALYZE")
print(Guide.objects.count(), GuideTranslation.objects.count())
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def load(port: int, paths: list[str], seconds: float, clients: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed: int) -> None:
        nonlocal errors
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine: list[float] = []
        bad = 0
        while time.monotonic() < stop:
            path = rnd.choice(paths)
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)
            errors += bad

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def report(name: str, latencies: list[float], errors: int, seconds: float) -> None:
    if not latencies:
        print(f"{name}: no successful requests ({errors} errors)")
        return
    ordered = sorted(latencies)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[int(len(ordered) * 0.95) - 1] * 1000
    print(
        f"{name:12s} requests={len(ordered):6d} errors={errors:3d} "
        f"p50={p50:7.1f} ms  p95={p95:7.1f} ms  rps={len(ordered) / seconds:7.1f}"
    )


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
    gunicorn = None
    try:
        t0 = time.monotonic()
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        code = "import django; django.setup()\n" + SEED
        seeded = subprocess.run(
            [PYTHON, "-c", code, str(args.guides)],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
            check=True,
            capture_output=True,
            text=True,
        )
        print(
            f"seeded (guides, translations): {seeded.stdout.strip()} "
            f"in {time.monotonic() - t0:.0f} s"
        )
        port = free_port()
        gunicorn = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
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
        guide_paths = []
        for _ in range(2000):
            i = rnd.randrange(args.guides)
            guide_paths.append(
                f"/{rnd.choice(LANGUAGES)}/guides/{topics[i % len(topics)]}/guide-{i}/"
            )
        search_paths = [f"/{lang}/search/?q={quote(q)}" for lang, qs in QUERIES.items() for q in qs]
        # Check the paths answer before measuring.
        for path in (guide_paths[0], search_paths[0]):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", path)
            status = conn.getresponse().status
            assert status == 200, f"{path} -> {status}"
        load(port, guide_paths, 3, args.clients)  # warm up connections and caches
        print(
            f"gunicorn workers={args.workers}, clients={args.clients}, "
            f"{args.seconds:.0f} s per endpoint, {os.cpu_count()} CPUs"
        )
        print(f"load average before measuring: {os.getloadavg()[0]:.1f}")
        report("guide page", *load(port, guide_paths, args.seconds, args.clients), args.seconds)
        report("search", *load(port, search_paths, args.seconds, args.clients), args.seconds)
        # One client: the latency of a request without queueing behind others.
        quick = max(args.seconds / 2, 3)
        report("guide page/1", *load(port, guide_paths, quick, 1), quick)
        report("search/1", *load(port, search_paths, quick, 1), quick)
        print(f"load average after measuring: {os.getloadavg()[0]:.1f}")
    finally:
        if gunicorn is not None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            gunicorn.wait(timeout=30)
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        print(f"dropped database {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
