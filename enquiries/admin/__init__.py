"""Staff admin for enquiries: the queue, routing rules and the access log."""

from enquiries.admin import enquiries, rules  # noqa: F401
