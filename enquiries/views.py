"""The newcomer's side of enquiries: send one, follow it, answer back, own your data.

Thin views: a form validates, an access helper answers 404, one service writes.
"""

from __future__ import annotations

import json

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from enquiries.forms import (
    AccountDeleteForm,
    EnquiryForm,
    GuidePreviewForm,
    NewcomerAnswerForm,
    enquiry_form_kept,
)
from enquiries.models import Enquiry
from enquiries.selectors import (
    enquiries_of,
    enquiry_conversation,
    enquiry_for_status_page,
    guide_for_deflection,
    suggested_guides,
)
from enquiries.services.deflection import deflection_record
from enquiries.services.submission import (
    enquiry_newcomer_answer,
    enquiry_rate_limit_consume,
    enquiry_status_link_replace,
    enquiry_status_token,
    enquiry_submit,
    enquiry_token_is_valid,
)
from enquiries.services.suggestions import suggest_municipality
from enquiries.services.topics import topic_suggestions
from markets.campaigns import campaign_of
from portal import privacy

SENT_SESSION_KEY = "enquiries:enquiry_sent"
#: Per enquiry reference: [status link generation, until (POSIX time)].
STATUS_GRANTS_SESSION_KEY = "enquiries:status_grants"
STATUS_GRANT_SECONDS = 2 * 3600


def _client_ip(request: HttpRequest) -> str:
    """The real client behind TRUSTED_PROXY_COUNT proxies (allauth's logic)."""
    try:
        return get_adapter().get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return request.META.get("REMOTE_ADDR", "unknown")


@never_cache
@require_http_methods(["GET", "POST"])
def enquiry_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and "preview" in request.POST:
        return _guide_preview(request)
    form = EnquiryForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not enquiry_rate_limit_consume(
            client_ip=_client_ip(request), email=data["contact_email"]
        ):
            form.add_error(
                None,
                _("You have sent many questions in a short time. Please try again in an hour."),
            )
            status = 429
        else:
            enquiry = enquiry_submit(
                topic=data["topic"],
                municipality=data["municipality"],
                language=data["language"],
                message=data["message"],
                contact_email=data["contact_email"],
                user=request.user,
                campaign=campaign_of(request),
            )
            request.session[SENT_SESSION_KEY] = enquiry.reference
            return redirect("enquiries:enquiry_sent")
    elif request.method == "POST":
        status = 400
    return render(request, "enquiries/new.html", {"form": form}, status=status)


def _guide_preview(request: HttpRequest) -> HttpResponse:
    """The guides matching the topic (and text), above the form as it was typed: no
    contact details are checked and no enquiry is created. The topic and municipality
    suggested from the text are selected where the newcomer chose none; the newcomer
    confirms them by sending, or changes them."""
    kept = request.POST.copy()
    message = request.POST.get("message", "")
    place = suggest_municipality(message)
    if place is not None and not kept.get("municipality"):
        kept["municipality"] = str(place.pk)
    topics = topic_suggestions(message)
    if topics and not kept.get("topic"):
        kept["topic"] = str(topics[0].pk)
    preview = GuidePreviewForm(kept)
    suggestions: list = []
    if preview.is_valid():
        data = preview.cleaned_data
        suggestions = suggested_guides(
            topic=data["topic"], municipality=data["municipality"], message=message, limit=3
        )
    context = {
        "form": enquiry_form_kept(kept, user=request.user),
        "preview": preview,
        "suggestions": suggestions,
        "suggested_municipality": place,
        "suggested_topics": topics,
        "previewed": True,
    }
    return render(request, "enquiries/new.html", context)


#: The longest text the live suggestions read (the rest says nothing new).
SUGGEST_MAX_CHARS = 2000
#: Shorter texts get no live suggestions (as the form's script waits for them).
SUGGEST_MIN_CHARS = 20


@require_POST
def enquiry_suggest(request: HttpRequest) -> JsonResponse:
    """The municipality and topics suggested from a text being written, as JSON, for
    the enquiry form's script (enquiries/static/enquiries/js/suggest.js). A POST with
    the form's CSRF token, so the text never sits in a URL (access logs, history);
    nothing is stored. Names come in the active language."""
    text = request.POST.get("text", "")[:SUGGEST_MAX_CHARS]
    place, topics = None, []
    if len(text.strip()) >= SUGGEST_MIN_CHARS:
        place = suggest_municipality(text)
        topics = topic_suggestions(text)
    response = JsonResponse(
        {
            "municipality": {"pk": place.pk, "name": place.name} if place else None,
            "topics": [{"pk": topic.pk, "name": topic.name} for topic in topics],
        }
    )
    response["Cache-Control"] = "no-store"
    return response


#: The guides this session already said answered its question (counted once each).
ANSWERED_SESSION_KEY = "enquiries:answered_by_guides"


@never_cache
@require_POST
def answered_by_guide(request: HttpRequest) -> HttpResponse:
    """ "This answered my question": no enquiry is created; the deflection is
    counted once per guide and session, and the newcomer is thanked."""
    guide = guide_for_deflection(guide_id=request.POST.get("guide", ""))
    if guide is None:
        raise Http404
    answered = list(request.session.get(ANSWERED_SESSION_KEY, []))
    if guide.pk not in answered:
        deflection_record(topic=guide.topic, language=get_language())
        request.session[ANSWERED_SESSION_KEY] = [*answered, guide.pk][-50:]
    return render(request, "enquiries/answered.html", {"guide": guide})


@never_cache
@require_safe
def enquiry_sent(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(SENT_SESSION_KEY)
    enquiry = enquiry_for_status_page(reference=reference) if reference else None
    if enquiry is None:
        return redirect("enquiries:enquiry_new")
    token = enquiry_status_token(
        reference=enquiry.reference, generation=enquiry.status_link_generation
    )
    status_url = f"{enquiry.get_absolute_url()}?t={token}"
    return render(request, "enquiries/sent.html", {"enquiry": enquiry, "status_url": status_url})


def _grant_access(request: HttpRequest, enquiry: Enquiry) -> None:
    """A short session grant for the enquiry, in exchange for its link's token."""
    grants = dict(request.session.get(STATUS_GRANTS_SESSION_KEY, {}))
    until = timezone.now().timestamp() + STATUS_GRANT_SECONDS
    grants[enquiry.reference] = [enquiry.status_link_generation, until]
    request.session[STATUS_GRANTS_SESSION_KEY] = dict(list(grants.items())[-20:])


def _has_access(request: HttpRequest, enquiry: Enquiry) -> bool:
    if request.user.is_authenticated and enquiry.user_id == request.user.pk:
        return True
    grant = request.session.get(STATUS_GRANTS_SESSION_KEY, {}).get(enquiry.reference)
    return bool(
        grant
        and grant[0] == enquiry.status_link_generation
        and grant[1] > timezone.now().timestamp()
    )


def _enquiry_for(request: HttpRequest, reference: str) -> Enquiry:
    """The enquiry when a session grant or the signed-in owner allows it, else 404."""
    enquiry = enquiry_for_status_page(reference=reference)
    if enquiry is None or not _has_access(request, enquiry):
        raise Http404
    return enquiry


@never_cache
@require_http_methods(["GET", "POST"])
def enquiry_status(request: HttpRequest, reference: str) -> HttpResponse:
    if "t" in request.GET:
        # The link's token buys a short session; the page itself is shown at an
        # address without it (not in the history, the Referer or later log lines).
        enquiry = enquiry_for_status_page(reference=reference)
        if enquiry is None:
            raise Http404
        if not enquiry_token_is_valid(enquiry=enquiry, token=request.GET["t"]):
            # Expired, replaced or mistyped: say so (as a 404) rather than "not found".
            return render(request, "enquiries/link_expired.html", status=404)
        _grant_access(request, enquiry)
        if request.method == "GET":
            return redirect(enquiry.get_absolute_url())
        # A form from a page opened before the exchange: the answer is still taken.
    enquiry = _enquiry_for(request, reference)
    form = NewcomerAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        enquiry_newcomer_answer(enquiry=enquiry, body=form.cleaned_data["body"], user=request.user)
        return redirect(f"{enquiry.get_absolute_url()}#conversation")
    return render(
        request,
        "enquiries/status.html",
        {
            "enquiry": enquiry,
            "conversation": enquiry_conversation(enquiry=enquiry),
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@never_cache
@require_POST
def enquiry_status_link_new(request: HttpRequest, reference: str) -> HttpResponse:
    """Replace the status link: older links stop working; this session keeps access
    and the page shows the new link once."""
    enquiry = enquiry_status_link_replace(enquiry=_enquiry_for(request, reference))
    _grant_access(request, enquiry)
    link = request.build_absolute_uri(
        f"{enquiry.get_absolute_url()}?t="
        + enquiry_status_token(
            reference=enquiry.reference, generation=enquiry.status_link_generation
        )
    )
    messages.success(
        request,
        _("The old links to this page no longer work. Your new link: %(link)s") % {"link": link},
    )
    return redirect(enquiry.get_absolute_url())


@never_cache
@login_required
@require_safe
def my_enquiries(request: HttpRequest) -> HttpResponse:
    return render(request, "enquiries/mine.html", {"enquiries": enquiries_of(user=request.user)})


@never_cache
@login_required
@require_safe
def my_data_export(request: HttpRequest) -> HttpResponse:
    data = privacy.account_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None)
    if request.user.is_staff:
        raise PermissionDenied  # staff accounts are closed by an administrator
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        privacy.account_delete(user=user)
        return redirect(reverse("enquiries:account_deleted"))
    return render(
        request,
        "enquiries/delete_account.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_safe
def account_deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "enquiries/account_deleted.html")
