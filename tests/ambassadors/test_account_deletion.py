"""A newcomer deletes the account during an active buddy match (issue 15): the
ambassador's place is free at once and the ambassador is told, without any detail
of the newcomer; a failed deletion leaves everything as it was."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from ambassadors import services
from ambassadors.matching import buddy_request_match
from ambassadors.models import Ambassador, Match
from notifications.models import OutboundEmail
from portal import privacy
from portal.privacy import PrivacyProvider, account_delete
from tests.ambassadors.factories import AmbassadorFactory, BuddyRequestFactory

pytestmark = pytest.mark.django_db

NEWCOMER_NAME = "Newcomerfirstname"
NEWCOMER_EMAIL = "newcomer.private@example.org"


@pytest.fixture
def ambassador(ostersunds_kommun, ostersund):
    return AmbassadorFactory(
        municipality=ostersund, organisation=ostersunds_kommun, capacity=3, speaks=["en"]
    )


def active_match(ambassador, ostersunds_kommun, ostersund, **newcomer) -> Match:
    request = BuddyRequestFactory(
        municipality=ostersund, organisation=ostersunds_kommun, languages=["en"], **newcomer
    )
    offer = buddy_request_match(request_id=request.pk)
    assert offer.ambassador_id == ambassador.pk
    return services.offer_accept(match_id=offer.pk, user=ambassador.user)


@pytest.fixture
def two_matches(ambassador, ostersunds_kommun, ostersund):
    leaving = active_match(
        ambassador,
        ostersunds_kommun,
        ostersund,
        newcomer__first_name=NEWCOMER_NAME,
        newcomer__email=NEWCOMER_EMAIL,
        phone="+46 70 123 45 67",
    )
    staying = active_match(ambassador, ostersunds_kommun, ostersund)
    ambassador.refresh_from_db()
    assert ambassador.reserved == 2
    return leaving, staying


def buddy_left_emails(ambassador):
    return OutboundEmail.objects.filter(
        recipient=ambassador.user.email, key__startswith="ambassadors:buddy_left:"
    )


def test_deleting_the_newcomer_frees_the_place_at_once_and_tells_the_ambassador(
    ambassador, two_matches, django_capture_on_commit_callbacks
):
    leaving, _staying = two_matches
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=leaving.request.newcomer)
    ambassador.refresh_from_db()
    assert ambassador.reserved == 1
    assert Match.objects.filter(ambassador=ambassador, status__in=Match.HOLDING).count() == 1
    assert buddy_left_emails(ambassador).count() == 1
    sent = [m for m in mail.outbox if ambassador.user.email in m.to]
    assert len(sent) == 1
    text = sent[0].subject + sent[0].body
    for secret in (NEWCOMER_NAME, NEWCOMER_EMAIL, "+46 70 123 45 67"):
        assert secret not in text


def test_a_failed_deletion_leaves_the_match_the_place_and_no_e_mail(
    ambassador, two_matches, monkeypatch
):
    leaving, _staying = two_matches
    newcomer = leaving.request.newcomer

    def fail(user):
        raise RuntimeError("disk full")

    # The directory is erased last (the registry runs in reverse): a failure there
    # comes after the ambassadors provider has done its part.
    registered = privacy.providers()
    failing = [
        PrivacyProvider(name=p.name, export=p.export, erase=fail) if p.name == "directory" else p
        for p in registered
    ]
    monkeypatch.setattr(privacy, "providers", lambda: failing)
    with pytest.raises(RuntimeError):
        account_delete(user=newcomer)
    ambassador.refresh_from_db()
    assert ambassador.reserved == 2
    assert Match.objects.get(pk=leaving.pk).status == Match.Status.ACCEPTED
    assert not buddy_left_emails(ambassador).exists()
    assert Ambassador.objects.filter(pk=ambassador.pk).exists()


def test_a_superuser_deleting_the_account_in_the_admin_erases_it_the_same_way(
    client, superuser, ambassador, two_matches, django_capture_on_commit_callbacks
):
    leaving, _staying = two_matches
    newcomer = leaving.request.newcomer
    client.force_login(superuser)
    path = reverse("admin:portal_user_delete", args=[newcomer.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"post": "yes"})
    assert response.status_code == 302
    ambassador.refresh_from_db()
    assert ambassador.reserved == 1
    assert buddy_left_emails(ambassador).count() == 1


def test_a_superuser_deleting_accounts_from_the_admin_list_erases_each(
    client, superuser, ambassador, two_matches, django_capture_on_commit_callbacks
):
    leaving, staying = two_matches
    ids = [leaving.request.newcomer_id, staying.request.newcomer_id]
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:portal_user_changelist"),
            {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
        )
    assert response.status_code == 302
    ambassador.refresh_from_db()
    assert ambassador.reserved == 0
    assert buddy_left_emails(ambassador).count() == 2
