"""allauth's e-mails (address verification, password reset, …) go through the outbox.

allauth renders its message as usual; the outbox keeps it as an already-written row
and the mail worker sends it after the request's transaction commits, so an SMTP
server that is slow or down never fails or stalls signing up. These e-mails carry
one-time links, so the row's body is emptied once it is sent (``email_send``).
"""

from __future__ import annotations

import uuid

from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from notifications.services import ACCOUNT_KEY_PREFIX, email_queue_written
from portal.account_adapter import AccountAdapter as SignInLimitsAdapter


class AccountAdapter(SignInLimitsAdapter):
    """The portal's sign-in limits (``portal.account_adapter``), with every e-mail
    through the outbox."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request)}
            | context,
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
