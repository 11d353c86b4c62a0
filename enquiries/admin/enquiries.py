"""Triage in the staff admin: each organisation's enquiry queue, and only its own.

Built for size: no unbounded COUNT (full result count off, an estimated count on
PostgreSQL), list filters whose choices come from reference data (no DISTINCT over
the queue), ``list_select_related`` set explicitly, indexes for every filter and the
order (enquiries/models.py).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Case, Q, Value, When
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from enquiries.admin.filters import (
    AssigneeFilter,
    EstimatedCountPaginator,
    MunicipalityFilter,
    PromiseFilter,
    TopicFilter,
)
from enquiries.forms import RerouteForm, StaffReplyFormMixin
from enquiries.models import (
    Enquiry,
    EnquiryEvent,
    EnquiryMessage,
    RoutingDecision,
)
from enquiries.services.privacy import enquiry_log_access
from enquiries.services.triage import (
    enquiry_add_note,
    enquiry_assign,
    enquiry_mark_waiting,
    enquiry_reply,
    enquiry_reroute,
    enquiry_resolve,
)
from portal.admin_scoping import (
    OrganisationScopedAdmin,
    staff_organisation_ids,
)
from portal.models import Organisation, StaffMembership, User

R = StaffMembership.Role
TRIAGE = frozenset({R.COORDINATOR, R.HANDLER})
COORDINATOR = frozenset({R.COORDINATOR})
NOBODY: frozenset[str] = frozenset()


# --- inlines: the conversation, the decisions and the history, read-only -----------------
class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return True


def _by_own_organisation(request) -> Q:
    """Rows written while the viewer's organisation held the enquiry (or by nobody's)."""
    return Q(organisation__isnull=True) | Q(organisation__in=staff_organisation_ids(request.user))


def _annotate_own(request, queryset):
    """``own``: whether the row's author and detail may be shown to this viewer."""
    if request.user.is_superuser:
        return queryset.annotate(own=Value(True))
    return queryset.annotate(
        own=Case(When(_by_own_organisation(request), then=Value(True)), default=Value(False))
    )


def _written_by(obj) -> str:
    """The author's name for the own organisation; another organisation's name otherwise."""
    person = obj.author if isinstance(obj, EnquiryMessage) else obj.actor
    if obj.own:
        return str(person) if person else "–"
    return str(obj.organisation) if obj.organisation_id else "–"


class MessageInline(ReadOnlyInline):
    """The conversation, and the internal notes of the viewer's own organisation: a
    re-routed enquiry's notes stay with the organisation that wrote them."""

    model = EnquiryMessage
    fields = ["created_at", "kind", "written_by", "body"]
    readonly_fields = fields
    verbose_name_plural = _("conversation and internal notes")

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("author", "enquiry", "organisation")
        if not request.user.is_superuser:
            notes = Q(kind=EnquiryMessage.Kind.NOTE)
            queryset = queryset.filter(
                ~notes | Q(organisation__in=staff_organisation_ids(request.user))
            )
        return _annotate_own(request, queryset)

    @admin.display(description=_("author"))
    def written_by(self, obj: EnquiryMessage) -> str:
        return _written_by(obj)


class DecisionInline(ReadOnlyInline):
    model = RoutingDecision
    fields = ["created_at", "kind", "from_organisation", "organisation", "rule", "reason_shown"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "enquiry",
                "from_organisation",
                "organisation",
                "rule__organisation",
                "rule__topic",
                "rule__municipality",
            )
        )


class HistoryInline(ReadOnlyInline):
    """The history. Another organisation's entries (before a re-route) name that
    organisation, not its staff, and show no detail but the routing; its access
    records are not shown at all."""

    model = EnquiryEvent
    fields = ["created_at", "action", "done_by", "shown_detail"]
    readonly_fields = fields
    verbose_name_plural = _("history")
    #: Details another organisation may read: where the enquiry went, and why.
    SHARED_DETAILS = (EnquiryEvent.Action.ROUTED, EnquiryEvent.Action.REROUTED)

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .exclude(action=EnquiryEvent.Action.VIEWED)
            .select_related("actor", "enquiry", "organisation")
        )
        if not request.user.is_superuser:
            access = Q(action__in=EnquiryEvent.ACCESS_ACTIONS)
            queryset = queryset.filter(~access | _by_own_organisation(request))
        return _annotate_own(request, queryset)

    @admin.display(description=_("by"))
    def done_by(self, obj: EnquiryEvent) -> str:
        return _written_by(obj)

    @admin.display(description=_("detail"))
    def shown_detail(self, obj: EnquiryEvent) -> str:
        return obj.detail if obj.own or obj.action in self.SHARED_DETAILS else ""


# --- the queue ---------------------------------------------------------------------------
@admin.register(Enquiry)
class EnquiryAdmin(OrganisationScopedAdmin):
    role_permissions = {"view": TRIAGE, "change": TRIAGE, "add": NOBODY, "delete": NOBODY}
    form = StaffReplyFormMixin
    list_display = [
        "reference",
        "status",
        "promise",
        "due_at",
        "topic",
        "municipality",
        "language",
        "assignee",
        "created_at",
    ]
    list_filter = [
        "status",
        PromiseFilter,
        AssigneeFilter,
        TopicFilter,
        MunicipalityFilter,
        "language",
    ]
    list_select_related = ["topic", "municipality", "assignee"]
    search_fields = ["=reference", "=contact_email"]
    search_help_text = _("Search by reference or the newcomer's exact e-mail address.")
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50
    actions = ["assign_to_me", "reroute", "mark_waiting", "resolve"]
    inlines = [MessageInline, DecisionInline, HistoryInline]
    readonly_fields = [
        "reference",
        "status",
        "topic",
        "municipality",
        "language",
        "message",
        "contact_email",
        "organisation",
        "created_at",
        "routed_at",
        "due_at",
        "sla_paused_remaining",
        "warned_at",
        "breached_at",
        "first_response_at",
        "resolved_at",
    ]
    fieldsets = [
        (
            _("Enquiry"),
            {
                "fields": [
                    "reference",
                    "status",
                    "topic",
                    "municipality",
                    "language",
                    "message",
                    "contact_email",
                    "created_at",
                ]
            },
        ),
        (
            _("Handling"),
            {
                "fields": [
                    "organisation",
                    "assignee",
                    "routed_at",
                    "due_at",
                    "sla_paused_remaining",
                    "warned_at",
                    "breached_at",
                    "first_response_at",
                    "resolved_at",
                ]
            },
        ),
        (_("Answer"), {"fields": ["reply", "internal_note"]}),
    ]

    @admin.display(description=_("promise"))
    def promise(self, obj: Enquiry) -> str:
        if obj.breached_at and obj.status == Enquiry.Status.OPEN:
            return format_html("<strong>{}</strong>", gettext("Overdue"))
        if obj.is_overdue:
            return format_html("<strong>{}</strong>", gettext("Overdue"))
        if obj.warned_at and obj.status == Enquiry.Status.OPEN:
            return gettext("Due soon")
        return ""

    def has_add_permission(self, request):
        return False

    def get_search_results(self, request, queryset, search_term):
        """Exact, indexed look-ups: a reference (with or without its dash) or the
        newcomer's e-mail address. No LIKE scan over the queue."""
        term = search_term.strip()
        if not term:
            return queryset, False
        if "@" in term:
            return queryset.filter(contact_email=term.lower()), False
        return queryset.filter(reference=term.replace("-", "").upper()), False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "assignee" in form.base_fields:
            staff = User.objects.filter(is_active=True, memberships__role__in=TRIAGE)
            staff = staff.filter(memberships__organisation=obj.organisation_id if obj else None)
            form.base_fields["assignee"].queryset = staff.distinct().order_by("email")
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            enquiry = self.get_object(request, object_id)
            if enquiry is not None and self.has_view_permission(request, enquiry):
                enquiry_log_access(enquiry=enquiry, user=request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """Every change goes through a service; the form itself saves nothing."""
        data = form.cleaned_data
        changed = []
        if "assignee" in form.changed_data and data.get("assignee") is not None:
            enquiry_assign(enquiry=obj, assignee=data["assignee"], actor=request.user)
            changed.append("assignee")
        if data.get("reply"):
            enquiry_reply(enquiry=obj, body=data["reply"], actor=request.user)
            changed.append("reply")
        if data.get("internal_note"):
            enquiry_add_note(enquiry=obj, body=data["internal_note"], actor=request.user)
            changed.append("note")
        if changed:
            enquiry_log_access(
                enquiry=obj, user=request.user, changed=True, detail=", ".join(changed)
            )

    def save_related(self, request, form, formsets, change):
        """The inlines are read-only: nothing to save."""

    def construct_change_message(self, request, form, formsets, add=False):
        return ""

    def log_change(self, request, obj, message):
        """The enquiry's own history (EnquiryEvent) records changes."""

    # --- actions -----------------------------------------------------------------------
    def _done(self, request, count: int) -> None:
        self.message_user(
            request,
            ngettext("%(count)d enquiry updated.", "%(count)d enquiries updated.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Assign to me"), permissions=["change"])
    def assign_to_me(self, request, queryset):
        count = 0
        for enquiry in queryset:
            enquiry_assign(enquiry=enquiry, assignee=request.user, actor=request.user)
            count += 1
        self._done(request, count)

    @admin.action(description=_("Mark as waiting for the newcomer"), permissions=["change"])
    def mark_waiting(self, request, queryset):
        count = 0
        for enquiry in queryset:
            enquiry_mark_waiting(enquiry=enquiry, actor=request.user)
            count += 1
        self._done(request, count)

    @admin.action(description=_("Resolve"), permissions=["change"])
    def resolve(self, request, queryset):
        count = 0
        for enquiry in queryset:
            enquiry_resolve(enquiry=enquiry, actor=request.user)
            count += 1
        self._done(request, count)

    @admin.action(description=_("Re-route to another organisation…"), permissions=["change"])
    def reroute(self, request, queryset):
        organisations = Organisation.objects.order_by("name")
        form = RerouteForm(
            request.POST if "apply" in request.POST else None, organisations=organisations
        )
        if form.is_valid():
            count = 0
            for enquiry in queryset:
                enquiry_reroute(
                    enquiry=enquiry,
                    organisation=form.cleaned_data["organisation"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
                count += 1
            self._done(request, count)
            return None
        return TemplateResponse(
            request,
            "enquiries/admin_reroute.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("Re-route enquiries"),
                "opts": self.model._meta,
                "form": form,
                "enquiries": list(queryset[:100]),
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
