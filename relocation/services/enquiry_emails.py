"""E-mail about enquiries, through an outbox.

``email_queue`` writes an ``OutboundEmail`` row in the caller's transaction — one
row per purpose key, so a retried cause never sends twice — and hands it to the
``send_enquiry_email`` task after commit. ``email_send`` (run by that task) sends it
at most once per row; the outbox sweep re-dispatches rows the broker never got.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from relocation.models import Enquiry, OutboundEmail

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
    """Render ``templates/relocation/emails/<template>_{subject,body}.txt`` in
    ``language`` and queue it. Returns None when there is no recipient.

    ``dispatch=False``: the caller hands several e-mails to the broker as one batch
    (``emails_dispatch_on_commit``)."""
    if not recipient:
        return None
    existing = OutboundEmail.objects.filter(key=key).first()
    if existing is not None:
        return existing
    language = interface_language(language)
    with translation.override(language):
        subject = render_to_string(f"relocation/emails/{template}_subject.txt", context)
        body = render_to_string(f"relocation/emails/{template}_body.txt", context)
    email = OutboundEmail(
        key=key,
        enquiry=enquiry,
        recipient=recipient,
        language=language,
        subject=" ".join(subject.split())[:200],
        body=body.strip() + "\n",
        dispatched_at=timezone.now(),
    )
    # The key's uniqueness is checked above and enforced by the database; the enquiry
    # is the caller's own row: no need for the queries full_clean would make for them.
    email.full_clean(exclude=["enquiry"], validate_unique=False)
    email.save()
    if dispatch:
        transaction.on_commit(lambda: email_dispatch(email_id=email.pk))
    return email


def emails_dispatch_on_commit(emails: list[OutboundEmail | None]) -> None:
    """After commit, hand the e-mails to one ``send_enquiry_emails`` task."""
    ids = [email.pk for email in emails if email is not None]
    if ids:
        transaction.on_commit(lambda: emails_dispatch(email_ids=ids))


def emails_dispatch(*, email_ids: list[int]) -> bool:
    from relocation.tasks import send_enquiry_emails

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
    from relocation.tasks import send_enquiry_email

    return broker_publish(send_enquiry_email, [email_id])


def email_send(*, email_id: int) -> bool:
    """Send the e-mail once. True when it was sent now, False when already sent."""
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.state == OutboundEmail.State.SENT:
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
        email.save(update_fields=["state", "sent_at", "attempts"])
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
    from relocation.tasks import send_enquiry_email

    broker_publish(send_enquiry_email, ids)
    return len(ids)
