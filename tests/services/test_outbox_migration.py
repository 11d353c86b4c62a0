"""A database migrated before the notifications app keeps its e-mail outbox: the
model moves in migration state only, its rows and permissions stay (PostgreSQL,
real migrations)."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("relocation", "0011_guide_published_index"), ("notifications", None)]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def test_the_outbox_rows_and_permissions_survive_the_move_to_the_notifications_app():
    executor = migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[0]).apps
    old_email = old.get_model("relocation", "OutboundEmail")
    old_content_type = old.get_model("contenttypes", "ContentType")
    old_content_type.objects.filter(app_label="notifications").delete()
    content_type, _created = old_content_type.objects.get_or_create(
        app_label="relocation", model="outboundemail"
    )
    for n in range(3):
        old_email.objects.create(
            key=f"enquiry:{n}:confirmation",
            recipient=f"newcomer{n}@example.org",
            language="sv",
            subject="Vi har fått din fråga",
            body="Tack!",
        )

    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes())

    assert OutboundEmail.objects.count() == 3
    assert set(OutboundEmail.objects.values_list("recipient", flat=True)) == {
        f"newcomer{n}@example.org" for n in range(3)
    }
    ContentType.objects.clear_cache()
    moved = ContentType.objects.get(pk=content_type.pk)
    assert (moved.app_label, moved.model) == ("notifications", "outboundemail")
