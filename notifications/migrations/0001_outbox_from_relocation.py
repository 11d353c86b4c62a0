"""The outbox, taken over from the relocation app in state only: the table
``relocation_outboundemail`` and its rows are kept as they are."""

import django.db.models.deletion
from django.db import migrations, models


def content_type_to_notifications(apps, schema_editor):
    """Keep the outbox's permissions (and admin log entries) by moving its content
    type to this app, unless one was created for it already."""
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not content_type.objects.using(db).filter(
        app_label="notifications", model="outboundemail"
    ).exists():
        content_type.objects.using(db).filter(
            app_label="relocation", model="outboundemail"
        ).update(app_label="notifications")


def content_type_to_relocation(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not content_type.objects.using(db).filter(
        app_label="relocation", model="outboundemail"
    ).exists():
        content_type.objects.using(db).filter(
            app_label="notifications", model="outboundemail"
        ).update(app_label="relocation")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("relocation", "0012_move_enquiries_to_their_app"),
        ("enquiries", "0001_move_from_relocation"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboundEmail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key", models.CharField(max_length=120, unique=True, verbose_name="key")),
                        ("recipient", models.EmailField(max_length=254, verbose_name="recipient")),
                        ("language", models.CharField(max_length=8, verbose_name="language")),
                        (
                            "subject",
                            models.CharField(blank=True, max_length=200, verbose_name="subject"),
                        ),
                        ("body", models.TextField(blank=True, verbose_name="body")),
                        (
                            "template",
                            models.CharField(
                                blank=True,
                                help_text="Set while the e-mail is still to be written from its template.",
                                max_length=60,
                                verbose_name="template",
                            ),
                        ),
                        (
                            "context",
                            models.JSONField(blank=True, default=dict, verbose_name="context"),
                        ),
                        (
                            "state",
                            models.CharField(
                                choices=[("pending", "Pending"), ("sent", "Sent"), ("failed", "Failed")],
                                default="pending",
                                max_length=16,
                                verbose_name="state",
                            ),
                        ),
                        (
                            "attempts",
                            models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
                        ),
                        (
                            "dispatched_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="dispatched"),
                        ),
                        ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="sent")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        (
                            "enquiry",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="emails",
                                to="enquiries.enquiry",
                                verbose_name="enquiry",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "outbound e-mail",
                        "verbose_name_plural": "outbound e-mails",
                        "db_table": "relocation_outboundemail",
                        "ordering": ["created_at", "id"],
                        "indexes": [
                            models.Index(
                                condition=models.Q(("state", "pending")),
                                fields=["dispatched_at"],
                                name="email_pending",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_notifications, content_type_to_relocation),
    ]
