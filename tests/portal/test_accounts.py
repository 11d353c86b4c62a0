"""Accounts through django-allauth: e-mail login, verification, reset, rate limits."""

from __future__ import annotations

import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.models import User
from tests.portal.factories import DEFAULT_PASSWORD, StaffUserFactory, UserFactory

STRONG_PASSWORD = "lingonberry-moose-43-aurora"


def sign_up(client, email="new.person@example.org", password=STRONG_PASSWORD):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password},
    )


def sign_in(client, email, password=DEFAULT_PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def is_signed_in(client) -> bool:
    return SESSION_KEY in client.session


# --- sign-up ---------------------------------------------------------------------------


def test_sign_up_form_asks_for_e_mail_and_no_username(client, db):
    response = client.get(reverse("account_signup"))
    form = response.context["form"]
    assert "email" in form.fields
    assert "username" not in form.fields
    assert b'name="username"' not in response.content


def test_signing_up_creates_an_account_keyed_by_the_e_mail_address(client, db):
    sign_up(client, email="New.Person@Example.org")
    user = User.objects.get()
    assert user.email == "new.person@example.org"
    assert user.check_password(STRONG_PASSWORD)


def test_signing_up_sends_a_verification_e_mail(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["new.person@example.org"]
    assert "/accounts/confirm-email/" in mailoutbox[0].body


def test_signing_up_does_not_sign_in_before_the_address_is_verified(client, db):
    response = sign_up(client)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not is_signed_in(client)


def test_an_unverified_account_cannot_sign_in(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="unverified@example.org", verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(client, "unverified@example.org")
    assert not is_signed_in(client)
    assert response.url == reverse("account_email_verification_sent")
    assert len(mailoutbox) == 1  # the verification mail is sent again


def test_following_the_verification_link_verifies_and_signs_in(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    link = next(line for line in mailoutbox[0].body.splitlines() if "/confirm-email/" in line)
    path = link[link.index("/", link.index("//") + 2) :].strip()
    client.post(path)
    assert EmailAddress.objects.get(email="new.person@example.org").verified
    assert is_signed_in(client)


def test_sign_up_refuses_a_short_password(client, db):
    response = sign_up(client, password="Xk3-tree")
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert not User.objects.exists()


def test_sign_up_refuses_a_common_password(client, db):
    response = sign_up(client, password="password1234")
    assert "password1" in response.context["form"].errors
    assert not User.objects.exists()


def test_sign_up_refuses_a_password_like_the_e_mail_address(client, db):
    response = sign_up(
        client, email="aurora.lingonberry@example.org", password="aurora.lingonberry"
    )
    assert "password1" in response.context["form"].errors
    assert not User.objects.exists()


# --- sign-in and password reset -----------------------------------------------------------


def test_a_verified_user_signs_in_with_e_mail_and_password(client, db):
    user = UserFactory(email="newcomer@example.org")
    response = sign_in(client, "newcomer@example.org")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_a_wrong_password_does_not_sign_in(client, db):
    UserFactory(email="newcomer@example.org")
    response = sign_in(client, "newcomer@example.org", password="wrong-password-123")
    assert response.status_code == 200
    assert not is_signed_in(client)


def test_password_reset_sends_an_e_mail_with_a_reset_link(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="newcomer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "newcomer@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["newcomer@example.org"]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_password_reset_for_an_unknown_address_reveals_nothing(client, db, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")


# --- login rate limit ---------------------------------------------------------------------


def refused_for_too_many_attempts(response) -> bool:
    errors = response.context["form"].non_field_errors().as_data()
    return any(error.code == "too_many_login_attempts" for error in errors)


def fail_logins(client, email, times):
    for _ in range(times):
        sign_in(client, email, password="wrong-password-123")


def test_the_sixth_login_for_one_account_within_five_minutes_is_refused_with_the_right_password(
    client, db
):
    UserFactory(email="newcomer@example.org")
    fail_logins(client, "newcomer@example.org", 5)
    response = sign_in(client, "newcomer@example.org")
    assert not is_signed_in(client)
    assert refused_for_too_many_attempts(response)


def test_after_four_failed_logins_the_right_password_still_signs_in(client, db):
    UserFactory(email="newcomer@example.org")
    fail_logins(client, "newcomer@example.org", 4)
    sign_in(client, "newcomer@example.org")
    assert is_signed_in(client)


def fail_from(ip, email, times=1):
    attacker = Client(REMOTE_ADDR=ip)
    for _ in range(times):
        sign_in(attacker, email, password="wrong-password-1")


def test_failures_from_another_client_do_not_refuse_the_right_password(client, db):
    UserFactory(email="newcomer@example.org")
    fail_from("203.0.113.9", "newcomer@example.org", times=5)
    sign_in(client, "newcomer@example.org")
    assert is_signed_in(client)


def test_the_failing_client_stays_refused_for_that_account_only(client, db):
    UserFactory(email="newcomer@example.org")
    UserFactory(email="staff@example.org")
    fail_logins(client, "newcomer@example.org", 5)
    assert refused_for_too_many_attempts(sign_in(client, "newcomer@example.org"))
    sign_in(client, "staff@example.org")
    assert is_signed_in(client)


def password_accepted(response) -> bool:
    """Staff go on to the two-factor step once the password is accepted."""
    return response.status_code == 302 and response.url == reverse("mfa_authenticate")


def test_failures_from_many_clients_refuse_every_client_for_fifteen_minutes(client, db):
    StaffUserFactory(email="staff@example.org")
    with time_machine.travel("2026-12-01 10:00:00+01:00", tick=False) as traveller:
        for n in range(20):
            fail_from(f"198.51.100.{n}", "staff@example.org")
        assert refused_for_too_many_attempts(sign_in(client, "staff@example.org"))
        traveller.shift(14 * 60)
        assert refused_for_too_many_attempts(sign_in(client, "staff@example.org"))
        traveller.shift(60 + 1)
        assert password_accepted(sign_in(client, "staff@example.org"))


def choose_new_password(client, email, password, capture):
    with capture(execute=True):  # the reset e-mail leaves through the outbox at commit
        client.post(reverse("account_reset_password"), {"email": email})
    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/password/reset/key/" in line
    )
    set_password_page = client.get(link[link.index("/", link.index("//") + 2) :].strip())
    response = client.post(set_password_page.url, {"password1": password, "password2": password})
    assert response.status_code == 302


def test_choosing_a_new_password_lifts_the_limits_for_the_account(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="newcomer@example.org")
    for n in range(20):
        fail_from(f"198.51.100.{n}", "newcomer@example.org")
    fail_logins(client, "newcomer@example.org", 5)
    assert refused_for_too_many_attempts(sign_in(client, "newcomer@example.org"))
    choose_new_password(
        client, "newcomer@example.org", STRONG_PASSWORD, django_capture_on_commit_callbacks
    )
    sign_in(client, "newcomer@example.org", STRONG_PASSWORD)
    assert is_signed_in(client)


def test_nineteen_failures_from_many_clients_still_let_staff_in(client, db):
    StaffUserFactory(email="staff@example.org")
    for n in range(19):
        fail_from(f"198.51.100.{n}", "staff@example.org")
    assert password_accepted(sign_in(client, "staff@example.org"))


def test_one_client_failing_for_many_accounts_is_refused_after_twenty(client, db):
    UserFactory(email="newcomer@example.org")
    for n in range(20):
        sign_in(client, f"guess{n}@example.org", password="wrong-password-1")
    assert refused_for_too_many_attempts(sign_in(client, "newcomer@example.org"))


def test_the_owner_is_e_mailed_once_per_fifteen_minutes_while_refused(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="newcomer@example.org")

    def fail(ip, times=1):
        with django_capture_on_commit_callbacks(execute=True):
            fail_from(ip, "newcomer@example.org", times=times)
        return len(mailoutbox)

    with (
        translation.override("sv"),  # the sign-in page's language is the e-mail's
        time_machine.travel("2026-12-01 10:00:00+01:00", tick=False) as traveller,
    ):
        assert fail("203.0.113.9", times=4) == 0
        assert fail("203.0.113.9") == 1
        assert fail("203.0.113.10", times=5) == 1
        traveller.shift(15 * 60 + 1)
        assert fail("203.0.113.11", times=5) == 2
    notice = mailoutbox[0]
    assert notice.to == ["newcomer@example.org"]
    assert "Misslyckade inloggningsförsök" in notice.subject
    assert "203.0.113.9" in notice.body


def test_nobody_is_e_mailed_for_an_address_without_an_account(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fail_from("203.0.113.9", "nobody@example.org", times=6)
    assert mailoutbox == []


def test_a_mail_server_that_fails_does_not_fail_the_sign_in_page(
    db, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.portal.test_accounts.FailingEmailBackend"
    UserFactory(email="newcomer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        fail_from("203.0.113.9", "newcomer@example.org", times=5)
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    assert refused_for_too_many_attempts(sign_in(attacker, "newcomer@example.org"))


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


def test_the_login_limit_lifts_after_five_minutes(client, db):
    UserFactory(email="newcomer@example.org")
    with time_machine.travel("2026-12-01 10:00:00+01:00", tick=False) as traveller:
        fail_logins(client, "newcomer@example.org", 5)
        traveller.shift(5 * 60 + 1)
        sign_in(client, "newcomer@example.org")
        assert is_signed_in(client)


def test_the_login_limit_is_counted_in_the_shared_cache(client, db):
    UserFactory(email="newcomer@example.org")
    fail_logins(client, "newcomer@example.org", 5)
    cache.clear()  # with REDIS_URL set, every web process shares these counters
    sign_in(client, "newcomer@example.org")
    assert is_signed_in(client)


def test_the_admin_login_page_redirects_to_the_allauth_login(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=%2Fadmin%2F" in response.url


def test_posting_credentials_to_the_admin_login_does_not_authenticate(client, db):
    StaffUserFactory(email="staff@example.org")
    response = client.post(
        "/admin/login/", {"username": "staff@example.org", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not is_signed_in(client)


def test_after_five_failed_logins_the_admin_login_does_not_accept_the_right_password(client, db):
    StaffUserFactory(email="staff@example.org")
    fail_logins(client, "staff@example.org", 5)
    response = client.post(
        "/admin/login/", {"username": "staff@example.org", "password": DEFAULT_PASSWORD}
    )
    assert response.url.startswith(reverse("account_login"))
    assert not is_signed_in(client)
    assert refused_for_too_many_attempts(sign_in(client, "staff@example.org"))
