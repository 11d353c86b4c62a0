"""Guide models, one module per area (split to keep each module small)."""

from guides.models.guides import (
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
from guides.models.moveplan import MovePlanTick
from guides.models.topics import Topic

__all__ = [
    "Audience",
    "AuthorityLink",
    "Guide",
    "GuideFeedback",
    "GuideReviewReminder",
    "GuideTranslation",
    "MovePlanTick",
    "SearchWord",
    "Stage",
    "Topic",
    "TranslationStatus",
]
