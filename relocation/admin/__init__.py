"""Staff admin for relocation, one module per area."""

from relocation.admin import enquiries, guides  # noqa: F401
