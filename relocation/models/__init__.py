"""Relocation models, one module per area (split to keep each module small)."""

# The outbox moved to the notifications app; the name stays importable from here
# while callers move over.
from notifications.models import OutboundEmail
from relocation.models.enquiries import (
    Enquiry,
    EnquiryAccess,
    EnquiryEvent,
    EnquiryMessage,
    RoutingDecision,
    RoutingRule,
)
from relocation.models.guides import (
    Audience,
    AuthorityLink,
    Guide,
    GuideFeedback,
    GuideReviewReminder,
    GuideTranslation,
    SearchWord,
    Stage,
    TranslationStatus,
)
from relocation.models.moveplan import MovePlanTick
from relocation.models.topics import Topic

__all__ = [
    "Audience",
    "AuthorityLink",
    "Enquiry",
    "EnquiryAccess",
    "EnquiryEvent",
    "EnquiryMessage",
    "Guide",
    "GuideFeedback",
    "GuideReviewReminder",
    "GuideTranslation",
    "MovePlanTick",
    "OutboundEmail",
    "RoutingDecision",
    "RoutingRule",
    "SearchWord",
    "Stage",
    "Topic",
    "TranslationStatus",
]
