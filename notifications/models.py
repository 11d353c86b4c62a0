"""The outbox: every e-mail the portal sends is a row here first.

A row is written in the same transaction as what caused it, handed to the ``email``
queue after commit, and sent at most once; the beat sweep re-dispatches rows whose
lease expired (the broker lost them). The table keeps its first name,
``relocation_outboundemail``, so databases migrated before this app keep their rows.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OutboundEmail(models.Model):
    """An e-mail to send, written in the same transaction as what caused it.

    ``key`` names its purpose (e.g. ``enquiry:42:confirmation``): one row, hence one
    e-mail, per purpose however often the cause is retried.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", pgettext_lazy("e-mail", "Sent")
        FAILED = "failed", _("Failed")

    key = models.CharField(_("key"), max_length=120, unique=True)
    # Set for e-mails about an enquiry: staff scoping and the enquiry's anonymisation.
    enquiry = models.ForeignKey(
        "enquiries.Enquiry",
        verbose_name=_("enquiry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
    )
    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"), blank=True)
    # An e-mail written just before it is sent: ``template`` names it and ``context``
    # holds the ids of what it shows (see notifications.services).
    template = models.CharField(
        _("template"),
        max_length=60,
        blank=True,
        help_text=_("Set while the e-mail is still to be written from its template."),
    )
    context = models.JSONField(_("context"), default=dict, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    dispatched_at = models.DateTimeField(_("dispatched"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        db_table = "relocation_outboundemail"
        ordering = ["created_at", "id"]
        verbose_name = _("outbound e-mail")
        verbose_name_plural = _("outbound e-mails")
        indexes = [
            # The sweep: pending rows whose lease (dispatched_at) has expired.
            models.Index(
                fields=["dispatched_at"],
                name="email_pending",
                condition=models.Q(state="pending"),
            )
        ]

    def __str__(self) -> str:
        return self.key
