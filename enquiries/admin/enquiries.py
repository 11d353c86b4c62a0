"""Triage in the staff admin: each organisation's enquiry queue, and only its own.

Built for size: no unbounded COUNT (full result count off, an estimated count on
PostgreSQL), list filters whose choices come from reference data (no DISTINCT over
the queue), ``list_select_related`` set explicitly, indexes for every filter and the
order (enquiries/models.py).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Case, F, Value, When
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from enquiries.admin.desk import TriageDeskMixin
from enquiries.admin.filters import (
    AssigneeFilter,
    EstimatedCountPaginator,
    MunicipalityFilter,
    PromiseFilter,
    TopicFilter,
    WorkFilter,
    is_my_work_view,
)
from enquiries.forms import RerouteForm, StaffReplyFormMixin
from enquiries.models import (
    Audience,
    Enquiry,
    RoutingDecision,
)
from enquiries.services.privacy import enquiry_log_access
from enquiries.services.triage import (
    enquiry_add_note,
    enquiry_assign,
    enquiry_language_correct,
    enquiry_mark_waiting,
    enquiry_reply,
    enquiry_reroute,
    enquiry_resolve,
)
from portal.admin_scoping import (
    OrganisationScopedAdmin,
    is_county_desk_staff,
)
from portal.models import Organisation, StaffMembership, User

R = StaffMembership.Role
TRIAGE = frozenset({R.COORDINATOR, R.HANDLER})
COORDINATOR = frozenset({R.COORDINATOR})
NOBODY: frozenset[str] = frozenset()
#: The status column's short words (the full ones are long for a 1280 px queue).
SHORT_STATUS = {
    Enquiry.Status.TO_ROUTE: _("routing"),
    Enquiry.Status.OPEN: _("open"),
    Enquiry.Status.WAITING: _("waiting"),
    Enquiry.Status.RESOLVED: _("resolved"),
}


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


# --- the queue ---------------------------------------------------------------------------
@admin.register(Enquiry)
class EnquiryAdmin(TriageDeskMixin, OrganisationScopedAdmin):
    role_permissions = {"view": TRIAGE, "change": TRIAGE, "add": NOBODY, "delete": NOBODY}
    form = StaffReplyFormMixin
    list_display = [
        "ref",
        "state",
        "promise",
        "topic_short",
        "municipality",
        "lang",
        "assignee_short",
        "received",
    ]
    list_display_links = ["ref"]
    list_filter = [
        WorkFilter,
        "status",
        PromiseFilter,
        AssigneeFilter,
        TopicFilter,
        MunicipalityFilter,
        "language",
        "audience",
    ]
    list_select_related = ["topic", "municipality", "assignee", "employer"]
    search_fields = ["=reference", "=contact_email"]
    search_help_text = _("Search by reference or the newcomer's exact e-mail address.")
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50
    actions = ["assign_to_me", "reroute", "mark_waiting", "resolve"]
    #: The conversation and the history are the page's thread (enquiries/admin/desk.py).
    inlines = [DecisionInline]
    readonly_fields = [
        "reference",
        "asked_by",
        "status",
        "topic",
        "municipality",
        "language",
        "written",
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
                    "asked_by",
                    "status",
                    "topic",
                    "municipality",
                    "language",
                    "written",
                    "written_in",
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

    @admin.display(description=_("asked by"), ordering="audience")
    def asked_by(self, obj: Enquiry) -> str:
        """The "Employer" marker, with the employer's name (staff only)."""
        if obj.audience != Audience.EMPLOYER:
            return obj.get_audience_display()
        if obj.employer is None:
            return format_html("<strong>{}</strong>", obj.get_audience_display())
        return format_html("<strong>{}</strong>: {}", obj.get_audience_display(), obj.employer.name)

    @admin.display(description=_("written in"))
    def written(self, obj: Enquiry) -> str:
        """ "Written in Arabic (detected)", or "(corrected)" once staff changed it."""
        if not obj.detected_language:
            return gettext("Not detected: the chosen language is used")
        try:  # the language's name in the reader's language
            name = get_language_info(obj.detected_language)["name_translated"]
        except KeyError:  # a language Django has no name for: its own name
            name = obj.get_detected_language_display()
        if obj.language_corrected_at:
            return gettext("Written in %(language)s (corrected)") % {"language": name}
        return gettext("Written in %(language)s (detected)") % {"language": name}

    # --- the queue's compact columns (enquiries/static/enquiries/css/admin_queue.css) --
    @admin.display(description=_("reference"), ordering="reference")
    def ref(self, obj: Enquiry) -> str:
        """The reference; an employer's enquiry carries the "Employer" marker and name."""
        if obj.audience != Audience.EMPLOYER:
            return obj.display_reference
        return format_html(
            '{} <span class="enq-employer">{}</span>', obj.display_reference, self.asked_by(obj)
        )

    @admin.display(description=_("status"), ordering="status")
    def state(self, obj: Enquiry) -> str:
        return SHORT_STATUS.get(obj.status, obj.status)

    @admin.display(description=_("promise"), ordering=F("due_at").asc(nulls_last=True))
    def promise(self, obj: Enquiry) -> str:
        """Time left, "due soon" with its time left, or "overdue by …"."""
        if obj.status != Enquiry.Status.OPEN or obj.due_at is None:
            return "–"
        now = timezone.now()
        if obj.due_at <= now:
            return format_html(
                '<strong class="enq-overdue">{}</strong>',
                gettext("overdue by %(time)s") % {"time": timesince(obj.due_at, now, depth=1)},
            )
        left = gettext("%(time)s left") % {"time": timeuntil(obj.due_at, now, depth=1)}
        soon = now + timedelta(minutes=settings.ENQUIRY_SLA_WARNING_MINUTES)
        if obj.warned_at or obj.due_at <= soon:
            return format_html(
                '<strong class="enq-due-soon">{}: {}</strong>', gettext("Due soon"), left
            )
        return left

    @admin.display(description=_("topic"), ordering="topic")
    def topic_short(self, obj: Enquiry) -> str:
        name = str(obj.topic)
        return format_html('<span class="enq-clip" title="{}">{}</span>', name, name)

    @admin.display(description=_("lang."), ordering="language")
    def lang(self, obj: Enquiry) -> str:
        return format_html('<abbr title="{}">{}</abbr>', obj.get_language_display(), obj.language)

    @admin.display(description=_("assigned to"), ordering="assignee")
    def assignee_short(self, obj: Enquiry) -> str:
        if obj.assignee is None:
            return "–"
        return format_html(
            '<span title="{}">{}</span>', obj.assignee, obj.assignee.get_short_name()
        )

    @admin.display(description=_("received"), ordering="created_at")
    def received(self, obj: Enquiry) -> str:
        return date_format(timezone.localtime(obj.created_at), "SHORT_DATE_FORMAT")

    def get_ordering(self, request):
        """ "My work": assigned to me first, then my organisation's unassigned; each by due time."""
        if is_my_work_view(request):
            mine = Case(When(assignee=request.user.pk, then=Value(0)), default=Value(1))
            return [mine.asc(), F("due_at").asc(nulls_last=True), "id"]
        return super().get_ordering(request)

    class Media:
        css = {"all": ["enquiries/css/admin_queue.css"]}

    def scope_queryset(self, request, queryset):
        """The county desk sees the county-wide queue: every organisation's enquiries
        (their internal notes and access records stay with their organisations)."""
        if is_county_desk_staff(request.user):
            return queryset
        return super().scope_queryset(request, queryset)

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
        if "written_in" in form.changed_data and data.get("written_in"):
            enquiry_language_correct(enquiry=obj, language=data["written_in"], actor=request.user)
            changed.append("written language")
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
