"""Two-factor authentication for staff: TOTP before the admin, and the MFA login step."""

from __future__ import annotations

import time

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.urls import reverse

from tests.portal.factories import (
    DEFAULT_PASSWORD,
    TOTP_SECRET,
    StaffUserFactory,
    UserFactory,
)

ADMIN_PAGES = [
    "/admin/",
    "/admin/portal/",
    "/admin/portal/organisation/",
    "/admin/portal/staffmembership/add/",
    "/admin/password_change/",
]


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def current_totp_code() -> str:
    return totp_code(TOTP_SECRET)


@pytest.fixture
def frozen_time():
    """TOTP codes change every 30 seconds; keep the clock still while a test uses one."""
    with time_machine.travel(time.time(), tick=False):
        yield


def redirects_to_totp_activation(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("mfa_activate_totp"))


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_staff_without_totp_is_sent_to_set_up_two_factor_before_the_admin(client, db, path):
    client.force_login(StaffUserFactory(totp=False))
    response = client.get(path)
    assert redirects_to_totp_activation(response)


def test_the_totp_set_up_redirect_returns_to_the_admin_page_afterwards(client, db):
    client.force_login(StaffUserFactory(totp=False))
    response = client.get("/admin/portal/organisation/?kind=region")
    assert response.url == (
        reverse("mfa_activate_totp") + "?next=%2Fadmin%2Fportal%2Forganisation%2F%3Fkind%3Dregion"
    )


def test_staff_without_totp_can_set_it_up_and_then_reach_the_admin(client, db, frozen_time):
    user = StaffUserFactory(email="staff@example.org", totp=False)
    client.force_login(user)
    start = client.get(reverse("mfa_activate_totp"))
    assert start.url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    form_page = client.get(reverse("mfa_activate_totp"))
    assert form_page.status_code == 200
    secret = form_page.context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


def test_staff_with_totp_reach_the_admin(client, db):
    client.force_login(StaffUserFactory())
    assert client.get("/admin/").status_code == 200


def test_a_newcomer_without_totp_is_not_asked_for_two_factor_on_public_pages(client, db):
    client.force_login(UserFactory())
    assert client.get(reverse("home")).status_code == 200


def test_a_demo_staff_user_may_skip_two_factor_outside_production(client, db):
    client.force_login(StaffUserFactory(totp=False, is_demo=True))
    assert client.get("/admin/").status_code == 200


@override_settings(IS_PRODUCTION=True)
def test_a_demo_staff_user_must_set_up_two_factor_in_production(client, db):
    client.force_login(StaffUserFactory(totp=False, is_demo=True))
    assert redirects_to_totp_activation(client.get("/admin/"))


def test_a_superuser_without_totp_is_also_sent_to_set_up_two_factor(client, db):
    client.force_login(StaffUserFactory(totp=False, is_superuser=True))
    assert redirects_to_totp_activation(client.get("/admin/"))


# --- the MFA step of allauth's login ----------------------------------------------------


def sign_in_with_password(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": DEFAULT_PASSWORD})


def test_staff_with_totp_are_asked_for_a_code_after_their_password(client, db):
    StaffUserFactory(email="staff@example.org")
    response = sign_in_with_password(client, "staff@example.org")
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert SESSION_KEY not in client.session


def test_the_login_does_not_complete_without_the_code(client, db):
    StaffUserFactory(email="staff@example.org")
    sign_in_with_password(client, "staff@example.org")
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert SESSION_KEY not in client.session


def test_a_wrong_code_does_not_complete_the_login(client, db, frozen_time):
    StaffUserFactory(email="staff@example.org")
    sign_in_with_password(client, "staff@example.org")
    wrong = f"{(int(current_totp_code()) + 1) % 1_000_000:06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert "code" in response.context["form"].errors
    assert SESSION_KEY not in client.session


def test_the_right_code_completes_the_login_and_opens_the_admin(client, db, frozen_time):
    user = StaffUserFactory(email="staff@example.org")
    sign_in_with_password(client, "staff@example.org")
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.get("/admin/").status_code == 200
