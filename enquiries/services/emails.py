"""E-mail about enquiries, through an outbox.

``email_queue`` writes an ``OutboundEmail`` row in the caller's transaction — one
row per purpose key, so a retried cause never sends twice — and hands it to the
``send_enquiry_email`` task after commit. ``email_send`` (run by that task) sends it
at most once per row; the outbox sweep re-dispatches rows the broker never got.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import get_template
from django.utils import timezone, translation

from enquiries.models import Enquiry, OutboundEmail

logger = logging.getLogger(__name__)


def interface_language(code: str) -> str:
    """The launch language to write in: the code itself, else English."""
    codes = {language for language, _name in settings.LANGUAGES}
    return code if code in codes else "en"


def email_queue(
    *,
    key: str,
    recipient: str,
    template: str,
    language: str,
    context: dict,
    enquiry: Enquiry | None = None,
    dispatch: bool = True,
) -> OutboundEmail | None:
    """Render ``templates/enquiries/emails/<template>_{subject,body}.txt`` in
    ``language`` and queue it. Returns None when there is no recipient.

    ``dispatch=False``: the caller hands several e-mails to the broker as one batch
    (``emails_dispatch_on_commit``)."""
    if not recipient:
        return None
    existing = OutboundEmail.objects.filter(key=key).first()
    if existing is not None:
        return existing
    language = interface_language(language)
    subject, body = _render(template, language, context)
    email = OutboundEmail(
        key=key,
        enquiry=enquiry,
        recipient=recipient,
        language=language,
        subject=subject,
        body=body,
        dispatched_at=timezone.now(),
    )
    # The key's uniqueness is checked above and enforced by the database; the enquiry
    # is the caller's own row: no need for the queries full_clean would make for them.
    email.full_clean(exclude=["enquiry"], validate_unique=False)
    email.save()
    if dispatch:
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
    enquiry: Enquiry | None = None


def _render(template: str, language: str, context: dict) -> tuple[str, str]:
    """(subject, body) of ``templates/enquiries/emails/<template>_*.txt``."""
    with translation.override(language):
        subject = get_template(f"enquiries/emails/{template}_subject.txt").render(context)
        body = get_template(f"enquiries/emails/{template}_body.txt").render(context)
    return " ".join(subject.split())[:200], body.strip() + "\n"


def _context_models() -> dict[str, type]:
    from portal.models import Organisation

    return {"enquiry": Enquiry, "organisation": Organisation}


def _context_ids(context: dict) -> dict:
    """The ids of the context's rows, and what of the enquiry may change before the
    e-mail is written (its due time and assignee), as they are now."""
    models = _context_models()
    if set(context) - set(models):
        raise ValueError(f"Cannot defer rendering with context {sorted(context)}")
    ids: dict = {name: value.pk for name, value in context.items()}
    enquiry = context.get("enquiry")
    if enquiry is not None:
        ids["at_cause"] = {
            "due_at": enquiry.due_at.isoformat() if enquiry.due_at else None,
            "assignee": enquiry.assignee_id,
        }
    return ids


def emails_queue_many(specs: list[EmailSpec], *, render: bool = True) -> list[OutboundEmail]:
    """``email_queue`` for many e-mails with two queries in all (which keys exist,
    one insert), for a batch of routings. Nothing is dispatched: pass the result to
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
        email = OutboundEmail(
            key=spec.key,
            enquiry=spec.enquiry,
            recipient=spec.recipient,
            language=interface_language(spec.language),
            dispatched_at=now,
        )
        if render:
            email.subject, email.body = _render(spec.template, email.language, spec.context)
        else:
            email.template, email.context = spec.template, _context_ids(spec.context)
        new.append(email)
    OutboundEmail.objects.bulk_create(new)
    return [*existing.values(), *new]


def _write(email: OutboundEmail) -> bool:
    """Render an e-mail queued with ``render=False``. False when what it shows is gone."""
    stored = dict(email.context)
    at_cause = stored.pop("at_cause", None)
    context = {}
    for name, pk in stored.items():
        model = _context_models()[name]
        queryset = model.objects.all()
        if model is Enquiry:
            queryset = queryset.select_related("topic", "municipality", "assignee")
        context[name] = queryset.filter(pk=pk).first()
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


def emails_dispatch_on_commit(emails: list[OutboundEmail | None]) -> None:
    """After commit, hand the e-mails to one ``send_enquiry_emails`` task."""
    ids = [email.pk for email in emails if email is not None]
    if ids:
        transaction.on_commit(lambda: emails_dispatch(email_ids=ids))


def emails_dispatch(*, email_ids: list[int]) -> bool:
    from enquiries.tasks import send_enquiry_emails

    return broker_publish(send_enquiry_emails, [email_ids])


def broker_publish(task, ids: list) -> bool:
    """Send ``task(id)`` for each id over one broker connection, failing fast.

    One connection attempt, no publish retries: when the broker is down the caller
    (a request, a sweep) carries on at once and the outbox sweep tries again later.
    Never raises; False when nothing could be sent.
    """
    if not ids:
        return True
    if task.app.conf.task_always_eager:
        try:
            for pk in ids:
                task.apply_async(args=[pk])
        except Exception:  # eager: the task itself failed; the sweep retries
            logger.exception("Running %s eagerly failed; the sweep will retry.", task.name)
            return False
        return True
    try:
        with task.app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
            for pk in ids:
                task.apply_async(args=[pk], connection=conn, retry=False)
    except Exception:  # the broker is unreachable; the rows wait for the sweep
        logger.warning("Could not dispatch %s for %s; the sweep will retry.", task.name, ids)
        return False
    return True


def email_dispatch(*, email_id: int) -> bool:
    """Hand the e-mail to the broker. Never raises: the sweep retries later."""
    from enquiries.tasks import send_enquiry_email

    return broker_publish(send_enquiry_email, [email_id])


def email_send(*, email_id: int) -> bool:
    """Send the e-mail once. True when it was sent now, False when already sent."""
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.state == OutboundEmail.State.SENT:
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
    from enquiries.tasks import send_enquiry_email

    broker_publish(send_enquiry_email, ids)
    return len(ids)
