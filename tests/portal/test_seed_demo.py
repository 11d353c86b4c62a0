"""``manage.py seed_demo``: idempotent demo directory, never by accident in production."""

from __future__ import annotations

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import override_settings

from demo.directory import seed_directory
from demo.management.commands import seed_demo
from portal.models import Municipality, Organisation, StaffMembership, User

OFFICIAL_CODES = {
    "2303": "Ragunda",
    "2305": "Bräcke",
    "2309": "Krokom",
    "2313": "Strömsund",
    "2321": "Åre",
    "2326": "Berg",
    "2361": "Härjedalen",
    "2380": "Östersund",
}
PROJECT_APPS = ["portal", "relocation", "enquiries", "events", "employers", "ambassadors"]


@pytest.fixture
def directory(db):
    """The demo directory alone (what ``seed_demo`` loads before each app's demo data)."""
    return seed_directory()


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    """Rows of every model of the project's apps (and allauth's e-mail addresses)."""
    models = [EmailAddress]
    for label in PROJECT_APPS:
        models += apps.get_app_config(label).get_models()
    return {model._meta.label: model._default_manager.count() for model in models}


def test_seed_demo_creates_the_eight_municipalities_with_their_official_codes(directory):
    assert dict(Municipality.objects.values_list("code", "name")) == OFFICIAL_CODES


def test_seed_demo_run_twice_leaves_the_same_counts(db):
    seed()
    first = counts()
    seed()
    assert counts() == first


def test_a_later_run_restores_the_demo_directorys_values(directory):
    Organisation.objects.filter(slug="are-kommun").update(contact_email="changed@example.org")
    seed_directory()
    assert Organisation.objects.get(slug="are-kommun").contact_email == (
        "international@are.example.org"
    )


def test_seed_demo_creates_exactly_one_county_desk(directory):
    desks = Organisation.objects.filter(is_county_desk=True)
    assert [desk.name for desk in desks] == ["Region Jämtland Härjedalen"]


def test_seed_demo_gives_every_municipality_an_organisation_covering_it(directory):
    for municipality in Municipality.objects.all():
        assert municipality.organisations.filter(kind=Organisation.Kind.MUNICIPALITY).exists(), (
            municipality
        )


def test_seed_demo_creates_staff_for_several_organisations(directory):
    organisations_with_staff = Organisation.objects.filter(memberships__isnull=False).distinct()
    assert organisations_with_staff.count() >= 4
    assert {"region-jh", "ostersunds-kommun", "are-kommun"} <= set(
        organisations_with_staff.values_list("slug", flat=True)
    )


def test_seed_demo_staff_have_each_role_somewhere(directory):
    roles = set(StaffMembership.objects.values_list("role", flat=True))
    assert roles == set(StaffMembership.Role.values)


def test_seed_demo_accounts_are_demo_accounts_on_example_org(directory):
    users = User.objects.all()
    assert users
    assert all(user.is_demo for user in users)
    assert all(user.email.endswith("@example.org") for user in users)


def test_seed_demo_accounts_can_sign_in_with_verified_addresses(directory, client):
    response = client.post(
        "/en/accounts/login/",
        {"login": "newcomer.are@example.org", "password": "demo-house-2026!"},
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_seed_demo_creates_one_superuser(directory):
    assert list(User.objects.filter(is_superuser=True).values_list("email", flat=True)) == [
        "admin@example.org"
    ]


@override_settings(IS_PRODUCTION=True)
def test_seed_demo_refuses_to_run_in_production(db):
    with pytest.raises(CommandError, match="DJANGO_ENV=production"):
        seed()
    assert not User.objects.exists()


@override_settings(IS_PRODUCTION=True)
def test_seed_demo_runs_in_production_only_when_explicitly_allowed(db, monkeypatch):
    monkeypatch.setattr(seed_demo, "SEEDERS", [])  # the directory is enough here
    output = seed("--allow-production")
    assert Municipality.objects.count() == 8
    assert "skip two-factor" not in output
