"""Built welcome-pack PDFs, kept per content version (no personal data)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WelcomePackPdf(models.Model):
    """One built PDF of a welcome pack.

    ``key`` is a hash of everything the PDF shows: the language, the municipality,
    the situation (citizenship, partner, children), the guides' versions, the contact
    points and the layout's version. Many newcomers share one row; no row names or
    points to a person. The bytes are kept in the database, so the web and the worker
    processes need no shared media folder.
    """

    key = models.CharField(_("content key"), max_length=64, unique=True)
    #: The language, municipality and situation, without the versions: a new build
    #: of the same variant replaces the old one.
    variant = models.CharField(_("variant"), max_length=64, db_index=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    pdf = models.BinaryField(_("PDF"))
    built_at = models.DateTimeField(_("built"), auto_now_add=True)

    class Meta:
        ordering = ["-built_at"]
        verbose_name = _("welcome pack PDF")
        verbose_name_plural = _("welcome pack PDFs")

    def __str__(self) -> str:
        return f"{self.variant} ({self.key[:12]})"
