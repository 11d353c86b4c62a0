"""Staff suspend an ambassador (after a concern, say) and can lift the suspension."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ambassadors import services
from ambassadors.models import Ambassador, BuddyRequest, Match
from ambassadors.tasks import match_buddy_request, sweep_matching
from tests.ambassadors.factories import AmbassadorFactory, BuddyRequestFactory

pytestmark = pytest.mark.django_db


def matched(request: BuddyRequest, run) -> Match | None:
    with run(execute=True):
        match_buddy_request.delay(request.pk)
    return Match.objects.filter(request=request, status__in=Match.HOLDING).first()


def accepted(request: BuddyRequest, run) -> Match:
    offer = matched(request, run)
    with run(execute=True):
        services.offer_accept(match_id=offer.pk, user=offer.ambassador.user)
    offer.refresh_from_db()
    return offer


def sent_to(address: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if address in message.to]


@pytest.fixture
def staff(staff_of_ostersund):
    return staff_of_ostersund


def test_suspending_ends_the_buddies_matches_and_matches_them_again(
    ostersund, ostersunds_kommun, staff, django_capture_on_commit_callbacks
):
    suspended = AmbassadorFactory(
        municipality=ostersund, organisation=ostersunds_kommun, speaks=["uk"], capacity=2
    )
    buddy = BuddyRequestFactory(municipality=ostersund, languages=["uk"])
    match = accepted(buddy, django_capture_on_commit_callbacks)
    assert match.ambassador == suspended
    other = AmbassadorFactory(municipality=ostersund, speaks=["uk"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.ambassador_suspend(
            ambassador_id=suspended.pk, by=staff, reason="A concern is being looked into."
        )

    suspended.refresh_from_db()
    match.refresh_from_db()
    assert suspended.status == Ambassador.Status.SUSPENDED
    assert suspended.suspension_reason == "A concern is being looked into."
    assert suspended.reserved == 0
    assert match.status == Match.Status.ENDED
    assert match.ended_by == staff
    # The newcomer is not left alone: the request is matched again, to someone else.
    new_offer = Match.objects.get(request=buddy, status=Match.Status.OFFERED)
    assert new_offer.ambassador == other
    (told_ambassador,) = sent_to(suspended.user.email)
    assert "A concern is being looked into." in told_ambassador.body
    newcomer_mail = sent_to(buddy.newcomer.email)
    assert len(newcomer_mail) == 1
    assert "looking for a new ambassador" in newcomer_mail[0].body
    # Neither e-mail names the other side.
    assert suspended.user.email not in newcomer_mail[0].body
    assert "A concern" not in newcomer_mail[0].body


def test_an_open_offer_passes_to_the_next_ambassador(
    ostersund, staff, django_capture_on_commit_callbacks
):
    first = AmbassadorFactory(municipality=ostersund, speaks=["de"])
    request = BuddyRequestFactory(municipality=ostersund, languages=["de"])
    offer = matched(request, django_capture_on_commit_callbacks)
    assert offer.ambassador == first
    second = AmbassadorFactory(municipality=ostersund, speaks=["de"])
    with django_capture_on_commit_callbacks(execute=True):
        services.ambassador_suspend(ambassador_id=first.pk, by=staff, reason="Concern.")
    offer.refresh_from_db()
    assert offer.status == Match.Status.CANCELLED
    assert Match.objects.get(request=request, status=Match.Status.OFFERED).ambassador == second
    # The newcomer had no buddy yet: nothing to tell them.
    assert sent_to(request.newcomer.email) == []


def test_a_suspended_ambassador_gets_no_offers_cannot_unpause_or_apply_again(
    ostersund, staff, django_capture_on_commit_callbacks
):
    ambassador = AmbassadorFactory(municipality=ostersund, speaks=["es"])
    services.ambassador_suspend(ambassador_id=ambassador.pk, by=staff, reason="Concern.")
    request = BuddyRequestFactory(municipality=ostersund, languages=["es"])
    assert matched(request, django_capture_on_commit_callbacks) is None
    request.refresh_from_db()
    assert request.status == BuddyRequest.Status.WAITING
    with pytest.raises(PermissionDenied):
        services.ambassador_set_paused(user=ambassador.user, paused=False)
    with pytest.raises(ValidationError):
        services.ambassador_apply(
            user=ambassador.user,
            municipality=ostersund,
            languages={"es": "native"},
            countries_lived_in=[],
            profession="",
            sector="",
            interests=[],
            capacity=1,
            availability="Evenings",
            bio="Applying again.",
            share_email=True,
            phone="",
            preferred_language="es",
            accepts_code_of_conduct=True,
        )
    ambassador.refresh_from_db()
    assert ambassador.status == Ambassador.Status.SUSPENDED


def test_a_reason_is_required_and_only_approved_ambassadors_are_suspended(ostersund, staff):
    ambassador = AmbassadorFactory(municipality=ostersund)
    with pytest.raises(ValidationError):
        services.ambassador_suspend(ambassador_id=ambassador.pk, by=staff, reason="  ")
    pending = AmbassadorFactory(municipality=ostersund, status=Ambassador.Status.PENDING)
    with pytest.raises(ValidationError):
        services.ambassador_suspend(ambassador_id=pending.pk, by=staff, reason="Concern.")
    ambassador.refresh_from_db()
    assert ambassador.status == Ambassador.Status.APPROVED


def test_lifting_the_suspension_lets_waiting_newcomers_be_matched(
    ostersund, staff, django_capture_on_commit_callbacks
):
    ambassador = AmbassadorFactory(municipality=ostersund, speaks=["pl"])
    services.ambassador_suspend(ambassador_id=ambassador.pk, by=staff, reason="Concern.")
    request = BuddyRequestFactory(municipality=ostersund, languages=["pl"])
    assert matched(request, django_capture_on_commit_callbacks) is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ambassador_reinstate(ambassador_id=ambassador.pk, by=staff)
    ambassador.refresh_from_db()
    assert ambassador.status == Ambassador.Status.APPROVED
    assert ambassador.suspension_reason == ""
    assert Match.objects.get(request=request, status=Match.Status.OFFERED).ambassador == ambassador
    assert any("again" in message.subject for message in sent_to(ambassador.user.email))


def test_the_sweep_frees_what_a_suspension_left_behind(
    ostersund, django_capture_on_commit_callbacks
):
    """The release after the suspension was cut short (the process died): the
    matching sweep finishes it."""
    ambassador = AmbassadorFactory(municipality=ostersund, speaks=["fa"])
    request = BuddyRequestFactory(municipality=ostersund, languages=["fa"])
    offer = matched(request, django_capture_on_commit_callbacks)
    Ambassador.objects.filter(pk=ambassador.pk).update(status=Ambassador.Status.SUSPENDED)
    with django_capture_on_commit_callbacks(execute=True):
        result = sweep_matching.delay().get()
    assert result["suspensions_released"] == 1
    offer.refresh_from_db()
    ambassador.refresh_from_db()
    assert offer.status == Match.Status.CANCELLED
    assert ambassador.reserved == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_matching.delay().get()["suspensions_released"] == 0


def _change_form_data(ambassador: Ambassador, **data) -> dict:
    languages = list(ambassador.languages.all())
    form = {
        "languages-TOTAL_FORMS": str(len(languages)),
        "languages-INITIAL_FORMS": str(len(languages)),
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "1000",
    }
    for index, language in enumerate(languages):
        form[f"languages-{index}-id"] = language.pk
        form[f"languages-{index}-ambassador"] = ambassador.pk
    return {**form, **data}


def test_staff_suspend_and_reinstate_in_the_admin_change_form(
    client, staff, ostersunds_kommun, ostersund, django_capture_on_commit_callbacks
):
    ambassador = AmbassadorFactory(organisation=ostersunds_kommun, municipality=ostersund)
    client.force_login(staff)
    url = reverse("admin:ambassadors_ambassador_change", args=[ambassador.pk])
    page = client.get(url).content.decode()
    assert 'value="suspend"' in page
    assert 'value="approve"' not in page

    refused = client.post(url, _change_form_data(ambassador, decision="suspend", reason=""))
    assert refused.status_code == 200
    # The admin speaks the staff member's language: check the form, not the words.
    assert list(refused.context_data["adminform"].form.errors) == ["reason"]
    ambassador.refresh_from_db()
    assert ambassador.status == Ambassador.Status.APPROVED

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url, _change_form_data(ambassador, decision="suspend", reason="Concern reported.")
        )
    assert done.status_code == 302, done.content.decode()[:2000]
    ambassador.refresh_from_db()
    assert ambassador.status == Ambassador.Status.SUSPENDED
    assert ambassador.decided_by == staff

    page = client.get(url).content.decode()
    assert 'value="reinstate"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, _change_form_data(ambassador, decision="reinstate", reason=""))
    ambassador.refresh_from_db()
    assert ambassador.status == Ambassador.Status.APPROVED


def test_a_suspended_ambassador_sees_why_on_the_programme_page(client, ostersund, staff):
    ambassador = AmbassadorFactory(municipality=ostersund)
    services.ambassador_suspend(ambassador_id=ambassador.pk, by=staff, reason="Concern.")
    client.force_login(ambassador.user)
    assert client.get(reverse("ambassadors:dashboard")).status_code == 302
    page = client.get(reverse("ambassadors:index")).content.decode()
    assert "suspended your ambassador role" in page
    assert reverse("ambassadors:profile") not in page
