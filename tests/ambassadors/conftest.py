from __future__ import annotations

import pytest
from django.utils import translation

from config.celery import app


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    """Tasks scheduled by the services run in-process in these tests, on either tier
    (the real-services tier runs them on live workers in tests/services/)."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _english_urls():
    """URLs reversed in a test are English unless it says otherwise (a request
    served earlier in the same thread may have left another language active)."""
    with translation.override("en"):
        yield
