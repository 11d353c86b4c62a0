"""The newcomer's move plan: the steps are generated from the profile; ticks are stored."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MovePlanTick(models.Model):
    """A step of the move plan ticked off.

    Keyed by the guide *subject*, not the guide, so a tick survives a change of
    municipality (the local guide replacing the county one) and regenerated plans.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="move_plan_ticks",
    )
    subject = models.SlugField(_("subject"), max_length=80)
    done_at = models.DateTimeField(_("done"), auto_now_add=True)

    class Meta:
        ordering = ["done_at"]
        verbose_name = _("move plan step done")
        verbose_name_plural = _("move plan steps done")
        constraints = [
            models.UniqueConstraint(fields=["user", "subject"], name="relocation_one_tick_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.subject}"
