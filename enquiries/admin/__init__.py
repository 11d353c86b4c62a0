"""Staff admin for enquiries: the queue, routing rules, the access log and reply templates."""

from enquiries.admin import enquiries, reply_templates, rules  # noqa: F401
