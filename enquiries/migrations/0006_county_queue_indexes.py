"""The triage desk's indexes: the county-wide queue (by due time across
organisations) and "My work" (open and waiting enquiries assigned to me, or my
organisation's unassigned ones).

On PostgreSQL the indexes are built ``CONCURRENTLY`` (the queue stays writable while
a million-row table is indexed), so this migration is not atomic; elsewhere (SQLite)
it is a plain ``CREATE INDEX``.
"""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class AddIndexConcurrentlyOnPostgres(migrations.AddIndex):
    """``AddIndexConcurrently`` on PostgreSQL, ``AddIndex`` on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            operation = AddIndexConcurrently(self.model_name, self.index)
            operation.database_forwards(app_label, schema_editor, from_state, to_state)
        else:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            operation = AddIndexConcurrently(self.model_name, self.index)
            operation.database_backwards(app_label, schema_editor, from_state, to_state)
        else:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("enquiries", "0005_triage_desk")]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="enquiry",
            index=models.Index(fields=["due_at", "id"], name="enq_due"),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="enquiry",
            index=models.Index(fields=["status", "due_at", "id"], name="enq_status_due"),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="enquiry",
            index=models.Index(
                condition=models.Q(("status__in", ["open", "waiting"])),
                fields=["assignee", "due_at", "id"],
                name="enq_work_assigned",
            ),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="enquiry",
            index=models.Index(
                condition=models.Q(("assignee__isnull", True), ("status__in", ["open", "waiting"])),
                fields=["organisation", "due_at", "id"],
                name="enq_work_unassigned",
            ),
        ),
    ]
