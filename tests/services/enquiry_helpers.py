"""Helpers for the enquiry real-services tests: a worker logging to a file (so a
chatty worker never blocks on a full pipe), pointing the test process's Celery app
at a private broker, and waiting for the database to reach a state."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from kombu import pools as kombu_pools

from config.celery import app as celery_app
from tests.services.conftest import ROOT, worker_env


class LoggedWorker:
    def __init__(self, log_path: Path, name: str, **env: str) -> None:
        self.log_path = log_path
        self.name = name
        self.env = worker_env(**env)
        self.process: subprocess.Popen | None = None

    def start(self) -> LoggedWorker:
        self.log = self.log_path.open("ab")
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
                "--without-heartbeat",
                "--hostname",
                f"{self.name}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def pool_child_pids(self) -> list[int]:
        """The prefork pool processes (children of the main worker process)."""
        assert self.process is not None
        children = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(entry.name))
        return children

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=20)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=20)
        self.process = None
        if getattr(self, "log", None):
            self.log.close()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


def use_broker(url: str) -> None:
    """Point this process's Celery app at ``url``, dropping pooled connections.

    Celery has no public way to drop its connection and producer pools in a running
    process (``app.close()`` forgets the first, not the second), so this test helper
    resets both attributes itself; README "Private names" lists it."""
    celery_app.conf.broker_url = url
    for pool in (celery_app._pool, getattr(celery_app.amqp, "_producer_pool", None)):
        if pool is not None:
            # Connections to a stopped server may fail to close.
            with contextlib.suppress(Exception):
                pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    kombu_pools.reset()


def wait_until(condition: Callable[[], bool], timeout: float, what: str, log=None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    detail = f"\nworker log:\n{log()[-5000:]}" if log else ""
    raise AssertionError(f"timed out after {timeout}s waiting for {what}{detail}")
