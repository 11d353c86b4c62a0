"""allauth's e-mails (address verification, password reset, …) go through the outbox.

allauth renders its message as usual; the outbox keeps it as an already-written row
and the mail worker sends it after the request's transaction commits, so an SMTP
server that is slow or down never fails or stalls signing up. These e-mails carry
one-time links, so the row's body is emptied once it is sent (``email_send``).
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from allauth.core import context as allauth_context
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from notifications.services import ACCOUNT_KEY_PREFIX, email_queue_written
from portal.account_adapter import AccountAdapter as SignInLimitsAdapter


class PortalSite:
    """What allauth's e-mail templates read as the current site: the portal's name
    (in the e-mail's language) and its public address (``PUBLIC_BASE_URL``)."""

    @property
    def name(self) -> str:
        return gettext("International House Jämtland Härjedalen")

    @property
    def domain(self) -> str:
        return urlsplit(settings.PUBLIC_BASE_URL).netloc

    def __str__(self) -> str:
        return self.name


class AccountAdapter(SignInLimitsAdapter):
    """The portal's sign-in limits (``portal.account_adapter``), with every e-mail
    through the outbox."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        # The portal's name and address, not the request's host ("127.0.0.1:8000"):
        # allauth's e-mails greet with ``current_site.name``.
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email} | context | {"current_site": PortalSite()},
        )
        name = template_prefix.rsplit("/", 1)[-1]
        for recipient in message.to:
            email_queue_written(
                key=f"{ACCOUNT_KEY_PREFIX}{name}:{uuid.uuid4().hex}",
                recipient=recipient,
                language=translation.get_language() or "en",
                subject=message.subject,
                body=message.body,
            )
