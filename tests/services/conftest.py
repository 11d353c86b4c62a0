"""Real-services tier: PostgreSQL, Redis and live Celery worker processes.

Run with ``make test-services`` (see scripts/test-services). Every test in this
folder is marked ``services``; the embedded tier deselects them, and this tier
fails — never skips — when the services are not configured.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.services)


@pytest.fixture(scope="session", autouse=True)
def _require_real_services():
    if not settings.IS_POSTGRES:
        pytest.fail("The real-services tier needs DATABASE_URL pointing at PostgreSQL.")
    if not settings.REDIS_URL or settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.fail("The real-services tier needs REDIS_URL and a non-eager Celery.")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


class RedisServer:
    """A private redis-server on a free port, which a test may stop and restart."""

    def __init__(self, tmp_path: Path) -> None:
        self.port = free_port()
        self.dir = tmp_path
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed")
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def redis_server(tmp_path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def worker_env(**overrides: str) -> dict[str, str]:
    """Environment for a worker subprocess that shares this test run's database."""
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": (
                f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}"
                f"/{db['NAME']}"
            ),
            "REDIS_URL": settings.REDIS_URL,
            "DJANGO_ENV": "test",
            "PYTHONPATH": str(ROOT),
        }
    )
    env.update(overrides)
    return env


class CeleryWorker:
    def __init__(self, env: dict[str, str], name: str) -> None:
        self.env = env
        self.name = name
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                "1",
                "--pool",
                "prefork",
                "--without-gossip",
                "--without-mingle",
                "--hostname",
                f"{self.name}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self, sig: int = signal.SIGTERM) -> str:
        output = ""
        if self.process is not None:
            if self.process.poll() is None:
                os.killpg(self.process.pid, sig)
            try:
                output = self.process.communicate(timeout=20)[0].decode(errors="replace")
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                output = self.process.communicate()[0].decode(errors="replace")
        self.process = None
        return output


@pytest.fixture
def celery_worker_process() -> Iterator[CeleryWorker]:
    worker = CeleryWorker(worker_env(), name="test-worker")
    worker.start()
    yield worker
    worker.stop()
