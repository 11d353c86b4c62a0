"""The triage desk on the enquiry page: the conversation thread, reply templates and
one-click actions (assign to me, re-route, resolve) posting to admin views that call
the triage services. Mixed into ``EnquiryAdmin``."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from enquiries.forms import RerouteForm
from enquiries.models import Enquiry
from enquiries.selectors import (
    enquiry_thread,
    reply_template_text,
    reply_templates_for,
)
from enquiries.services.triage import enquiry_assign, enquiry_reroute, enquiry_resolve
from portal.models import Organisation

#: The change page's query parameter naming a reply template to insert.
TEMPLATE_PARAM = "template"


def _chosen_template_id(request) -> int | None:
    value = request.GET.get(TEMPLATE_PARAM, "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


class TriageDeskMixin:
    change_form_template = "admin/enquiries/enquiry/change_form.html"

    # --- URLs of the one-click actions ---------------------------------------------------
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/assign-to-me/",
                wrap(require_POST(self.assign_to_me_view)),
                name="enquiries_enquiry_assign_to_me",
            ),
            path(
                "<path:object_id>/resolve/",
                wrap(require_POST(self.resolve_view)),
                name="enquiries_enquiry_resolve",
            ),
            path(
                "<path:object_id>/reroute/",
                wrap(require_POST(self.reroute_view)),
                name="enquiries_enquiry_reroute",
            ),
            *super().get_urls(),
        ]

    def _enquiry_to_change(self, request, object_id) -> Enquiry:
        """The enquiry, if this user may change it (scoped like the queue), else 404/403."""
        enquiry = self.get_object(request, object_id)
        if enquiry is None:
            raise Http404
        if not self.has_change_permission(request, enquiry):
            raise PermissionDenied
        return enquiry

    def _back(self, enquiry: Enquiry) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:enquiries_enquiry_change", args=[enquiry.pk]))

    def assign_to_me_view(self, request, object_id):
        enquiry = self._enquiry_to_change(request, object_id)
        enquiry_assign(enquiry=enquiry, assignee=request.user, actor=request.user)
        self.message_user(request, gettext("Assigned to you."), messages.SUCCESS)
        return self._back(enquiry)

    def resolve_view(self, request, object_id):
        enquiry = self._enquiry_to_change(request, object_id)
        enquiry_resolve(enquiry=enquiry, actor=request.user)
        self.message_user(request, gettext("The enquiry is resolved."), messages.SUCCESS)
        return self._back(enquiry)

    def reroute_view(self, request, object_id):
        enquiry = self._enquiry_to_change(request, object_id)
        form = RerouteForm(request.POST, organisations=Organisation.objects.order_by("name"))
        if not form.is_valid():
            self.message_user(
                request, gettext("Choose an organisation and give a reason."), messages.ERROR
            )
            return self._back(enquiry)
        enquiry_reroute(
            enquiry=enquiry,
            organisation=form.cleaned_data["organisation"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
        self.message_user(
            request,
            gettext("Re-routed to %(organisation)s.") % {"organisation": enquiry.organisation},
            messages.SUCCESS,
        )
        if self.has_view_permission(request, enquiry):
            return self._back(enquiry)
        return HttpResponseRedirect(reverse("admin:enquiries_enquiry_changelist"))

    # --- the page: thread, templates, reply box --------------------------------------------
    def _chosen_template(self, request, enquiry: Enquiry):
        template_id = _chosen_template_id(request)
        if template_id is None or request.method != "GET":
            return None
        template = reply_templates_for(enquiry=enquiry, user=request.user).filter(pk=template_id)
        template = template.first()
        return (
            reply_template_text(template=template, language=enquiry.language) if template else None
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        chosen = self._chosen_template(request, obj) if obj is not None else None
        if chosen is None:
            return form

        class WithTemplate(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.initial["reply"] = chosen.text

        return WithTemplate

    def change_view(self, request, object_id, form_url="", extra_context=None):
        enquiry = self.get_object(request, object_id)
        context = dict(extra_context or {})
        if enquiry is not None and self.has_view_permission(request, enquiry):
            templates = reply_templates_for(enquiry=enquiry, user=request.user)
            context.update(
                thread=enquiry_thread(enquiry=enquiry, user=request.user),
                reply_templates=templates.only("pk", "title", *self._title_columns()),
                chosen_template=self._chosen_template(request, enquiry),
                template_param=TEMPLATE_PARAM,
                reroute_form=RerouteForm(organisations=Organisation.objects.order_by("name")),
                can_change_enquiry=self.has_change_permission(request, enquiry),
                enquiry_is_open=enquiry.status in (Enquiry.Status.OPEN, Enquiry.Status.WAITING),
                assigned_to_me=enquiry.assignee_id == request.user.pk,
            )
        return super().change_view(request, object_id, form_url, context)

    @staticmethod
    def _title_columns() -> list[str]:
        from django.conf import settings

        return [f"title_{code}" for code, _name in settings.LANGUAGES]
