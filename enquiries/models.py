"""Enquiries: one county-wide inbox, routed to the organisation that should answer.

An enquiry is saved in its "to route" state (the transactional outbox); a Celery
task routes it by the routing rules, records the decision and starts the
response-time promise. Every e-mail is a row of the ``notifications`` outbox first.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.models import ANSWER_LANGUAGES, Municipality, Organisation

#: Crockford's base32 without look-alikes (no I, L, O, U): easy to read aloud.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_LENGTH = 10  # 50 random bits


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class Audience(models.TextChoices):
    """Who asks: a newcomer, or an employer recruiting from abroad."""

    NEWCOMER = "newcomer", _("Newcomer")
    EMPLOYER = "employer", _("Employer")


class RoutingRule(models.Model):
    """(audience, topic, municipality, language) → organisation. Empty parts match anything."""

    topic = models.ForeignKey(
        "relocation.Topic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        help_text=_("Leave empty to match every topic."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        help_text=_("Leave empty to match every municipality, and enquiries without one."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=ANSWER_LANGUAGES,
        blank=True,
        help_text=_("Leave empty to match every language."),
    )
    audience = models.CharField(
        _("asked by"),
        max_length=12,
        choices=Audience.choices,
        blank=True,
        help_text=_(
            "Leave empty to match everyone. A rule for employers is preferred for "
            "employers' enquiries over any rule for everyone."
        ),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="routing_rules",
    )
    priority = models.SmallIntegerField(
        _("priority"),
        default=0,
        help_text=_("Among equally specific matching rules, the highest priority wins."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        db_table = "relocation_routingrule"  # the table it had before the apps were split
        ordering = ["-priority", "pk"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        parts = [
            str(self.topic) if self.topic_id else "*",
            str(self.municipality) if self.municipality_id else "*",
            self.language or "*",
        ]
        if self.audience:
            parts.insert(0, self.get_audience_display())
        return f"{' / '.join(parts)} → {self.organisation}"

    @property
    def specificity(self) -> int:
        return sum(
            [self.topic_id is not None, self.municipality_id is not None, bool(self.language)]
        )


class Enquiry(models.Model):
    class Status(models.TextChoices):
        TO_ROUTE = "to_route", _("Received, being routed")
        OPEN = "open", _("Waiting for an answer")
        WAITING = "waiting", _("Waiting for the newcomer")
        RESOLVED = "resolved", _("Resolved")

    #: The status in the newcomer's words, for the newcomer's own pages (staff keep
    #: the labels above, in the admin).
    NEWCOMER_STATUS_LABELS = {
        Status.TO_ROUTE: _("Received: we are finding who should answer"),
        Status.OPEN: _("Waiting for an answer"),
        Status.WAITING: _("We are waiting for your answer"),
        Status.RESOLVED: _("Resolved"),
    }

    reference = models.CharField(
        _("reference"), max_length=16, unique=True, default=new_reference, editable=False
    )
    topic = models.ForeignKey(
        "relocation.Topic",
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="enquiries",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enquiries",
        help_text=_("Empty when the newcomer has not decided yet."),
    )
    language = models.CharField(_("answer language"), max_length=8, choices=ANSWER_LANGUAGES)
    #: The language the message is written in, as detected on submission (empty when
    #: the text was too short or unclear) or as corrected by staff. Routing prefers a
    #: handler who reads it.
    detected_language = models.CharField(
        _("written in"), max_length=8, choices=ANSWER_LANGUAGES, blank=True
    )
    language_corrected_at = models.DateTimeField(
        _("written language corrected"), null=True, blank=True
    )
    message = models.TextField(_("message"), max_length=5000)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("newcomer account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
    )
    audience = models.CharField(
        _("asked by"), max_length=12, choices=Audience.choices, default=Audience.NEWCOMER
    )
    # The employer a signed-in employer user asked for: its users follow the status.
    employer = models.ForeignKey(
        "employers.Employer",
        verbose_name=_("employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiries",
    )
    consent_at = models.DateTimeField(_("consented to processing at"), null=True, blank=True)
    #: Demo data (``seed_demo``): it is routed and timed like any enquiry, but no
    #: e-mail is ever sent about it.
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    # The campaign tag the link to the form carried (markets.campaigns), if any. Nullable
    # on purpose: the column is added to a large table without writing a default.
    campaign = models.CharField(  # noqa: DJ001
        _("campaign"), max_length=60, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.TO_ROUTE
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enquiries",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_enquiries",
    )
    # Outbox: when routing was last handed to the broker (the lease starts here).
    dispatched_at = models.DateTimeField(_("dispatched"), null=True, blank=True)
    dispatch_attempts = models.PositiveSmallIntegerField(_("dispatch attempts"), default=0)
    routed_at = models.DateTimeField(_("routed"), null=True, blank=True)
    # Response-time promise. ``due_at`` is empty while the clock is paused or stopped.
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    sla_cycle = models.PositiveSmallIntegerField(
        _("promise cycle"), default=0, help_text=_("Incremented each time the clock restarts.")
    )
    # While waiting for the newcomer: the business time the promise still had, added
    # back when the newcomer answers (the clock pauses, it does not restart).
    sla_paused_remaining = models.DurationField(
        _("time left on the promise when paused"), null=True, blank=True
    )
    warned_at = models.DateTimeField(_("breach warning sent"), null=True, blank=True)
    breached_at = models.DateTimeField(_("promise breached"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    # Part of every status link's signed token: the newcomer replacing the link
    # increments it, and every older link stops working.
    status_link_generation = models.PositiveIntegerField(
        _("status link generation"), default=0, editable=False
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        db_table = "relocation_enquiry"  # the table it had before the apps were split
        ordering = [models.F("due_at").asc(nulls_last=True), "id"]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        indexes = [
            # The triage queue: one organisation, optionally one status, by due time.
            models.Index(fields=["organisation", "due_at", "id"], name="enq_org_due"),
            models.Index(
                fields=["organisation", "status", "due_at", "id"], name="enq_org_status_due"
            ),
            models.Index(fields=["assignee", "due_at", "id"], name="enq_assignee_due"),
            models.Index(fields=["organisation", "topic", "due_at"], name="enq_org_topic_due"),
            models.Index(
                fields=["organisation", "municipality", "due_at"], name="enq_org_municipality_due"
            ),
            models.Index(
                fields=["organisation", "language", "due_at"], name="enq_org_language_due"
            ),
            models.Index(fields=["contact_email"], name="enq_contact_email"),
            # The county-wide queue (the county desk sees every organisation's
            # enquiries): by due time across organisations, optionally one status.
            # A plain B-tree on (due_at, id) is already "ASC NULLS LAST", the order.
            models.Index(fields=["due_at", "id"], name="enq_due"),
            models.Index(fields=["status", "due_at", "id"], name="enq_status_due"),
            # "My work", the default view: assigned to me, or my organisation's
            # unassigned — only the open and waiting enquiries, so the sort by
            # "mine first, then due time" reads a few rows, not the organisation's history.
            models.Index(
                fields=["assignee", "due_at", "id"],
                name="enq_work_assigned",
                condition=models.Q(status__in=["open", "waiting"]),
            ),
            models.Index(
                fields=["organisation", "due_at", "id"],
                name="enq_work_unassigned",
                condition=models.Q(status__in=["open", "waiting"], assignee__isnull=True),
            ),
            # The outbox sweep and the deadline check.
            models.Index(
                fields=["dispatched_at"],
                name="enq_to_route",
                condition=models.Q(status="to_route"),
            ),
            models.Index(fields=["due_at"], name="enq_open_due", condition=models.Q(status="open")),
            models.Index(
                fields=["resolved_at"],
                name="enq_resolved_not_anonymised",
                condition=models.Q(status="resolved", anonymised_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="to_route") | models.Q(organisation__isnull=False),
                name="enquiry_routed_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("enquiries:enquiry_status", kwargs={"reference": self.reference})

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return (
            self.status == self.Status.OPEN
            and self.due_at is not None
            and self.due_at <= timezone.now()
        )

    @property
    def newcomer_status_display(self) -> str:
        """The status as the newcomer reads it (staff wording stays in the admin)."""
        return str(self.NEWCOMER_STATUS_LABELS.get(self.status, self.get_status_display()))

    @property
    def written_language(self) -> str:
        """The language the message is written in: detected (or corrected), else chosen."""
        return self.detected_language or self.language

    @property
    def display_reference(self) -> str:
        return f"{self.reference[:5]}-{self.reference[5:]}"


class EnquiryMessage(models.Model):
    """The conversation: the newcomer's answers, staff replies and internal notes."""

    class Kind(models.TextChoices):
        NEWCOMER = "newcomer", _("From the newcomer")
        REPLY = "reply", _("Reply to the newcomer")
        NOTE = "note", _("Internal note")

    enquiry = models.ForeignKey(
        Enquiry, verbose_name=_("enquiry"), on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("text"), max_length=5000)
    # The organisation whose staff wrote it: an internal note stays with it when the
    # enquiry is re-routed (empty for the newcomer's own messages).
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        db_table = "relocation_enquirymessage"  # the table it had before the apps were split
        ordering = ["created_at", "id"]
        verbose_name = _("enquiry message")
        verbose_name_plural = _("enquiry messages")
        indexes = [models.Index(fields=["enquiry", "kind", "created_at"], name="enqmsg_kind")]

    def __str__(self) -> str:
        return f"{self.enquiry} – {self.get_kind_display()}"


class RoutingDecision(models.Model):
    """Why an enquiry went where it went: rule, reason, time and task."""

    class Kind(models.TextChoices):
        RULE = "rule", _("Matched a routing rule")
        FALLBACK = "fallback", _("No rule matched: the county desk")
        REROUTE = "reroute", _("Re-routed by staff")

    enquiry = models.ForeignKey(
        Enquiry, verbose_name=_("enquiry"), on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    rule = models.ForeignKey(
        RoutingRule,
        verbose_name=_("rule"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    from_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("from organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    # The staff's own words for a re-route; for decisions made before ``facts``, the
    # reason as text (in the language routing happened to run in), kept as a fallback.
    reason = models.TextField(_("reason"), blank=True)
    # What an automatic decision rested on, as ids (rule, topic, municipality,
    # language): the reason is written from them in the reader's language.
    facts = models.JSONField(_("facts"), default=dict, blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        db_table = "relocation_routingdecision"  # the table it had before the apps were split
        ordering = ["created_at", "id"]
        verbose_name = _("routing decision")
        verbose_name_plural = _("routing decisions")
        constraints = [
            # Idempotent routing, enforced by the database: one automatic decision.
            models.UniqueConstraint(
                fields=["enquiry"],
                condition=models.Q(kind__in=["rule", "fallback"]),
                name="routing_one_automatic_decision",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enquiry} → {self.organisation}"

    def reason_shown(self) -> str:
        """Why, in the active language: written from the facts when there are any."""
        if self.kind == self.Kind.REROUTE or not self.facts:
            return self.reason
        facts = self.facts
        parts = {
            "topic": _name(Enquiry._meta.get_field("topic").related_model, facts.get("topic")),
            "municipality": _name(Municipality, facts.get("municipality")),
            "language": dict(ANSWER_LANGUAGES).get(facts.get("language") or "", _("any")),
        }
        if facts.get("rule") is None:
            return (
                _(
                    "No routing rule matched (topic: %(topic)s, municipality: %(municipality)s): "
                    "the county desk."
                )
                % parts
            )
        return _(
            "Routing rule %(number)s matched (topic: %(topic)s, municipality: "
            "%(municipality)s, language: %(language)s)."
        ) % {"number": facts["rule"], **parts}

    reason_shown.short_description = _("reason")  # type: ignore[attr-defined]


def _name(model, pk) -> str:
    """The row's name in the active language; "any" for no row, "deleted" for a gone one."""
    if pk is None:
        return str(_("any"))
    row = model.objects.filter(pk=pk).first()
    return str(row) if row is not None else str(_("deleted"))


class EnquiryEvent(models.Model):
    """The enquiry's history, and the access log (who viewed or changed it, when)."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ROUTED = "routed", _("Routed")
        ASSIGNED = "assigned", _("Assigned")
        REROUTED = "rerouted", _("Re-routed")
        REPLIED = "replied", _("Replied")
        NOTED = "noted", _("Internal note")
        NEWCOMER_ANSWERED = "newcomer_answered", _("The newcomer answered")
        WAITING = "waiting", _("Waiting for the newcomer")
        RESOLVED = "resolved", _("Resolved")
        WARNED = "warned", _("Breach warning sent")
        BREACHED = "breached", _("Promise breached, escalated")
        ANONYMISED = "anonymised", _("Anonymised")
        VIEWED = "viewed", _("Viewed")
        CHANGED = "changed", _("Changed")
        LANGUAGE_CORRECTED = "language_corrected", _("Written language corrected")

    ACCESS_ACTIONS = ("viewed", "changed")

    enquiry = models.ForeignKey(
        Enquiry, verbose_name=_("enquiry"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    # The organisation that held the enquiry when this happened: its access records
    # and its staff's names stay with it when the enquiry is re-routed.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        db_table = "relocation_enquiryevent"  # the table it had before the apps were split
        ordering = ["created_at", "id"]
        verbose_name = _("enquiry event")
        verbose_name_plural = _("enquiry events")
        indexes = [models.Index(fields=["enquiry", "created_at"], name="enqevent_enquiry")]

    def __str__(self) -> str:
        return f"{self.enquiry} – {self.get_action_display()}"


class EnquiryAccess(EnquiryEvent):
    """The access log as its own admin page (coordinators only)."""

    class Meta:
        proxy = True
        verbose_name = _("enquiry access")
        verbose_name_plural = _("enquiry access log")


class ReplyTemplate(models.Model):
    """A ready answer staff insert into the reply box, its text in each language
    (modeltranslation: ``text_sv`` … ``text_fa``). An organisation's own templates, or
    everyone's when ``organisation`` is empty; for one topic, or any when empty."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reply_templates",
        help_text=_("Leave empty to offer the template to every organisation."),
    )
    topic = models.ForeignKey(
        "relocation.Topic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reply_templates",
        help_text=_("Leave empty to offer the template for every topic."),
    )
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), max_length=5000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        indexes = [models.Index(fields=["organisation", "topic"], name="replytemplate_org_topic")]

    def __str__(self) -> str:
        return self.title


class TopicModelSnapshot(models.Model):
    """The topic classifier (enquiries/services/topics.py), retrained nightly. It
    holds character n-gram weights, not enquiries; each retraining replaces it."""

    data = models.BinaryField(_("model"))
    trained_on = models.PositiveIntegerField(_("enquiries trained on"))
    topics = models.PositiveSmallIntegerField(_("topics"))
    created_at = models.DateTimeField(_("trained"), auto_now_add=True)

    class Meta:
        verbose_name = _("topic model")
        verbose_name_plural = _("topic models")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} ({self.trained_on})"


class DeflectionCount(models.Model):
    """How many newcomers found their answer in a guide and sent no enquiry: a
    daily count per topic and language, with nothing about the person."""

    date = models.DateField(_("date"))
    topic = models.ForeignKey(
        "relocation.Topic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="deflections",
    )
    language = models.CharField(_("language"), max_length=8)
    count = models.PositiveIntegerField(_("answered by a guide"), default=0)

    class Meta:
        ordering = ["-date", "topic", "language"]
        verbose_name = _("answered by a guide")
        verbose_name_plural = _("answered by a guide")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "topic", "language"], name="deflection_one_row_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.topic} {self.language}: {self.count}"
