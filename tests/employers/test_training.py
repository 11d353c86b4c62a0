"""Training toward 200 employers: seats per employer, the waiting list, attendance, progress."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import override

from employers import selectors, services
from employers.models import EmployerMembership, TrainingSeat
from events.models import Event, EventRegistration
from events.services import event_cancel_registration
from tests.employers.factories import EmployerFactory, EmployerMembershipFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 4, 10, 0, tzinfo=datetime.UTC)
R = EventRegistration.Status


@pytest.fixture
def training(business_organisation):
    start = NOW + datetime.timedelta(days=10)
    return Event.objects.create(
        slug="recruiting-from-abroad",
        title="Rekrytera från utlandet",
        kind=Event.Kind.TRAINING,
        audience=Event.Audience.EMPLOYERS,
        organisation=business_organisation,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        place="Campus Östersund",
        capacity=2,
    )


def people(employer, count: int) -> list:
    return [
        EmployerMembershipFactory(employer=employer, role=EmployerMembership.Role.MEMBER).user
        for _ in range(count)
    ]


def test_an_employer_registers_several_people_and_the_last_waits_then_moves_up(
    employer_admin, employer_in_are, training
):
    colleagues = people(employer_in_are, 2)
    with time_machine.travel(NOW, tick=False):
        registrations = services.training_register(
            employer=employer_in_are,
            event_id=training.pk,
            users=[employer_admin, *colleagues],
            actor=employer_admin,
        )
        assert [r.status for r in registrations] == [R.CONFIRMED, R.CONFIRMED, R.WAITING]
        assert TrainingSeat.objects.filter(employer=employer_in_are).count() == 3
        event_cancel_registration(event_id=training.pk, user=employer_admin)
        registrations[2].refresh_from_db()
        assert registrations[2].status == R.CONFIRMED


def test_only_the_employers_own_people_can_be_registered(employer_admin, employer_in_are, training):
    stranger = EmployerMembershipFactory().user
    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError):
        services.training_register(
            employer=employer_in_are, event_id=training.pk, users=[stranger], actor=employer_admin
        )
    assert not TrainingSeat.objects.exists()


def test_progress_counts_distinct_employers_with_attendance(
    employer_admin, employer_in_are, training, ostersund, business_organisation
):
    other = EmployerFactory(municipality=ostersund, sector="digital")
    other_admin = EmployerMembershipFactory(employer=other).user
    not_attending = EmployerFactory(municipality=ostersund)
    absent = EmployerMembershipFactory(employer=not_attending).user
    training.capacity = 10
    training.save()
    with time_machine.travel(NOW, tick=False):
        own = services.training_register(
            employer=employer_in_are,
            event_id=training.pk,
            users=[employer_admin, *people(employer_in_are, 1)],
            actor=employer_admin,
        )
        theirs = services.training_register(
            employer=other, event_id=training.pk, users=[other_admin], actor=other_admin
        )
        services.training_register(
            employer=not_attending, event_id=training.pk, users=[absent], actor=absent
        )
    attended = TrainingSeat.objects.filter(registration__in=[*own, *theirs])
    services.training_attendance_mark(
        seat_ids=list(attended.values_list("pk", flat=True)), attended=True
    )
    with override("en"):
        progress = selectors.training_progress()
    assert progress.employers == 2
    assert progress.goal == 200
    assert dict(progress.by_municipality) == {"Åre": 1, "Östersund": 1}
    assert dict(progress.by_sector) == {"Hospitality": 1, "Digital solutions": 1}


def test_staff_of_the_organiser_mark_attendance_and_see_the_progress(
    client, staff_of_business, employer_admin, employer_in_are, training
):
    with time_machine.travel(NOW, tick=False):
        services.training_register(
            employer=employer_in_are,
            event_id=training.pk,
            users=[employer_admin],
            actor=employer_admin,
        )
    seat = TrainingSeat.objects.get()
    client.force_login(staff_of_business)
    url = reverse("admin:employers_trainingseat_changelist")
    client.post(url, {"action": "mark_attended", "_selected_action": [seat.pk]})
    seat.refresh_from_db()
    assert seat.attended_at is not None
    page = client.get(url).content.decode()
    assert "Utbildade arbetsgivare: 1 av 200" in page  # the admin speaks Swedish


def test_the_employer_page_registers_colleagues_for_a_training(
    client, employer_admin, employer_in_are, training
):
    colleague = people(employer_in_are, 1)[0]
    client.force_login(employer_admin)
    with time_machine.travel(NOW, tick=False):
        page = client.get(reverse("employers:account")).content.decode()
        assert training.title in page
        client.post(
            reverse("employers:training_register", args=[training.pk]),
            {f"t{training.pk}-people": [employer_admin.pk, colleague.pk]},
        )
    assert TrainingSeat.objects.filter(employer=employer_in_are).count() == 2


def test_the_international_ready_mark_needs_attendance_and_both_self_assessments(
    client, employer_admin, employer_in_are, training
):
    services.employer_update_network(
        employer=employer_in_are, is_network_member=True, listing_consent=True
    )
    client.force_login(employer_admin)
    readiness = reverse("employers:readiness")
    mark = "International-ready employer"

    def listed() -> str:
        with override("en"):
            return client.get(reverse("employers:index")).content.decode()

    client.post(readiness, {"roles": "on"})
    assert employer_in_are.assessments.get().stage == "before"
    with time_machine.travel(NOW, tick=False):
        services.training_register(
            employer=employer_in_are,
            event_id=training.pk,
            users=[employer_admin],
            actor=employer_admin,
        )
    assert mark not in listed()
    services.training_attendance_mark(
        seat_ids=list(TrainingSeat.objects.values_list("pk", flat=True)), attended=True
    )
    assert mark not in listed()  # attended, but not yet assessed after
    client.post(readiness, {"roles": "on", "permit": "on", "ads": "on"})
    after = employer_in_are.assessments.get(stage="after")
    assert after.score == 3
    assert mark in listed()
