"""Sign-in limits that an attacker cannot turn against the account's owner.

allauth's own ``login_failed`` limit counts every attempt per account from any client,
so five wrong passwords from anyone locked any account (staff included) for five
minutes. Here only *failed* attempts are counted, in two counters per account:

- per account and client (IP address, IPv6 by /64): the sixth attempt within five
  minutes from a client that failed five times is refused, even with the right
  password; the owner signing in from another client is not affected;
- per account from all clients: after 20 failures within 15 minutes every client is
  refused for the rest of that window (a slow, distributed guess).

When either limit first refuses, the account's owner gets one e-mail per 15 minutes
saying so (through the e-mail outbox: ``notifications.account_adapter``).
Choosing a new password through the e-mailed link lifts the limits for the
account (``login_failures_forget``, connected in ``PortalConfig.ready``), as allauth
does for its own. The counters live in the default cache (Redis, or the database while Redis
is down: config/cache.py), through allauth's public rate-limit functions, whose rates
are ``ACCOUNT_RATE_LIMITS`` in the settings; allauth's per-IP limit across accounts
stays as it was.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpRequest
from django.utils import timezone

logger = logging.getLogger(__name__)

#: ``ACCOUNT_RATE_LIMITS`` actions (settings) used here.
FAILED_FROM_CLIENT = "login_failed_account_client"
FAILED_ANY_CLIENT = "login_failed_account"
ATTACK_NOTICE = "login_attack_notice"
NOTICE_TEMPLATE = "account/email/login_attacked"


def client_key(ip: str) -> str:
    """The client as counted: its IP address, or its /64 network for IPv6 (one host
    usually holds a whole /64)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def login_of(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email") or credentials.get("username") or "").lower()


class AccountAdapter(DefaultAccountAdapter):
    def failure_counters(self, request: HttpRequest, credentials: dict[str, Any]) -> dict[str, str]:
        """The rate-limit action and key of each failure counter for this attempt."""
        login = login_of(credentials)
        client = client_key(self.get_client_ip(request))
        return {FAILED_FROM_CLIENT: f"{login}|{client}", FAILED_ANY_CLIENT: login}

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)  # allauth's per-IP limit
        for action, key in self.failure_counters(request, credentials).items():
            if not ratelimit.consume(request, action=action, key=key, dry_run=True):
                raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        super().authentication_failed(request, **credentials)
        locked = False
        for action, key in self.failure_counters(request, credentials).items():
            ratelimit.consume(request, action=action, key=key)
            locked |= not ratelimit.consume(request, action=action, key=key, dry_run=True)
        if locked:
            self.notify_login_attacked(request, login=login_of(credentials))

    def notify_login_attacked(self, request: HttpRequest, *, login: str) -> None:
        """E-mail the owner of ``login`` (once per 15 minutes) that sign-in attempts
        are being refused. Nothing is sent for an address without an account, and a
        failure to send never fails the request."""
        address = EmailAddress.objects.filter(email__iexact=login, verified=True).first()
        if address is None:
            return
        if not ratelimit.consume(request, action=ATTACK_NOTICE, key=login):
            return  # already told in this window
        self.send_mail(
            NOTICE_TEMPLATE,
            address.email,
            {
                "request": request,
                "email": address.email,
                "current_site": get_current_site(request),
                "ip": self.get_client_ip(request),
                "timestamp": timezone.now(),
            },
        )


def login_failures_forget(sender: type, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """allauth's ``password_reset`` signal: the owner proved they hold the mailbox, so
    the failures counted against each of their addresses are forgotten."""
    client = client_key(AccountAdapter(request).get_client_ip(request))
    for address in EmailAddress.objects.filter(user=user):
        login = address.email.lower()
        ratelimit.clear(request, action=FAILED_ANY_CLIENT, key=login)
        ratelimit.clear(request, action=FAILED_FROM_CLIENT, key=f"{login}|{client}")
