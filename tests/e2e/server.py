"""Start the real portal, production-like, on a free loopback port.

Fresh SQLite file, migrations, demo data, collected static files (whitenoise's
compressed manifest storage), gunicorn with two workers and DJANGO_ENV=production.
Only plain http on loopback: SSL redirect and secure cookies are switched off.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent

#: Variables that would point the portal at other services or settings.
_DROPPED_ENV = (
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_DEBUG",
    "PYTEST_VERSION",
    "PYTEST_CURRENT_TEST",
    "EMAIL_HOST",
)


@dataclass(frozen=True)
class Portal:
    base_url: str
    log_path: Path

    def url(self, path: str) -> str:
        return self.base_url + path


def _die_with_parent() -> None:
    """In the child: get SIGTERM when pytest dies, so no gunicorn is left behind."""
    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def portal_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48)[:64],
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        SQLITE_PATH=str(tmp / "portal.sqlite3"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def _manage(env: dict[str, str], log, *args: str) -> None:
    cmd = [sys.executable, "manage.py", *args]
    result = subprocess.run(
        cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, check=False, timeout=600
    )
    if result.returncode != 0:
        log.flush()
        raise RuntimeError(
            f"`{' '.join(cmd)}` failed ({result.returncode}); see {log.name}:\n"
            + Path(log.name).read_text(encoding="utf-8", errors="replace")[-3000:]
        )


def _wait_healthy(url: str, proc: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    last_error: Exception | str = "no answer"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited with {proc.returncode}:\n"
                + log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last_error = exc
        time.sleep(0.25)
    raise RuntimeError(f"portal did not become healthy at {url}: {last_error}")


@contextlib.contextmanager
def run_portal(tmp: Path) -> Iterator[Portal]:
    tmp.mkdir(parents=True, exist_ok=True)
    env = portal_env(tmp)
    log_path = tmp / "portal.log"
    with log_path.open("a", encoding="utf-8") as log:
        _manage(env, log, "migrate", "--noinput")
        _manage(env, log, "seed_demo", "--allow-production")
        _manage(env, log, "collectstatic", "--noinput")
        port = free_port()
        proc = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "config.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "2",
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_healthy(base_url + "/healthz", proc, log_path)
            yield Portal(base_url=base_url, log_path=log_path)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=5)
