"""Never lose an enquiry: fault tests with PostgreSQL, private redis-servers and
live Celery workers (real-services tier).

(a) Redis stopped while 50 enquiries are submitted → 50 saved, no HTTP error, all
    routed exactly once after Redis returns and the sweep runs.
(b) The worker killed in the middle of routing → the enquiry is routed, once.
(c) The same routing task delivered twice → one decision, one e-mail.
"""

from __future__ import annotations

import os
import signal
import time
import uuid

import psycopg
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from config.celery import app as celery_app
from enquiries.models import Enquiry, EnquiryEvent, RoutingDecision
from enquiries.services.submission import enquiry_sweep_unrouted
from enquiries.tasks import route_enquiry
from notifications.models import OutboundEmail
from notifications.services import email_sweep
from tests.enquiries.factories import (  # noqa: F401 - fixtures
    EnquiryFactory,
    RoutingRuleFactory,
    healthcare_fixture,
    routing_fixture,
    schools_fixture,
)
from tests.services.enquiry_helpers import LoggedWorker, use_broker, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker(redis_server):
    """A private redis-server as the broker of this process and of the workers."""
    original = celery_app.conf.broker_url
    use_broker(redis_server.url)
    yield redis_server
    use_broker(original)


@pytest.fixture
def start_worker(tmp_path, broker):
    workers: list[LoggedWorker] = []

    def start(name: str = "enquiries", **env: str) -> LoggedWorker:
        worker = LoggedWorker(
            tmp_path / f"{name}.log",
            name,
            REDIS_URL=broker.url,
            CELERY_BROKER_URL=broker.url,
            **env,
        ).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def routed_once(enquiry_ids) -> bool:
    decisions = RoutingDecision.objects.filter(
        enquiry_id__in=enquiry_ids, kind__in=["rule", "fallback"]
    )
    return (
        decisions.count() == len(enquiry_ids)
        and not Enquiry.objects.filter(pk__in=enquiry_ids, status=Enquiry.Status.TO_ROUTE).exists()
    )


def sweep_everything() -> None:
    enquiry_sweep_unrouted(lease_seconds=0)
    email_sweep(lease_seconds=0)


def test_enquiries_submitted_while_redis_is_down_are_saved_and_routed_once_it_returns(
    client, broker, start_worker, routing, schools, are, settings, staff_of_are
):
    settings.ENQUIRY_RATE_LIMIT_PER_IP = 1000
    broker.stop()
    with translation.override("en"):
        url = reverse("enquiries:enquiry_new")
    statuses = []
    started = time.monotonic()
    for n in range(50):
        response = client.post(
            url,
            {
                "topic": schools.pk,
                "municipality": are.pk,
                "language": "ar",
                "message": f"Question number {n} about schools in Åre",
                "consent": "on",
                "contact_email": f"parent{n}@example.org",
                "website": "",
            },
        )
        statuses.append(response.status_code)
    assert statuses == [302] * 50
    assert time.monotonic() - started < 30  # a dead broker fails fast, never slowly
    ids = list(Enquiry.objects.values_list("pk", flat=True))
    assert len(ids) == 50
    assert Enquiry.objects.filter(status=Enquiry.Status.TO_ROUTE).count() == 50

    broker.start()
    use_broker(broker.url)
    worker = start_worker()
    sweep_everything()
    wait_until(lambda: routed_once(ids), 90, "50 enquiries routed", worker.output)
    wait_until(
        lambda: not OutboundEmail.objects.exclude(state=OutboundEmail.State.SENT).exists(),
        90,
        "every e-mail sent",
        worker.output,
    )
    # Exactly once: one automatic decision, one "routed" event, one confirmation each.
    for enquiry_id in ids:
        assert RoutingDecision.objects.filter(enquiry_id=enquiry_id).count() == 1
        assert EnquiryEvent.objects.filter(enquiry_id=enquiry_id, action="routed").count() == 1
        assert OutboundEmail.objects.filter(key=f"enquiry:{enquiry_id}:confirmation").count() == 1
    assert set(Enquiry.objects.values_list("organisation__slug", flat=True)) == {"are-kommun"}


def _hold_row_lock(enquiry_id: int) -> psycopg.Connection:
    """Lock the enquiry's row from outside Django, as a slow routing would."""
    db = connection.settings_dict
    lock = psycopg.connect(
        host=db["HOST"],
        port=db["PORT"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=db["NAME"],
        autocommit=False,
    )
    lock.execute("SELECT id FROM relocation_enquiry WHERE id = %s FOR UPDATE", [enquiry_id])
    return lock


def _workers_waiting_on_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database()"
        )
        return cursor.fetchone()[0]


def test_a_worker_killed_in_the_middle_of_routing_gives_the_task_back_and_it_is_routed_once(
    broker, start_worker, routing, schools, are
):
    enquiry = EnquiryFactory(topic=schools, municipality=are)
    lock = _hold_row_lock(enquiry.pk)
    worker = start_worker("first")
    route_enquiry.apply_async(args=[enquiry.pk])
    wait_until(lambda: _workers_waiting_on_a_lock() >= 1, 60, "routing to start", worker.output)
    # SIGKILL the pool process running the task: acks_late + reject_on_worker_lost
    # put the message back on the queue and the worker's next process runs it again.
    children = worker.pool_child_pids()
    assert children, worker.output()
    for pid in children:
        os.kill(pid, signal.SIGKILL)
    lock.rollback()
    lock.close()
    wait_until(lambda: routed_once([enquiry.pk]), 90, "the enquiry routed", worker.output)
    assert RoutingDecision.objects.filter(enquiry=enquiry).count() == 1
    assert "WorkerLostError" in worker.output() or "Process" in worker.output()


def test_a_whole_worker_killed_in_the_middle_of_routing_is_caught_up_by_the_sweep(
    broker, start_worker, routing, schools, are
):
    enquiry = EnquiryFactory(topic=schools, municipality=are)
    lock = _hold_row_lock(enquiry.pk)
    first = start_worker("first")
    route_enquiry.apply_async(args=[enquiry.pk])
    wait_until(lambda: _workers_waiting_on_a_lock() >= 1, 60, "routing to start", first.output)
    first.kill(signal.SIGKILL)  # the main process and its pool, without warning
    lock.rollback()
    lock.close()
    # The unacknowledged message waits for Redis's visibility timeout (an hour); the
    # outbox sweep does not wait: it re-dispatches after the short lease.
    second = start_worker("second")

    def swept_and_routed() -> bool:
        # As beat does every 30 s. Until PostgreSQL notices the dead worker's
        # connection, its row lock stands and SKIP LOCKED passes the row over.
        enquiry_sweep_unrouted(lease_seconds=2)
        return routed_once([enquiry.pk])

    wait_until(swept_and_routed, 90, "the enquiry routed", second.output)
    assert RoutingDecision.objects.filter(enquiry=enquiry).count() == 1


def test_the_same_routing_task_delivered_twice_makes_one_decision_and_one_email(
    broker, start_worker, routing, schools, are, staff_of_are
):
    enquiry = EnquiryFactory(topic=schools, municipality=are, language="ar")
    task_id = str(uuid.uuid4())
    route_enquiry.apply_async(args=[enquiry.pk], task_id=task_id)
    route_enquiry.apply_async(args=[enquiry.pk], task_id=task_id)
    worker = start_worker()
    wait_until(
        lambda: worker.output().count(f"[{task_id}] succeeded") == 2,
        90,
        "both deliveries to run",
        worker.output,
    )
    wait_until(
        lambda: OutboundEmail.objects.filter(enquiry=enquiry, state="sent").count() == 2,
        60,
        "the e-mails sent",
        worker.output,
    )
    assert RoutingDecision.objects.filter(enquiry=enquiry).count() == 1
    emails = OutboundEmail.objects.filter(enquiry=enquiry)
    assert sorted(e.recipient for e in emails) == [
        "handler@are.example.org",
        "international@are.example.org",
    ]
    assert all(e.attempts == 1 for e in emails)
    # The console backend printed each e-mail once.
    assert worker.output().count("To: handler@are.example.org") == 1


def test_a_routing_waiting_too_long_on_a_lock_gives_up_and_saves_nothing(
    routing, schools, healthcare, are, ostersund, monkeypatch
):
    """PostgreSQL's statement timeout bounds a routing whatever the worker pool (the
    solo pool enforces no task time limit): it fails, the batch is rolled back, and
    the retried task routes the enquiry once the lock is gone."""
    from django.db import DatabaseError

    from enquiries.services import routing as service

    monkeypatch.setattr(service, "ROUTING_STATEMENT_TIMEOUT_MS", 300)
    held = EnquiryFactory(topic=schools, municipality=are, language="ar")
    other = EnquiryFactory(topic=schools, municipality=ostersund, language="ar")
    lock = _hold_row_lock(held.pk)
    try:
        started = time.monotonic()
        with pytest.raises(DatabaseError):
            service.enquiries_route(enquiry_id=held.pk, batch=10)
        assert time.monotonic() - started < 5
    finally:
        lock.rollback()
        lock.close()
    assert Enquiry.objects.filter(status=Enquiry.Status.TO_ROUTE).count() == 2
    assert not RoutingDecision.objects.exists()
    decisions = service.enquiries_route(enquiry_id=held.pk, batch=10)
    assert set(decisions) == {held.pk, other.pk}
