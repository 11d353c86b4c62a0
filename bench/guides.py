"""Benchmark: anonymous guide pages through the project's nginx config, 10,000 guides in
8 languages on PostgreSQL.

    .venv/bin/python bench/guides.py [--guides 10000] [--seconds 10] [--clients 8]

Creates a separate database (``ih_bench_guides_<pid>`` on the server of
``BENCH_ADMIN_URL``, default postgres://postgres@127.0.0.1:5432/postgres), migrates
it, seeds N guides with text in all 8 languages, starts a private ``redis-server``
(the cache), gunicorn, and Debian's nginx (``/usr/sbin/nginx``) with
``deploy/nginx/portal-http.conf`` and ``deploy/nginx/portal.conf`` inside a small
wrapper written here (its own port, temp dirs and cache directory), and reports, with
keep-alive clients going through nginx:

* guide page: requests per second of guide pages already requested once (what nginx
  keeps), against the same bytes as a static file served by nginx (target: at least half);
* gzip: the bytes of a guide page with and without ``Accept-Encoding: gzip``;
* 304: the round trip of a conditional request (If-None-Match) answered by nginx, and
  by gunicorn (what nginx's revalidation costs the portal);
* first view after an edit: a staff edit (``guide_save``, the refresh task run
  in-process, through nginx) of guides whose pages were read in all 8 languages, then
  the first request of each language (target: a cache hit in every language);
* cache miss: guide pages never requested, rendered by gunicorn, one client (target:
  p95 ≤ 60 ms).

The database is dropped and the servers stopped afterwards, also on failure. Two
cores shared with other work give noisy figures: compare runs made close together.
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

import psycopg

# bench/ is the script's own directory, first on sys.path.
from support import free_port, start_redis, wait_for_port

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
ADMIN_URL = os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
LANGUAGES = ["sv", "en", "de", "es", "pl", "uk", "ar", "fa"]
TOPICS = [
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


EDIT = r"""
import sys, time
from django.db import transaction
from guides.models import Guide
from guides.services import guide_save

marker = sys.argv[1]
for slug in sys.argv[2:]:
    guide = Guide.objects.get(slug=slug)
    fields = []
    for lang in ("sv", "en", "de", "es", "pl", "uk", "ar", "fa"):
        setattr(guide, f"title_{lang}", f"{marker} " + getattr(guide, f"title_{lang}"))
        fields.append(f"title_{lang}")
    started = time.perf_counter()
    with transaction.atomic():  # the refresh runs once this commits (eager Celery)
        guide_save(guide=guide, changed_fields=fields, minor=True)
    print(f"{slug} {time.perf_counter() - started:.3f}")
"""


def guide_path(i: int, lang: str) -> str:
    return f"/{lang}/guides/{TOPICS[i % len(TOPICS)]}/guide-{i}/"


class Run:
    """Latencies, errors, statuses and cache headers of one load run."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors = 0
        self.cache = Counter()
        self.status = Counter()
        self.seconds = 0.0
        self.bodies: dict[str, bytes] = {}


def load(
    port: int,
    paths: list[str],
    seconds: float,
    clients: int,
    *,
    once: bool = False,
    headers: dict | None = None,
    keep_bodies: bool = False,
) -> Run:
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
        statuses: Counter = Counter()
        bodies = {}
        bad = 0
        while (path := next_path(rnd)) is not None:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers or {})
                response = conn.getresponse()
                body = response.read()
                statuses[response.status] += 1
                if response.status not in (200, 304):
                    bad += 1
                nginx = response.getheader("X-Cache-Status") or "-"
                seen[f"nginx {nginx} / app {response.getheader('X-Page-Cache') or '-'}"] += 1
                if keep_bodies:
                    bodies[path] = body
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
            run.status.update(statuses)
            run.bodies.update(bodies)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    run.seconds = time.monotonic() - started
    return run


def report(name: str, run: Run) -> float:
    """Print the run's figures; its requests per second."""
    if not run.latencies:
        print(f"  {name}: no successful requests ({run.errors} errors)")
        return 0.0
    ordered = sorted(run.latencies)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[max(int(len(ordered) * 0.95) - 1, 0)] * 1000
    rps = len(ordered) / run.seconds
    total = sum(run.cache.values())
    cache = ", ".join(f"{k} {v / total:.0%}" for k, v in sorted(run.cache.items()))
    status = ", ".join(f"{k}×{v}" for k, v in sorted(run.status.items()))
    print(
        f"  {name:22s} requests={len(ordered):6d} errors={run.errors:3d} "
        f"p50={p50:6.1f} ms p95={p95:6.1f} ms rps={rps:7.1f}  [{status}; {cache}]"
    )
    return rps


def get(port: int, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if get(port, "/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError("gunicorn did not become healthy")


NGINX_WRAPPER = """
worker_processes 2;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    keepalive_timeout 65s;
    keepalive_requests 1000000;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    proxy_cache_path {tmp}/cache levels=1:2 keys_zone=portal:20m max_size=1g inactive=1d
                     use_temp_path=off;
    include {root}/deploy/nginx/portal-http.conf;
    upstream portal {{
        server 127.0.0.1:{upstream};
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        root {static_root};
        include {root}/deploy/nginx/portal.conf;
    }}
}}
"""


def start_nginx(tmp: Path, upstream: int, static_root: Path) -> tuple[subprocess.Popen, int]:
    """Debian's nginx with the repository's config in a wrapper of our own."""
    port = free_port()
    directory = tmp / "nginx"
    directory.mkdir()
    user = "user root;" if os.geteuid() == 0 else ""  # workers can read our temp dirs
    conf = directory / "nginx.conf"
    conf.write_text(
        NGINX_WRAPPER.format(
            tmp=directory,
            root=ROOT,
            upstream=upstream,
            port=port,
            static_root=static_root,
            user=user,
        )
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(directory), "-c", str(conf)], start_new_session=True
    )
    wait_for_port(port)
    return process, port


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


def edited_first_views(env: dict, nginx: int, args, rnd: random.Random) -> None:
    """Read some guides in all 8 languages, edit them as staff do, then request each
    language once: the refresh task should have put every one in the cache."""
    indexes = rnd.sample(range(args.guides), 3)
    for i in indexes:
        for lang in LANGUAGES:
            get(nginx, guide_path(i, lang))
    marker = f"Edited{int(time.time())}"
    edit_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "PAGE_REFRESH_URL": f"http://127.0.0.1:{nginx}",
        "PUBLIC_BASE_URL": f"http://127.0.0.1:{nginx}",
    }
    code = "import django; django.setup()\n" + EDIT
    done = subprocess.run(
        [PYTHON, "-c", code, marker, *(f"guide-{i}" for i in indexes)],
        cwd=ROOT,
        env=edit_env,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = [float(line.split()[1]) for line in done.stdout.split("\n") if line.strip()]
    paths = [guide_path(i, lang) for i in indexes for lang in LANGUAGES]
    run = load(nginx, paths, 0, 1, once=True, keep_bodies=True)
    shown = sum(marker.encode() in body for body in run.bodies.values())
    print(
        f"  {len(indexes)} guides edited (save and refresh: "
        f"{', '.join(f'{s * 1000:.0f}' for s in seconds)} ms); "
        f"first view of each of the {len(paths)} pages shows the edit: {shown}/{len(paths)}"
    )
    report("first view after edit", run)


def measure(env: dict, gunicorn: int, nginx: int, static_root: Path, args) -> None:
    rnd = random.Random(1)
    indexes = rnd.sample(range(args.guides), 700)
    hot = [guide_path(i, rnd.choice(LANGUAGES)) for i in indexes[:500]]
    cold = [guide_path(i, rnd.choice(LANGUAGES)) for i in indexes[500:]]
    warm_up = [guide_path(i, "sv") for i in rnd.sample(range(args.guides), 50)]
    print(f"  load average before measuring: {os.getloadavg()[0]:.1f}")
    load(nginx, warm_up, 0, args.clients, once=True)  # the workers' imports, connections

    print("cache miss: pages never requested, rendered by gunicorn, one client")
    report("guide page miss/1", load(nginx, cold, 0, 1, once=True))

    print(f"guide page: {len(hot)} pages, each requested once before; {args.clients} clients")
    report("fill (first request)", load(nginx, hot, 0, args.clients, once=True))
    page_rps = report("guide page", load(nginx, hot, args.seconds, args.clients))
    sample = get(nginx, hot[0])
    (static_root / "static" / "bench").mkdir(parents=True)
    (static_root / "static" / "bench" / "guide.html").write_bytes(sample.body)
    static = ["/static/bench/guide.html"]
    static_rps = report("same bytes, static", load(nginx, static, args.seconds, args.clients))
    if static_rps:
        print(f"  guide page / static file: {page_rps / static_rps:.2f}× (target ≥ 0.5×)")
    zipped = get(nginx, hot[0], {"Accept-Encoding": "gzip"})
    print(
        f"  gzip: {len(sample.body)} bytes plain, {len(zipped.body)} bytes "
        f"(Content-Encoding: {zipped.getheader('Content-Encoding') or 'none'}); "
        f"Cache-Control: {sample.getheader('Cache-Control') or 'none'}"
    )

    print("304: a conditional request for a page the client has, one client")
    tag = sample.getheader("ETag")
    if tag is None:
        print("  no ETag on the guide page: no conditional requests")
    else:
        quick = max(args.seconds / 2, 3)
        report("304 from nginx", load(nginx, [hot[0]], quick, 1, headers={"If-None-Match": tag}))
        origin_tag = get(gunicorn, hot[0]).getheader("ETag")
        report(
            "304 from gunicorn",
            load(gunicorn, [hot[0]], quick, 1, headers={"If-None-Match": origin_tag}),
        )

    print("first view after an edit (the refresh task through nginx)")
    edited_first_views(env, nginx, args, rnd)
    print(f"  load average after measuring: {os.getloadavg()[0]:.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guides", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=10)
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
    for variable in ("REDIS_URL", "CACHE_URL", "CELERY_BROKER_URL", "PAGE_CACHE_SECONDS"):
        env.pop(variable, None)
    tmp = Path(tempfile.mkdtemp(prefix="bench-guides-"))
    tmp.chmod(0o755)
    redis = gunicorn = nginx = None
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
        # A private Redis for the cache, shared by the gunicorn workers as in
        # production. REDIS_URL too: before CACHE_URL existed, it named the cache (the
        # broker is not used: the edit runs its task in-process).
        redis, redis_port = start_redis(tmp)
        cache_url = f"redis://127.0.0.1:{redis_port}/0"
        env.update(
            CACHE_URL=cache_url,
            REDIS_URL=cache_url,
            CELERY_TASK_ALWAYS_EAGER="1",
            CACHE_KEY_PREFIX="bench",
        )
        gunicorn, gunicorn_port = start_gunicorn(env, args.workers)
        static_root = tmp / "root"
        (static_root / "static").mkdir(parents=True)
        nginx, nginx_port = start_nginx(tmp, gunicorn_port, static_root)
        print(
            f"nginx {NGINX} (2 workers) -> gunicorn workers={args.workers}; "
            f"clients={args.clients}, {args.seconds:.0f} s per load run, "
            f"{os.cpu_count()} CPUs shared with other work"
        )
        measure(env, gunicorn_port, nginx_port, static_root, args)
    finally:
        for process in (nginx, gunicorn):
            if process is not None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
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
