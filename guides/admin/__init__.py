"""Staff admin for guides: the guides themselves, readers' feedback and topics."""

from guides.admin import feedback_topics, guides  # noqa: F401
