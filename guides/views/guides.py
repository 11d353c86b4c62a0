"""Public guide pages: the library, topics, guides, municipalities and search."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from guides.forms import FeedbackForm, MunicipalityChoiceForm, SearchForm
from guides.models import Stage, Topic
from guides.models.guides import AppliesTo
from guides.selectors.guide_page import GuidePage, municipality_options, published_guide_page
from guides.selectors.guide_search import guides_search
from guides.selectors.guides import (
    fallback_chain,
    guide_reading,
    guide_related,
    guides_in_stage,
    guides_in_topic,
    listed_guides,
    municipality_contact,
    order_local_first,
    published_guides,
    reader_municipality,
    stages_with_counts,
    topics_with_counts,
)
from guides.services import guide_feedback_submit, reader_municipality_choose
from portal.models import Municipality
from portal.page_cache import (
    GUIDE_LISTS,
    SITE,
    guide_version,
    post_from_cached_page,
    public_page,
)

FEEDBACK_SESSION_KEY = "guide_feedback_given"
#: The query parameter with the reader's municipality (``?municipality=are``).
MUNICIPALITY_PARAMETER = "municipality"
# Public pages, the same for every anonymous reader (portal/page_cache.py): a list of
# guides depends on every guide, a guide page on its own guide only.
public_list = public_page(lambda *args, **kwargs: (SITE, GUIDE_LISTS))
public_guide = public_page(lambda topic, guide: (SITE, guide_version(guide)))


def _reader_municipality(request: HttpRequest) -> Municipality | None:
    """The municipality chosen in the address, else (signed in) the reader's own.

    In the address, not the session, so that a shared cache can keep the page of each
    municipality for every anonymous reader."""
    slug = request.GET.get(MUNICIPALITY_PARAMETER, "")
    if slug:
        return Municipality.objects.filter(slug=slug).first()
    if request.user.is_authenticated:
        return reader_municipality(request)
    return None


def _chooser(request: HttpRequest, municipality: Municipality | None) -> dict:
    """The municipality chooser: a GET form to the same page (so the page needs no
    CSRF token). Rendered from a plain list: a form widget would cost a server-side
    cursor and a template per option on every page view."""
    stage = request.GET.get("stage", "")
    return {
        "options": municipality_options(),
        "selected": municipality.slug if municipality else "",
        "action": request.path,
        "hidden": [("stage", stage)] if stage in Stage.values else [],
    }


@public_list
@require_safe
def guides_index(request: HttpRequest) -> HttpResponse:
    municipality = _reader_municipality(request)
    stage = request.GET.get("stage", "")
    stage_guides = mine = others = None
    if stage in Stage.values:
        stage_guides = guides_in_stage(stage)
        mine, others = order_local_first(stage_guides, municipality)
    else:
        stage = ""
    return render(
        request,
        "guides/index.html",
        {
            "topics": topics_with_counts(),
            "stages": stages_with_counts(),
            "stage": stage,
            "stage_label": Stage(stage).label if stage else "",
            "guides": mine,
            "other_guides": others,
            "municipality": municipality,
            "chooser": _chooser(request, municipality),
            "search_form": SearchForm(),
        },
    )


@public_list
@require_safe
def topic_detail(request: HttpRequest, topic: str) -> HttpResponse:
    topic_obj = get_object_or_404(Topic, slug=topic)
    municipality = _reader_municipality(request)
    mine, others = order_local_first(guides_in_topic(topic_obj), municipality)
    stages = []
    for value, label in Stage.choices:
        in_stage = [g for g in mine if g.stage == value]
        if in_stage:
            stages.append({"value": value, "label": label, "guides": in_stage})
    return render(
        request,
        "guides/topic.html",
        {
            "topic": topic_obj,
            "stages": stages,
            "other_guides": others,
            "municipality": municipality,
            "chooser": _chooser(request, municipality),
        },
    )


#: The guide page's template (the admin preview renders it too).
GUIDE_TEMPLATE = "guides/guide.html"


def guide_page_context(request: HttpRequest, page: GuidePage, *, preview: bool = False) -> dict:
    """Everything the guide page shows (also used by the admin preview)."""
    guide = page.guide
    municipality = _reader_municipality(request)
    contact_municipality = guide.municipality or municipality
    return {
        "guide": guide,
        "reading": guide_reading(guide, get_language(), page.statuses),
        "related": guide_related(guide, municipality),
        "municipality": municipality,
        "contact_municipality": contact_municipality,
        "contact": municipality_contact(contact_municipality),
        "links": page.links,
        "applies_labels": [AppliesTo(value).label for value in guide.applies_to],
        "chooser": _chooser(request, municipality),
        "feedback_form": FeedbackForm(),
        "preview": preview,
    }


def render_guide_page(request: HttpRequest, context: dict, *, status: int = 200) -> HttpResponse:
    """The guide page (and the feedback form refused on it)."""
    return render(request, GUIDE_TEMPLATE, context, status=status)


def _published_page(topic: str, guide: str) -> GuidePage:
    page = published_guide_page(
        topic_slug=topic, guide_slug=guide, languages=fallback_chain(get_language())
    )
    if page is None:
        raise Http404
    return page


@public_guide
@require_safe
def guide_detail(request: HttpRequest, topic: str, guide: str) -> HttpResponse:
    page = _published_page(topic, guide)
    return render_guide_page(request, guide_page_context(request, page))


@post_from_cached_page
@require_POST
def guide_feedback(request: HttpRequest, topic: str, guide: str) -> HttpResponse:
    guide_obj = get_object_or_404(published_guides(), slug=guide, topic__slug=topic)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        context = guide_page_context(request, _published_page(topic, guide))
        context["feedback_form"] = form
        return render_guide_page(request, context, status=400)
    given = request.session.get(FEEDBACK_SESSION_KEY, [])
    if guide_obj.pk in given:
        # One answer per guide and visit: repeated posts do not skew the counts.
        messages.info(request, _("You have already told us about this guide. Thank you."))
        return HttpResponseRedirect(f"{guide_obj.get_absolute_url()}#feedback")
    guide_feedback_submit(
        guide=guide_obj,
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"],
        language=get_language(),
    )
    request.session[FEEDBACK_SESSION_KEY] = [*given, guide_obj.pk][-200:]
    messages.success(request, _("Thank you for your feedback."))
    return HttpResponseRedirect(f"{guide_obj.get_absolute_url()}#feedback")


@require_POST
def choose_municipality(request: HttpRequest) -> HttpResponse:
    """The chooser's former POST address: on to the page with the municipality in the
    address (a signed-in newcomer's profile remembers it, as before)."""
    form = MunicipalityChoiceForm(request.POST)
    target = request.POST.get("next", "")
    # Only a local path: anything else ("0", a view name) would be reversed by redirect().
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("guides:guides")
    if not form.is_valid():
        return redirect(target)
    municipality = form.cleaned_data["municipality"]
    if request.user.is_authenticated:
        reader_municipality_choose(
            session=request.session, user=request.user, municipality=municipality
        )
    parts = urlsplit(target)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != MUNICIPALITY_PARAMETER]
    if municipality:
        query.append((MUNICIPALITY_PARAMETER, municipality.slug))
    return redirect(
        urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))
    )


@public_list
@require_safe
def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    guides = list(listed_guides().filter(municipality=municipality))
    return render(
        request,
        "guides/municipality.html",
        {
            "municipality": municipality,
            "guides": guides,
            "contact": municipality_contact(municipality),
            "organisations": list(
                municipality.organisations.exclude(kind="municipality").order_by("name")
            ),
        },
    )


@public_list
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    raw = form.cleaned_data["q"] if form.is_valid() else request.GET.get("q", "")[:200]
    outcome = guides_search(raw, get_language())
    return render(
        request,
        "guides/search.html",
        {
            "form": form if form.is_valid() else SearchForm(initial={"q": outcome.query}),
            "outcome": outcome,
            "topics": topics_with_counts() if not outcome.hits else [],
        },
    )
