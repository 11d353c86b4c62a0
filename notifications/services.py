"""Every e-mail the portal sends, through one outbox.

``email_queue`` writes an ``OutboundEmail`` row in the caller's transaction — one row
per purpose key, so a retried cause never sends twice — and hands it to the
``notifications.tasks.send_email`` task after commit. ``email_send`` (run by that
task) sends it at most once per row; ``email_sweep`` (beat) re-dispatches rows whose
lease expired, because the broker never got them.

Most e-mails are written just before they are sent (``render=False``): the row keeps
its template and the ids of what it shows, and ``email_send`` renders
``templates/<template>_{subject,body}.txt`` in the row's language. A template name
without a folder is one of the enquiry e-mails under ``templates/enquiries/emails/``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.template.loader import get_template
from django.utils import timezone, translation

from notifications.dispatch import send_tasks_now
from notifications.models import OutboundEmail

logger = logging.getLogger(__name__)

SEND_TASK = "notifications.tasks.send_email"
SEND_MANY_TASK = "notifications.tasks.send_emails"

#: What a deferred e-mail may show: context name → (model, related rows to load with it).
CONTEXT_MODELS: dict[str, tuple[str, tuple[str, ...]]] = {
    "enquiry": ("enquiries.Enquiry", ("topic", "municipality", "assignee")),
    "organisation": ("portal.Organisation", ()),
    "ambassador": ("ambassadors.Ambassador", ("user", "municipality")),
    "buddy_request": ("ambassadors.BuddyRequest", ("municipality",)),
    "match": ("ambassadors.Match", ("ambassador__user", "request__newcomer")),
    "message": ("ambassadors.Message", ("sender", "match")),
    "concern": ("ambassadors.Concern", ()),
    "person": (settings.AUTH_USER_MODEL, ()),
    "registration": ("events.EventRegistration", ("event", "user")),
}
#: allauth's e-mails: their keys start with this, and their bodies are not kept once sent.
ACCOUNT_KEY_PREFIX = "account:"
#: Plain values (strings, numbers) of a deferred e-mail's context are kept under this name.
VALUES = "values"


def interface_language(code: str) -> str:
    """The launch language to write in: the code itself, else English."""
    codes = {language for language, _name in settings.LANGUAGES}
    return code if code in codes else "en"


def recipient_key(address: str) -> str:
    """A short, stable part of an outbox key for one recipient (the key holds no address)."""
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()[:12]


def template_path(template: str) -> str:
    """``notifications/offer_made`` as it is; a bare name is an enquiry e-mail."""
    return template if "/" in template else f"enquiries/emails/{template}"


def _render(template: str, language: str, context: dict) -> tuple[str, str]:
    """(subject, body) of ``templates/<template>_subject.txt`` and ``_body.txt``."""
    path = template_path(template)
    context = {
        "base_url": settings.PUBLIC_BASE_URL,
        "contact_email": settings.CONTACT_EMAIL,
        **context,
    }
    with translation.override(language):
        subject = get_template(f"{path}_subject.txt").render(context)
        body = get_template(f"{path}_body.txt").render(context)
    return " ".join(subject.split())[:200], body.strip() + "\n"


def _context_ids(context: dict) -> dict:
    """The ids of the context's rows, its plain values, and what of an enquiry may
    change before the e-mail is written (its due time and assignee), as they are now."""
    ids: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for name, value in context.items():
        if isinstance(value, models.Model):
            if name not in CONTEXT_MODELS:
                raise ValueError(f"Cannot defer rendering with context {name!r}")
            ids[name] = value.pk
        elif value is None or isinstance(value, str | int | float | bool):
            values[name] = value
        else:
            raise ValueError(f"Cannot defer rendering with context {name!r}")
    if values:
        ids[VALUES] = values
    enquiry = context.get("enquiry")
    if enquiry is not None:
        ids["at_cause"] = {
            "due_at": enquiry.due_at.isoformat() if enquiry.due_at else None,
            "assignee": enquiry.assignee_id,
        }
    return ids


def _new_row(
    *,
    key: str,
    recipient: str,
    template: str,
    language: str,
    context: dict,
    enquiry: models.Model | None,
    render: bool,
    now: datetime,
) -> OutboundEmail:
    email = OutboundEmail(
        key=key,
        # The outbox names the enquiry model by its label (it imports no app above it).
        enquiry=enquiry,  # type: ignore[misc]
        recipient=recipient,
        language=interface_language(language),
        dispatched_at=now,
    )
    if render:
        email.subject, email.body = _render(template, email.language, context)
    else:
        email.template, email.context = template, _context_ids(context)
    return email


def email_queue(
    *,
    key: str,
    recipient: str,
    template: str,
    language: str,
    context: dict,
    enquiry: models.Model | None = None,
    render: bool = True,
    dispatch: bool = True,
) -> OutboundEmail | None:
    """Queue one e-mail in the caller's transaction. Returns None when there is no
    recipient; a key already queued gives its existing row, which is not sent again.

    ``render=True`` writes subject and body now; ``render=False`` leaves the writing
    to the mail worker, just before sending (``context`` holds rows named in
    ``CONTEXT_MODELS`` and plain values). ``dispatch=False``: the caller hands several
    e-mails to the broker as one batch (``emails_dispatch_on_commit``)."""
    if not recipient:
        return None
    existing = OutboundEmail.objects.filter(key=key).first()
    if existing is not None:
        return existing
    email = _new_row(
        key=key,
        recipient=recipient,
        template=template,
        language=language,
        context=context,
        enquiry=enquiry,
        render=render,
        now=timezone.now(),
    )
    # The key's uniqueness is checked above and enforced by the database; the enquiry
    # is the caller's own row: no need for the queries full_clean would make for them.
    email.full_clean(exclude=["enquiry"], validate_unique=False)
    email.save()
    if dispatch:
        transaction.on_commit(lambda: email_dispatch(email_id=email.pk))
    return email


def email_queue_written(
    *, key: str, recipient: str, language: str, subject: str, body: str
) -> OutboundEmail | None:
    """Queue an e-mail written elsewhere (allauth's), sent after commit like the rest."""
    if not recipient:
        return None
    email = OutboundEmail(
        key=key,
        recipient=recipient,
        language=interface_language(language),
        subject=" ".join(subject.split())[:200],
        body=body.strip() + "\n",
        dispatched_at=timezone.now(),
    )
    email.full_clean(exclude=["enquiry"], validate_unique=False)
    email.save()
    transaction.on_commit(lambda: email_dispatch(email_id=email.pk))
    return email


@dataclass(frozen=True)
class EmailSpec:
    """One e-mail for ``emails_queue_many``: the arguments of ``email_queue``."""

    key: str
    recipient: str
    template: str
    language: str
    context: dict
    enquiry: models.Model | None = None


def emails_queue_many(specs: list[EmailSpec], *, render: bool = True) -> list[OutboundEmail]:
    """``email_queue`` for many e-mails with two queries in all (which keys exist,
    one insert). Nothing is dispatched: pass the result to
    ``emails_dispatch_on_commit``. Specs without a recipient are skipped; a key
    already queued gives its existing row, which is not sent again.

    ``render=False`` leaves the writing to the mail worker (``email_send``): the row
    keeps the template and the ids of its context (an enquiry, an organisation), so
    the e-mail shows the organisation of its cause even if the enquiry moved on."""
    specs = [spec for spec in specs if spec.recipient]
    if not specs:
        return []
    existing = {
        email.key: email
        for email in OutboundEmail.objects.filter(key__in=[spec.key for spec in specs])
    }
    now = timezone.now()
    new: list[OutboundEmail] = []
    for spec in specs:
        if spec.key in existing:
            continue
        new.append(
            _new_row(
                key=spec.key,
                recipient=spec.recipient,
                template=spec.template,
                language=spec.language,
                context=spec.context,
                enquiry=spec.enquiry,
                render=render,
                now=now,
            )
        )
    OutboundEmail.objects.bulk_create(new)
    return [*existing.values(), *new]


def _load(name: str, pk: Any) -> models.Model | None:
    label, related = CONTEXT_MODELS[name]
    queryset = apps.get_model(label).objects.all()
    if related:
        queryset = queryset.select_related(*related)
    return queryset.filter(pk=pk).first()


def _write(email: OutboundEmail) -> bool:
    """Render an e-mail queued with ``render=False``. False when what it shows is gone."""
    stored = dict(email.context)
    at_cause = stored.pop("at_cause", None)
    context: dict[str, Any] = dict(stored.pop(VALUES, {}))
    for name, pk in stored.items():
        context[name] = _load(name, pk)
        if context[name] is None:
            return False
    enquiry = context.get("enquiry")
    if enquiry is not None and at_cause is not None:
        # The e-mail tells what was true when it was caused, even if the enquiry has
        # since been re-routed or reassigned (another organisation's handler is not
        # named to this one).
        due_at = at_cause["due_at"]
        enquiry.due_at = datetime.fromisoformat(due_at) if due_at else None
        if enquiry.assignee_id != at_cause["assignee"]:
            enquiry.assignee = (
                get_user_model().objects.filter(pk=at_cause["assignee"]).first()
                if at_cause["assignee"]
                else None
            )
    email.subject, email.body = _render(email.template, email.language, context)
    email.template = ""
    return True


def emails_dispatch_on_commit(emails: Sequence[OutboundEmail | None]) -> None:
    """After commit, hand the e-mails to one ``send_emails`` task."""
    ids = [email.pk for email in emails if email is not None]
    if ids:
        transaction.on_commit(lambda: emails_dispatch(email_ids=ids))


def emails_dispatch(*, email_ids: list[int]) -> bool:
    """Hand several e-mails to the broker as one task. Never raises."""
    return send_tasks_now(SEND_MANY_TASK, [[email_ids]])


def email_dispatch(*, email_id: int) -> bool:
    """Hand the e-mail to the broker. Never raises: the sweep retries later."""
    return send_tasks_now(SEND_TASK, [[email_id]])


#: A link's access token in a query string (the enquiry status link's ``t``): it is a
#: key to the newcomer's conversation, so a sent e-mail's stored body does not keep it.
LINK_TOKEN = re.compile(r"([?&])t=[^\s&#<>\"']+")


def link_tokens_strip(text: str) -> str:
    """``text`` with every link's ``t=`` token removed (the link itself stays)."""
    return LINK_TOKEN.sub(r"\1t=", text)


def email_send(*, email_id: int) -> bool:
    """Send the e-mail once. True when it was sent now, False when already sent."""
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.state != OutboundEmail.State.PENDING:
            return False
        if email.template and not _write(email):
            logger.warning("E-mail %s not sent: what it was about no longer exists.", email.key)
            email.state = OutboundEmail.State.FAILED
            email.save(update_fields=["state"])
            return False
        message = EmailMessage(
            subject=email.subject,
            body=email.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.recipient],
            headers={"Content-Language": email.language},
        )
        try:
            message.send(fail_silently=False)
        except Exception:
            OutboundEmail.objects.filter(pk=email_id).update(attempts=email.attempts + 1)
            raise
        email.state = OutboundEmail.State.SENT
        email.sent_at = timezone.now()
        email.attempts += 1
        if email.key.startswith(ACCOUNT_KEY_PREFIX):
            email.body = ""  # a one-time link (verification, password reset) is not kept
        else:
            email.body = link_tokens_strip(email.body)
        email.save(update_fields=["subject", "body", "template", "state", "sent_at", "attempts"])
    return True


def email_sweep(*, lease_seconds: int, limit: int = 500) -> int:
    """Re-dispatch pending e-mails whose last dispatch is older than the lease."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(
                state=OutboundEmail.State.PENDING,
                dispatched_at__lt=now - timedelta(seconds=lease_seconds),
            )
            .order_by("dispatched_at")
            .values_list("pk", flat=True)[:limit]
        )
        OutboundEmail.objects.filter(pk__in=ids).update(dispatched_at=now)
    send_tasks_now(SEND_TASK, [[pk] for pk in ids])
    return len(ids)
