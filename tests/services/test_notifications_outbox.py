"""One way out, with real services: an e-mail caused while the broker (Redis) is down
is kept in the outbox and reaches its reader once Redis returns and the sweep runs.

PostgreSQL, a private redis-server that the test stops and starts, and a live Celery
worker that writes its mail to files (``EMAIL_FILE_PATH``).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ambassadors.matching import buddy_request_match
from ambassadors.models import Match
from config.celery import app as celery_app
from notifications.models import OutboundEmail
from notifications.services import email_sweep
from tests.ambassadors.factories import AmbassadorFactory, BuddyRequestFactory
from tests.services.enquiry_helpers import LoggedWorker, use_broker, wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker(redis_server):
    """A private redis-server as the broker of this process and of the worker."""
    original = celery_app.conf.broker_url
    use_broker(redis_server.url)
    yield redis_server
    use_broker(original)


def mailbox(folder: Path) -> list[str]:
    return [path.read_text(errors="replace") for path in sorted(folder.glob("*.log"))]


def test_a_buddy_offer_made_while_redis_is_down_reaches_the_ambassador_after_it_returns(
    broker, tmp_path
):
    folder = tmp_path / "mail"
    folder.mkdir()
    ambassador = AmbassadorFactory(speaks=["ar"], preferred_language="en")
    request = BuddyRequestFactory(languages=["ar"])

    broker.stop()
    started = time.monotonic()
    match = buddy_request_match(request_id=request.pk)  # commits; its e-mail cannot be sent
    assert time.monotonic() - started < 10  # a dead broker fails fast, never slowly
    assert match is not None
    assert match.status == Match.Status.OFFERED
    email = OutboundEmail.objects.get(key__startswith=f"ambassadors:offer_made:{match.pk}:")
    assert email.recipient == ambassador.user.email
    assert email.state == OutboundEmail.State.PENDING

    broker.start()
    use_broker(broker.url)
    worker = LoggedWorker(
        tmp_path / "worker.log",
        "notifications",
        REDIS_URL=broker.url,
        CELERY_BROKER_URL=broker.url,
        EMAIL_FILE_PATH=str(folder),
    ).start()
    try:
        assert email_sweep(lease_seconds=0) == 1
        wait_until(lambda: mailbox(folder), 90, "the offer e-mail in the mailbox", worker.output)
    finally:
        worker.stop()

    (message,) = mailbox(folder)
    assert f"To: {ambassador.user.email}" in message
    assert "Subject: A newcomer would like an ambassador" in message
    assert "/en/ambassadors/" in message
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.SENT
    assert email.attempts == 1
