"""The Celery app: reliability settings and a beat schedule whose tasks all exist."""

from __future__ import annotations

import pytest
from django.conf import settings

from config.celery import app


@pytest.fixture(scope="module")
def registered_tasks() -> set[str]:
    app.loader.import_default_modules()
    return set(app.tasks)


@pytest.mark.parametrize("entry", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_every_beat_entry_names_a_registered_task(entry, registered_tasks):
    assert settings.CELERY_BEAT_SCHEDULE[entry]["task"] in registered_tasks


@pytest.mark.parametrize("entry", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_every_beat_entry_expires_so_a_backlog_never_piles_up(entry):
    assert settings.CELERY_BEAT_SCHEDULE[entry]["options"]["expires"] > 0


def test_workers_acknowledge_late_and_give_tasks_back_when_they_die():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_tasks_travel_as_json_only():
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_serializer == "json"


def test_every_task_has_a_time_limit_shorter_than_the_redis_visibility_timeout():
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit < visibility


def test_every_routed_task_exists_and_goes_to_a_declared_queue(registered_tasks):
    declared = {queue.name for queue in app.conf.task_queues}
    assert declared == {"routing", "celery", "email"}
    for name, route in app.conf.task_routes.items():
        assert name in registered_tasks, name
        assert route["queue"] in declared, name


def test_e_mail_tasks_go_to_the_email_queue_and_routing_to_its_own():
    router = app.amqp.router

    def queue_of(task_name: str) -> str:
        return router.route({}, task_name)["queue"].name

    assert queue_of("notifications.tasks.send_email") == "email"
    assert queue_of("notifications.tasks.send_emails") == "email"
    assert queue_of("enquiries.tasks.route_enquiry") == "routing"
    assert queue_of("ambassadors.tasks.match_buddy_request") == "celery"
