"""A database migrated on the layout before the apps were split migrates forward intact.

Enquiries left the "relocation" app for "enquiries", events left "portal" for
"events"; their tables stay and only the migration state moves. This test takes
the PostgreSQL test database back to the last migrations of the old layout, writes
rows through the historical models of that time, migrates forward and counts them
through today's models.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from enquiries.models import Enquiry, EnquiryMessage, RoutingRule
from events.models import Event, EventRegistration

pytestmark = pytest.mark.django_db(transaction=True)

OLD_LAYOUT = [
    ("relocation", "0011_guide_published_index"),
    ("portal", "0003_events_and_registrations"),
    ("ambassadors", "0002_ambassador_suspension"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def write_old_rows(old):
    """Rows as the old layout wrote them: relocation.Enquiry, portal.Event."""
    user = old.get_model("portal", "User").objects.create(
        email="newcomer.migration@example.org", password="!"
    )
    municipality = old.get_model("portal", "Municipality").objects.create(
        code="2321", name="Åre", slug="are"
    )
    organisation = old.get_model("portal", "Organisation").objects.create(
        name="Åre kommun", slug="are-kommun", kind="municipality"
    )
    topic = old.get_model("relocation", "Topic").objects.create(
        slug="housing", name="Bostad", name_sv="Bostad", name_en="Housing"
    )
    old.get_model("relocation", "RoutingRule").objects.create(
        topic=topic, municipality=municipality, organisation=organisation
    )
    enquiry_model = old.get_model("relocation", "Enquiry")
    enquiries = [
        enquiry_model.objects.create(
            reference=f"IH-MIG{n:04d}",
            language="en",
            message=f"Where do I find housing in Åre? ({n})",
            contact_email=f"newcomer{n}@example.org",
            topic=topic,
            municipality=municipality,
            organisation=organisation,
            user=user,
        )
        for n in range(3)
    ]
    old.get_model("relocation", "EnquiryMessage").objects.create(
        enquiry=enquiries[0], kind="reply", body="Start with the housing queue."
    )
    start = dt.datetime(2027, 3, 1, 17, 0, tzinfo=dt.UTC)
    event = old.get_model("portal", "Event").objects.create(
        slug="welcome-evening",
        title="Welcome evening",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        place="Library",
        organisation=organisation,
        is_published=True,
    )
    old.get_model("portal", "EventRegistration").objects.create(event=event, user=user)


def test_a_database_on_the_old_layout_migrates_forward_with_every_row():
    forward = latest()
    try:
        old = migrate(OLD_LAYOUT)
        write_old_rows(old)
        # What the old layout registered: its content types under the old labels.
        ContentType.objects.filter(app_label__in=["enquiries", "events"]).delete()
        ContentType.objects.get_or_create(app_label="relocation", model="enquiry")
        ContentType.objects.get_or_create(app_label="portal", model="event")

        migrate(forward)

        assert Enquiry.objects.count() == 3
        assert EnquiryMessage.objects.get().body == "Start with the housing queue."
        assert RoutingRule.objects.count() == 1
        assert Event.objects.get().slug == "welcome-evening"
        assert EventRegistration.objects.count() == 1
        assert ContentType.objects.filter(app_label="enquiries", model="enquiry").exists()
        assert ContentType.objects.filter(app_label="events", model="event").exists()
        assert not ContentType.objects.filter(app_label="relocation", model="enquiry").exists()
    finally:
        migrate(forward)
