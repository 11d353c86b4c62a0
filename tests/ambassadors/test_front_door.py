"""The buddy form fills in what the newcomer told us, and long texts are never cut
silently (issue 15, points 1 and 4)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from ambassadors.forms import AmbassadorApplicationForm, BuddyRequestForm, MessageForm
from ambassadors.models import Ambassador, BuddyRequest
from portal.models import NewcomerProfile
from tests.ambassadors.factories import BuddyRequestFactory
from tests.ambassadors.test_views import application

pytestmark = pytest.mark.django_db


def url(name, lang="en"):
    with translation.override(lang):
        return reverse(name)


def checked_languages(html: str) -> set[str]:
    return set(re.findall(r'name="languages" value="(\w+)"[^>]*checked', html))


def test_the_buddy_form_takes_municipality_household_and_language_from_the_profile(
    client, newcomer_in_are, are
):
    NewcomerProfile.objects.filter(user=newcomer_in_are).update(
        preferred_language="uk", children_count=2
    )
    client.force_login(newcomer_in_are)
    html = client.get(url("ambassadors:buddy", "de")).content.decode()
    assert f'<option value="{are.pk}" selected>' in html
    assert checked_languages(html) == {"uk", "de"}
    assert '<option value="family" selected>' in html


def test_the_buddy_form_takes_the_languages_of_the_last_request(client, newcomer_in_are):
    BuddyRequestFactory(
        newcomer=newcomer_in_are, languages=["ar", "sv"], status=BuddyRequest.Status.ENDED
    )
    client.force_login(newcomer_in_are)
    html = client.get(url("ambassadors:buddy")).content.decode()
    assert checked_languages(html) == {"ar", "sv"}


def test_a_newcomer_without_a_profile_gets_the_pages_language(client, django_user_model):
    user = django_user_model.objects.create_user(email="new@example.org", password="x" * 12)
    client.force_login(user)
    html = client.get(url("ambassadors:buddy", "pl")).content.decode()
    assert checked_languages(html) == {"pl"}


@pytest.mark.parametrize(
    ("form", "field", "limit"),
    [
        (BuddyRequestForm, "help_with", 1000),
        (AmbassadorApplicationForm, "bio", 1000),
        (MessageForm, "body", 4000),
    ],
)
def test_long_text_areas_have_a_counter_limit_and_no_cutting_maxlength(form, field, limit):
    html = str(form()[field])
    assert " maxlength=" not in html
    assert f'data-maxlength="{limit}"' in html


def test_a_buddy_request_over_the_limit_is_refused_clearly_and_kept(client, newcomer_in_are, are):
    client.force_login(newcomer_in_are)
    text = ("Schools and a flat. " * 60).strip()  # 1,199 characters
    data = {
        "first_name": "Newcomer",
        "languages": ["en"],
        "municipality": are.pk,
        "household": "family",
        "help_with": text,
        "share_email": "on",
        "consent": "on",
    }
    response = client.post(url("ambassadors:buddy"), data)
    html = response.content.decode()
    assert f"Too long: {len(text)} of at most 1000 characters" in html
    assert text.strip() in html
    assert not BuddyRequest.objects.exists()


def test_an_application_with_a_long_bio_is_refused_clearly_and_kept(
    client, newcomer_in_are, ostersund
):
    client.force_login(newcomer_in_are)
    bio = ("I moved here from Lviv. " * 50).strip()
    response = client.post(url("ambassadors:index"), application(ostersund, bio=bio))
    html = response.content.decode()
    assert f"Too long: {len(bio)} of at most 1000 characters" in html
    assert bio.strip() in html
    assert not Ambassador.objects.exists()
