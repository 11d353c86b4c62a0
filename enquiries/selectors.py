"""Reads about enquiries that are more than one line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Q, QuerySet

from enquiries.models import Enquiry, EnquiryMessage, ReplyTemplate
from guides.models import Topic
from portal.models import Municipality

WORD = re.compile(r"\w{4,}", re.UNICODE)


def enquiry_for_status_page(*, reference: str) -> Enquiry | None:
    return (
        Enquiry.objects.select_related("topic", "municipality", "organisation")
        .filter(reference=reference.upper(), anonymised_at__isnull=True)
        .first()
    )


def enquiry_conversation(*, enquiry: Enquiry) -> list[EnquiryMessage]:
    """What the newcomer sees: their answers and the replies, never internal notes."""
    return list(enquiry.messages.exclude(kind=EnquiryMessage.Kind.NOTE).select_related("author"))


def enquiries_of(*, user) -> QuerySet[Enquiry]:
    return (
        Enquiry.objects.filter(user=user, anonymised_at__isnull=True)
        .select_related("topic", "organisation")
        .order_by("-created_at")
    )


def guide_for_deflection(*, guide_id: str):
    """The published guide a newcomer says answered the question, or None."""
    try:
        from guides.models import Guide
    except ImportError:  # the guides part is not installed
        return None
    if not str(guide_id).isdigit():
        return None
    return Guide.objects.filter(published=True, pk=int(guide_id)).select_related("topic").first()


def suggested_guides(
    *, topic: Topic, municipality: Municipality | None, message: str, limit: int = 5
) -> list:
    """Published guides on the topic for the municipality (or the whole county),
    those sharing words with the message first. Empty without the guides app."""
    try:
        from guides.models import Guide
    except ImportError:  # the guides part is not installed
        return []
    guides = list(
        Guide.objects.filter(published=True, topic=topic)
        .filter(municipality__in=[municipality] if municipality else [])
        .select_related("topic")
        | Guide.objects.filter(
            published=True, topic=topic, municipality__isnull=True
        ).select_related("topic")
    )
    words = {word.lower() for word in WORD.findall(message)}

    def score(guide) -> tuple:
        text = f"{guide.title} {guide.summary}".lower()
        return (-sum(word in text for word in words), guide.municipality_id is None, guide.pk)

    return sorted(guides, key=score)[:limit]


# --- the triage desk ---------------------------------------------------------------------
def enquiry_my_work_q(user) -> Q:
    """A staff member's work: open or waiting enquiries assigned to them, or unassigned
    in their organisations."""
    from portal.admin_scoping import staff_organisation_ids

    mine = Q(assignee=user) | Q(
        assignee__isnull=True, organisation__in=staff_organisation_ids(user)
    )
    return mine & Q(status__in=[Enquiry.Status.OPEN, Enquiry.Status.WAITING])


@dataclass(frozen=True)
class ThreadItem:
    """One entry of the enquiry's thread on the staff side."""

    kind: str  # "newcomer", "reply", "note" or "event"
    when: datetime
    who: str
    body: str = ""  # user-written text (shown with dir="auto")
    label: str = ""


#: History entries the thread shows as its messages instead, and the access log.
_NOT_IN_THREAD = ("viewed", "changed", "replied", "noted", "newcomer_answered")
#: Details every organisation may read: where the enquiry went, and why.
_SHARED_DETAILS = ("routed", "rerouted")


def _viewer_may_read(row, own_ids: frozenset[int], user) -> bool:
    return user.is_superuser or row.organisation_id is None or row.organisation_id in own_ids


def enquiry_thread(*, enquiry: Enquiry, user) -> list[ThreadItem]:
    """The enquiry as a conversation in time order, for ``user`` (staff): the
    newcomer's message, answers, replies, the internal notes of the viewer's own
    organisations, and the history. Another organisation's entries (before a
    re-route) name that organisation, not its staff; only routing details are shared.
    Two queries, whatever the length of the thread."""
    from portal.admin_scoping import staff_organisation_ids

    own_ids = staff_organisation_ids(user)

    def written_by(row, person) -> str:
        if _viewer_may_read(row, own_ids, user):
            return str(person) if person else "–"
        return str(row.organisation) if row.organisation_id else "–"

    items = [ThreadItem("newcomer", enquiry.created_at, "", enquiry.message)]
    for message in enquiry.messages.select_related("author", "organisation"):
        if message.kind == EnquiryMessage.Kind.NOTE and not _viewer_may_read(
            message, own_ids, user
        ):
            continue
        who = (
            ""
            if message.kind == EnquiryMessage.Kind.NEWCOMER
            else written_by(message, message.author)
        )
        items.append(ThreadItem(message.kind, message.created_at, who, message.body))
    events = enquiry.events.exclude(action__in=_NOT_IN_THREAD).select_related(
        "actor", "organisation"
    )
    for event in events:
        shown = _viewer_may_read(event, own_ids, user) or event.action in _SHARED_DETAILS
        items.append(
            ThreadItem(
                "event",
                event.created_at,
                written_by(event, event.actor),
                label=event.get_action_display(),
                body=event.detail if shown else "",
            )
        )
    return sorted(items, key=lambda item: item.when)


@dataclass(frozen=True)
class TemplateText:
    template: ReplyTemplate
    text: str
    language: str  # the language of ``text``
    fallback: bool  # not the enquiry's language


def reply_templates_for(*, enquiry: Enquiry, user) -> QuerySet[ReplyTemplate]:
    """The reply templates ``user`` may use on ``enquiry``: everyone's and their own
    organisations' (a superuser: the enquiry's organisation's), for its topic or any."""
    from portal.admin_scoping import staff_organisation_ids

    own = {enquiry.organisation_id} if user.is_superuser else set(staff_organisation_ids(user))
    return ReplyTemplate.objects.filter(
        Q(organisation__isnull=True) | Q(organisation__in=own),
        Q(topic__isnull=True) | Q(topic=enquiry.topic_id),
    )


def reply_template_text(*, template: ReplyTemplate, language: str) -> TemplateText:
    """The template's text in ``language``, else in the fallback languages (en, sv)."""
    for candidate in (language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        text = getattr(template, f"text_{candidate}", None)
        if text:
            return TemplateText(template, text, candidate, candidate != language)
    return TemplateText(template, template.text or "", language, False)
