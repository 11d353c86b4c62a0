"""Fair matching: the rules of the issue, one behaviour per test."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ambassadors import matching, services
from ambassadors.models import Ambassador, BuddyRequest, Match
from ambassadors.tasks import match_buddy_request, sweep_matching
from tests.ambassadors.factories import AmbassadorFactory, BuddyRequestFactory
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def krokom(ostersund):
    krokom = MunicipalityFactory(name="Krokom", slug="krokom", code="2309")
    krokom.neighbours.add(ostersund)
    return krokom


@pytest.fixture
def berg(db):
    return MunicipalityFactory(name="Härjedalen", slug="harjedalen", code="2361")


def offer_for(request: BuddyRequest) -> Match | None:
    return Match.objects.filter(request=request, status__in=Match.HOLDING).first()


def match(request: BuddyRequest, run) -> Match | None:
    with run(execute=True):
        match_buddy_request.delay(request.pk)
    request.refresh_from_db()
    return offer_for(request)


def test_language_is_a_hard_constraint_even_in_the_same_municipality(
    ostersund, django_capture_on_commit_callbacks
):
    AmbassadorFactory(municipality=ostersund, speaks=["sv"])
    request = BuddyRequestFactory(municipality=ostersund, languages=["ar"])
    assert match(request, django_capture_on_commit_callbacks) is None
    assert request.status == BuddyRequest.Status.WAITING


def test_an_ambassador_elsewhere_who_shares_a_language_gets_the_offer(
    ostersund, berg, django_capture_on_commit_callbacks
):
    AmbassadorFactory(municipality=ostersund, speaks=["sv"])
    speaker = AmbassadorFactory(municipality=berg, speaks=["sv", "ar"])
    request = BuddyRequestFactory(municipality=ostersund, languages=["ar"])
    assert match(request, django_capture_on_commit_callbacks).ambassador == speaker


def test_the_same_municipality_comes_before_a_neighbour_and_a_neighbour_before_the_county(
    ostersund, krokom, berg
):
    county = AmbassadorFactory(municipality=berg, interests=["music", "skiing"])
    neighbour = AmbassadorFactory(municipality=krokom, interests=["music"])
    same = AmbassadorFactory(municipality=ostersund)
    request = BuddyRequestFactory(municipality=ostersund, interests=["music", "skiing"])
    ranked = [candidate.pk for candidate in matching.rank_candidates(request)]
    assert ranked == [same.pk, neighbour.pk, county.pk]


def test_shared_interests_and_sector_decide_between_ambassadors_in_the_same_place(ostersund):
    none = AmbassadorFactory(municipality=ostersund, interests=["food"])
    some = AmbassadorFactory(municipality=ostersund, interests=["music"], sector="healthcare")
    request = BuddyRequestFactory(
        municipality=ostersund, interests=["music", "skiing"], sector="healthcare"
    )
    ranked = matching.rank_candidates(request)
    assert [candidate.pk for candidate in ranked] == [some.pk, none.pk]
    assert ranked[0].overlap == 2


def test_no_ambassador_gets_a_second_buddy_while_an_equally_good_one_has_none(
    ostersund, django_capture_on_commit_callbacks
):
    first = AmbassadorFactory(municipality=ostersund, capacity=3)
    second = AmbassadorFactory(municipality=ostersund, capacity=3)
    requests = [BuddyRequestFactory(municipality=ostersund) for _ in range(4)]
    holders = [match(r, django_capture_on_commit_callbacks).ambassador_id for r in requests]
    assert sorted(holders[:2]) == sorted([first.pk, second.pk])
    assert sorted(holders) == sorted([first.pk, second.pk, first.pk, second.pk])


def test_capacity_is_never_exceeded_and_the_next_request_waits(
    ostersund, django_capture_on_commit_callbacks
):
    ambassador = AmbassadorFactory(municipality=ostersund, capacity=1)
    first, second = BuddyRequestFactory(), BuddyRequestFactory()
    assert match(first, django_capture_on_commit_callbacks).ambassador == ambassador
    assert match(second, django_capture_on_commit_callbacks) is None
    ambassador.refresh_from_db()
    assert (ambassador.reserved, ambassador.capacity) == (1, 1)
    assert second.status == BuddyRequest.Status.WAITING


def test_the_database_refuses_a_load_above_capacity():
    ambassador = AmbassadorFactory(capacity=1)
    Ambassador.objects.filter(pk=ambassador.pk).update(reserved=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Ambassador.objects.filter(pk=ambassador.pk).update(reserved=2)


def test_the_database_refuses_a_second_ambassador_holding_the_same_request():
    request = BuddyRequestFactory(status=BuddyRequest.Status.OFFERED)
    now = timezone.now()
    for index, ambassador in enumerate([AmbassadorFactory(), AmbassadorFactory()]):
        create = Match.objects.create
        if index == 0:
            create(request=request, ambassador=ambassador, offered_at=now, deadline=now)
        else:
            with pytest.raises(IntegrityError), transaction.atomic():
                create(request=request, ambassador=ambassador, offered_at=now, deadline=now)


def test_matching_the_same_request_twice_makes_one_offer(django_capture_on_commit_callbacks):
    AmbassadorFactory(capacity=2)
    AmbassadorFactory(capacity=2)
    request = BuddyRequestFactory()
    match(request, django_capture_on_commit_callbacks)
    match(request, django_capture_on_commit_callbacks)
    assert Match.objects.filter(request=request).count() == 1
    assert sum(Ambassador.objects.values_list("reserved", flat=True)) == 1


def test_an_unanswered_offer_passes_to_the_next_ambassador_after_the_deadline(
    settings, django_capture_on_commit_callbacks
):
    settings.AMBASSADOR_OFFER_DAYS = 3
    first = AmbassadorFactory(last_offered_at=timezone.now() - datetime.timedelta(days=9))
    second = AmbassadorFactory(last_offered_at=timezone.now())
    request = BuddyRequestFactory()
    assert match(request, django_capture_on_commit_callbacks).ambassador == first
    later = timezone.now() + datetime.timedelta(days=3, minutes=1)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        sweep_matching.delay()
    request.refresh_from_db()
    assert offer_for(request).ambassador == second
    assert Match.objects.get(request=request, ambassador=first).status == Match.Status.EXPIRED
    first.refresh_from_db()
    assert first.reserved == 0


def test_an_offer_is_not_passed_on_before_its_deadline(django_capture_on_commit_callbacks):
    first = AmbassadorFactory()
    AmbassadorFactory(last_offered_at=timezone.now())
    request = BuddyRequestFactory()
    match(request, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert matching.offers_expire() == 0
    assert offer_for(request).ambassador == first


def test_a_decline_passes_the_request_on_and_excludes_that_ambassador(
    django_capture_on_commit_callbacks,
):
    first = AmbassadorFactory(capacity=2, last_offered_at=timezone.now() - datetime.timedelta(1))
    second = AmbassadorFactory(capacity=2, last_offered_at=timezone.now())
    request = BuddyRequestFactory()
    offer = match(request, django_capture_on_commit_callbacks)
    assert offer.ambassador == first
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_decline(match_id=offer.pk, user=first.user)
    assert offer_for(request).ambassador == second
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_decline(match_id=offer_for(request).pk, user=second.user)
    request.refresh_from_db()
    assert request.status == BuddyRequest.Status.WAITING
    assert offer_for(request) is None
    assert [c.pk for c in matching.rank_candidates(request)] == []


def test_an_ambassador_cannot_answer_someone_elses_offer(django_capture_on_commit_callbacks):
    AmbassadorFactory()
    other = AmbassadorFactory(status=Ambassador.Status.PENDING)
    offer = match(BuddyRequestFactory(), django_capture_on_commit_callbacks)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.offer_accept(match_id=offer.pk, user=other.user)


def test_an_offer_cannot_be_accepted_after_its_deadline(django_capture_on_commit_callbacks):
    ambassador = AmbassadorFactory()
    offer = match(BuddyRequestFactory(), django_capture_on_commit_callbacks)
    from django.core.exceptions import ValidationError

    late = offer.deadline + datetime.timedelta(seconds=1)
    with time_machine.travel(late), pytest.raises(ValidationError):
        services.offer_accept(match_id=offer.pk, user=ambassador.user)


def test_a_waiting_request_is_offered_when_an_ambassador_is_approved(
    staff_of_region, django_capture_on_commit_callbacks
):
    request = BuddyRequestFactory(languages=["uk"])
    match(request, django_capture_on_commit_callbacks)
    assert request.status == BuddyRequest.Status.WAITING
    applicant = AmbassadorFactory(status=Ambassador.Status.PENDING, speaks=["uk"])
    with django_capture_on_commit_callbacks(execute=True):
        services.ambassador_approve(ambassador_id=applicant.pk, by=staff_of_region)
    assert offer_for(request).ambassador == applicant


def test_a_waiting_request_is_offered_when_an_ambassador_resumes(
    django_capture_on_commit_callbacks,
):
    paused = AmbassadorFactory(is_paused=True)
    request = BuddyRequestFactory()
    match(request, django_capture_on_commit_callbacks)
    assert request.status == BuddyRequest.Status.WAITING
    with django_capture_on_commit_callbacks(execute=True):
        services.ambassador_set_paused(user=paused.user, paused=False)
    assert offer_for(request).ambassador == paused


def test_a_waiting_request_is_offered_when_a_match_ends_and_frees_capacity(
    django_capture_on_commit_callbacks,
):
    ambassador = AmbassadorFactory(capacity=1)
    first, second = BuddyRequestFactory(), BuddyRequestFactory()
    offer = match(first, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_accept(match_id=offer.pk, user=ambassador.user)
    match(second, django_capture_on_commit_callbacks)
    assert second.status == BuddyRequest.Status.WAITING
    with django_capture_on_commit_callbacks(execute=True):
        services.match_end(match_id=offer.pk, user=first.newcomer, rating=5, comment="Thanks")
    assert offer_for(second).ambassador == ambassador


def test_the_waiting_list_is_served_oldest_first(django_capture_on_commit_callbacks):
    older = BuddyRequestFactory()
    newer = BuddyRequestFactory()
    match(older, django_capture_on_commit_callbacks)
    match(newer, django_capture_on_commit_callbacks)
    ambassador = AmbassadorFactory(is_paused=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.ambassador_set_paused(user=ambassador.user, paused=False)
    assert offer_for(older) is not None
    assert offer_for(newer) is None


def test_staff_of_the_responsible_organisation_are_told_once_about_a_waiting_request(
    ostersunds_kommun, django_capture_on_commit_callbacks
):
    request = BuddyRequestFactory(organisation=ostersunds_kommun)
    match(request, django_capture_on_commit_callbacks)
    BuddyRequest.objects.filter(pk=request.pk).update(status=BuddyRequest.Status.PENDING)
    match(request, django_capture_on_commit_callbacks)
    to_staff = [m for m in mail.outbox if ostersunds_kommun.contact_email in m.to]
    assert len(to_staff) == 1


def test_the_sweep_redispatches_a_pending_request_whose_dispatch_was_lost(
    settings, django_capture_on_commit_callbacks
):
    settings.AMBASSADOR_MATCHING_LEASE_SECONDS = 60
    AmbassadorFactory()
    lost = BuddyRequestFactory(dispatched_at=timezone.now() - datetime.timedelta(minutes=5))
    fresh = BuddyRequestFactory(dispatched_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        sweep_matching.delay()
    assert offer_for(lost) is not None
    fresh.refresh_from_db()
    assert fresh.status == BuddyRequest.Status.PENDING


def test_a_withdrawn_offer_gives_the_capacity_back(django_capture_on_commit_callbacks):
    ambassador = AmbassadorFactory()
    request = BuddyRequestFactory()
    match(request, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.buddy_request_withdraw(request_id=request.pk, user=request.newcomer)
    ambassador.refresh_from_db()
    assert ambassador.reserved == 0


def test_check_ins_go_to_both_sides_at_two_and_four_months_once_each(
    django_capture_on_commit_callbacks,
):
    ambassador = AmbassadorFactory()
    request = BuddyRequestFactory()
    offer = match(request, django_capture_on_commit_callbacks)
    services.offer_accept(match_id=offer.pk, user=ambassador.user)
    mail.outbox.clear()
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.check_ins_send_due(now=start + datetime.timedelta(days=30)) == 0
        assert services.check_ins_send_due(now=start + datetime.timedelta(days=62)) == 1
        assert services.check_ins_send_due(now=start + datetime.timedelta(days=63)) == 0
        assert services.check_ins_send_due(now=start + datetime.timedelta(days=123)) == 1
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([ambassador.user.email, request.newcomer.email] * 2)


def test_a_broker_that_cannot_be_reached_never_fails_the_request_and_the_sweep_catches_up(
    client,
    newcomer_in_are,
    are,
    are_kommun,
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    from kombu.exceptions import OperationalError

    from config.celery import app

    settings.AMBASSADOR_MATCHING_LEASE_SECONDS = 60
    AmbassadorFactory(speaks=["ar"])
    task = app.tasks["ambassadors.tasks.match_buddy_request"]

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis")

    monkeypatch.setattr(task, "apply_async", broker_down)
    client.force_login(newcomer_in_are)
    data = {
        "first_name": "Newcomer",
        "languages": ["ar"],
        "household": "alone",
        "municipality": are.pk,
        "help_with": "Anything",
        "consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ambassadors:buddy"), data)
    assert response.status_code == 302, response.context["form"].errors
    request = BuddyRequest.objects.get(newcomer=newcomer_in_are)
    assert request.status == BuddyRequest.Status.PENDING
    monkeypatch.undo()
    later = timezone.now() + datetime.timedelta(minutes=2)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        sweep_matching.delay()
    assert offer_for(request) is not None


def test_a_place_held_by_a_deleted_newcomer_is_released_by_the_sweep(
    django_capture_on_commit_callbacks,
):
    ambassador = AmbassadorFactory(capacity=1)
    gone, waiting = BuddyRequestFactory(), BuddyRequestFactory()
    offer = match(gone, django_capture_on_commit_callbacks)
    services.offer_accept(match_id=offer.pk, user=ambassador.user)
    match(waiting, django_capture_on_commit_callbacks)
    gone.newcomer.delete()
    with django_capture_on_commit_callbacks(execute=True):
        sweep_matching.delay()
    assert offer_for(waiting).ambassador == ambassador
    ambassador.refresh_from_db()
    assert ambassador.reserved == 1


def test_a_request_whose_ambassador_deleted_the_account_is_matched_again_by_the_sweep(
    django_capture_on_commit_callbacks,
):
    leaving = AmbassadorFactory(last_offered_at=timezone.now() - datetime.timedelta(days=1))
    staying = AmbassadorFactory(last_offered_at=timezone.now())
    request = BuddyRequestFactory()
    offer = match(request, django_capture_on_commit_callbacks)
    assert offer.ambassador == leaving
    services.offer_accept(match_id=offer.pk, user=leaving.user)
    leaving.user.delete()
    with django_capture_on_commit_callbacks(execute=True):
        sweep_matching.delay()
    assert offer_for(request).ambassador == staying
