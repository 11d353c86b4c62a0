"""The outbox moves to the notifications app: removed from this app's state only.

The table (``relocation_outboundemail``) and its rows stay where they are;
``notifications.0001_outbox_from_relocation`` takes the model over.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("relocation", "0011_guide_published_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OutboundEmail")],
            database_operations=[],
        ),
    ]
