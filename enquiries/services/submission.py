"""The newcomer's side of an enquiry: the status link, submission and its outbox
(dispatch and the sweep), the newcomer's answers, and the spam defence.

Side effects (the routing task, e-mails) are scheduled after commit, and a failure
to reach the broker never fails the caller: the outbox sweep catches up.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare

from enquiries.models import Audience, Enquiry, EnquiryEvent, EnquiryMessage
from enquiries.services.common import (
    enquiry_event_record,
    enquiry_handler_address,
    enquiry_lock,
)
from enquiries.services.language import detect_language
from enquiries.services.sla import sla_resume, sla_start
from guides.models import Topic
from notifications.dispatch import send_tasks_now
from notifications.services import email_queue, interface_language
from portal.models import Municipality

logger = logging.getLogger(__name__)

ROUTE_TASK = "enquiries.tasks.route_enquiry"
STATUS_SALT = "relocation.enquiry-status"  # unchanged: links already sent stay valid


# --- links -------------------------------------------------------------------------------
# A status link's token signs the reference, the link generation and the time it was
# made: it expires after ENQUIRY_STATUS_LINK_DAYS and when the newcomer replaces it.
def enquiry_status_token(*, reference: str, generation: int | None = None) -> str:
    if generation is None:
        generation = Enquiry.objects.values_list("status_link_generation", flat=True).get(
            reference=reference
        )
    signed = signing.TimestampSigner(salt=STATUS_SALT).sign(f"{reference}:{generation}")
    return signed.removeprefix(f"{reference}:")  # the reference is in the URL already


def enquiry_token_is_valid(*, enquiry: Enquiry, token: str) -> bool:
    if not token:
        return False
    try:
        value = signing.TimestampSigner(salt=STATUS_SALT).unsign(
            f"{enquiry.reference}:{token}",
            max_age=timedelta(days=settings.ENQUIRY_STATUS_LINK_DAYS),
        )
    except signing.BadSignature:  # forged, expired (SignatureExpired) or malformed
        return False
    return constant_time_compare(value, f"{enquiry.reference}:{enquiry.status_link_generation}")


def enquiry_status_link(*, enquiry: Enquiry) -> str:
    language = interface_language(enquiry.language)
    with translation.override(language):
        path = reverse("enquiries:enquiry_status", kwargs={"reference": enquiry.reference})
    token = enquiry_status_token(
        reference=enquiry.reference, generation=enquiry.status_link_generation
    )
    return f"{settings.PUBLIC_BASE_URL}{path}?t={token}"


def enquiry_status_link_replace(*, enquiry: Enquiry) -> Enquiry:
    """The newcomer replaces the status link: every link given so far stops working."""
    with transaction.atomic():
        enquiry = enquiry_lock(enquiry)
        enquiry.status_link_generation += 1
        enquiry.save(update_fields=["status_link_generation", "updated_at"])
    return enquiry


# --- submit and the outbox -----------------------------------------------------------
def enquiry_submit(
    *,
    topic: Topic,
    municipality: Municipality | None,
    language: str,
    message: str,
    contact_email: str,
    user=None,
    audience: str = Audience.NEWCOMER,
    employer=None,
    campaign: str | None = None,
) -> Enquiry:
    """Save the enquiry in its "to route" state and queue its confirmation; routing
    is dispatched after commit and may fail without failing the request. An
    employer's enquiry (``audience``) may name the employer its user acts for;
    ``campaign`` is the campaign tag the link to the form carried. The language the
    message is written in is detected (offline) beside the chosen one."""
    now = timezone.now()
    detected = detect_language(message) or ""
    with transaction.atomic():
        enquiry = Enquiry(
            topic=topic,
            municipality=municipality,
            language=language,
            detected_language=detected,
            message=message.strip(),
            contact_email=contact_email.strip().lower(),
            user=user if user is not None and user.is_authenticated else None,
            audience=audience,
            employer=employer,
            campaign=campaign or None,
            consent_at=now,
            status=Enquiry.Status.TO_ROUTE,
            dispatched_at=now,
            dispatch_attempts=1,
        )
        enquiry.full_clean()
        enquiry.save()
        enquiry_event_record(enquiry, EnquiryEvent.Action.SUBMITTED, actor=enquiry.user)
        email_queue(
            key=f"enquiry:{enquiry.pk}:confirmation",
            recipient=enquiry.contact_email,
            template="enquiry_confirmation",
            language=enquiry.language,
            context={"enquiry": enquiry, "status_link": enquiry_status_link(enquiry=enquiry)},
            enquiry=enquiry,
        )
        transaction.on_commit(lambda: enquiry_dispatch(enquiry_id=enquiry.pk))
    return enquiry


def enquiry_dispatch(*, enquiry_id: int) -> bool:
    """Hand routing to the broker. Never raises: the sweep re-dispatches."""
    return send_tasks_now(ROUTE_TASK, [[enquiry_id]])


def enquiry_sweep_unrouted(*, lease_seconds: int, limit: int = 500) -> int:
    """Re-dispatch enquiries still "to route" after the lease, claiming them with
    ``SELECT … FOR UPDATE SKIP LOCKED`` so concurrent sweeps never double up."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            Enquiry.objects.select_for_update(skip_locked=True)
            .filter(
                status=Enquiry.Status.TO_ROUTE,
                dispatched_at__lt=now - timedelta(seconds=lease_seconds),
            )
            .order_by("dispatched_at")
            .values_list("pk", flat=True)[:limit]
        )
        Enquiry.objects.filter(pk__in=ids).update(
            dispatched_at=now, dispatch_attempts=F("dispatch_attempts") + 1
        )
    send_tasks_now(ROUTE_TASK, [[pk] for pk in ids])
    return len(ids)


# --- the newcomer's side -----------------------------------------------------------------
def enquiry_newcomer_answer(*, enquiry: Enquiry, body: str, user=None) -> EnquiryMessage:
    """The newcomer answers back and the enquiry reopens. If staff had paused the
    clock to wait for the newcomer, it resumes with the time the promise had left;
    after a reply (the promise was kept) or a resolution, a new promise starts."""
    with transaction.atomic():
        enquiry = enquiry_lock(enquiry)
        message = EnquiryMessage(
            enquiry=enquiry,
            kind=EnquiryMessage.Kind.NEWCOMER,
            author=user if user is not None and user.is_authenticated else None,
            body=body.strip(),
        )
        message.full_clean()
        message.save()
        if enquiry.status != Enquiry.Status.TO_ROUTE:
            now = timezone.now()
            paused = (
                enquiry.status == Enquiry.Status.WAITING
                and enquiry.sla_paused_remaining is not None
            )
            enquiry.status = Enquiry.Status.OPEN
            enquiry.resolved_at = None
            if paused:
                sla_resume(enquiry, now)
            else:
                sla_start(enquiry, now)
            enquiry.save()
        enquiry_event_record(enquiry, EnquiryEvent.Action.NEWCOMER_ANSWERED, actor=message.author)
        if enquiry.organisation_id:
            recipient = enquiry_handler_address(enquiry)
            email_queue(
                key=f"enquiry:{enquiry.pk}:answer:{message.pk}",
                recipient=recipient,
                template="enquiry_newcomer_answered",
                language=settings.LANGUAGE_CODE,
                context={"enquiry": enquiry, "organisation": enquiry.organisation},
                enquiry=enquiry,
            )
    return message


# --- spam defence ------------------------------------------------------------------------
def _consume(key: str, limit: int, window: int) -> bool:
    cache.add(key, 0, timeout=window)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        used = 1
    return used <= limit


def enquiry_rate_limit_consume(*, client_ip: str, email: str) -> bool:
    """Count a submission against the per-IP and per-e-mail limits (one hour).
    False when either is exhausted. The counters live in the shared cache."""
    window = 3600
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    try:
        ip_ok = _consume(f"enquiry-rate:ip:{client_ip}", settings.ENQUIRY_RATE_LIMIT_PER_IP, window)
        email_ok = _consume(
            f"enquiry-rate:email:{email_key}", settings.ENQUIRY_RATE_LIMIT_PER_EMAIL, window
        )
    except Exception:  # the cache is down: never lose an enquiry over a counter
        logger.warning("Enquiry rate limits unavailable (cache error); allowing the submission.")
        return True
    return ip_ok and email_ok
