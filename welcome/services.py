"""The welcome pack's outputs: the PDF (built by a task, cached per content) and the calendar.

The public API for other apps (the hires app builds a pack from a referral):

- ``pack_for(user, language=None)`` and ``pack_for_profile(language=..., municipality=...,
  citizenship=..., has_partner=..., has_children=..., arrival=...)`` give a ``Pack``;
- ``pack_pdf_request(pack)`` gives the built PDF or has it built (None until it is);
- ``pack_calendar(pack, today=...)`` gives the first-week tasks as iCalendar text.

PDFs are kept per content key (language, municipality, situation, guide versions,
contact points): nothing personal is stored, so the app has no privacy provider.
"""

from __future__ import annotations

import datetime
import logging

import icalendar
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.dispatch import enqueue_on_commit
from portal.models import Municipality
from welcome.models import WelcomePackPdf
from welcome.selectors import (
    Pack,
    pack_for,
    pack_for_profile,
    pack_pdf_cached,
)

__all__ = [
    "Pack",
    "pack_calendar",
    "pack_for",
    "pack_for_profile",
    "pack_pdf_build",
    "pack_pdf_render",
    "pack_pdf_request",
]

logger = logging.getLogger(__name__)

BUILD_TASK = "welcome.tasks.build_pack_pdf"
#: While a build is queued, further requests for the same pack do not queue another.
BUILD_PENDING_SECONDS = 300
#: The PDF's stylesheet (names the font families installed by the project's setup).
PDF_STYLESHEET = "welcome/css/pack-pdf.css"


# --- the PDF -------------------------------------------------------------------------------------


def _no_network(url: str, *args, **kwargs):
    """WeasyPrint's URL fetcher: the pack embeds everything (inline SVG, local CSS and
    fonts); nothing is ever fetched from the web."""
    raise ValueError(f"The welcome pack fetches no URLs ({url}).")


def pack_pdf_render(pack: Pack) -> bytes:
    """The pack as a tagged PDF (WeasyPrint's ``pdf_tags``: a structure tree, marked
    content and the document language, for screen readers and reflow)."""
    import weasyprint  # imported here: web processes that never build a PDF skip it

    with translation.override(pack.language):
        html = render_to_string("welcome/pack_pdf.html", {"pack": pack})
    stylesheet = finders.find(PDF_STYLESHEET)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_network)
    return document.write_pdf(
        stylesheets=[weasyprint.CSS(filename=stylesheet, url_fetcher=_no_network)],
        pdf_tags=True,
    )


def _pending_key(pack: Pack) -> str:
    return f"welcome:pdf-pending:{pack.key}"


def pack_pdf_build(
    *,
    language: str,
    municipality_id: int | None,
    citizenship: str,
    has_partner: bool,
    has_children: bool,
) -> WelcomePackPdf:
    """Build (or find) the PDF of the current pack of this situation, and drop the
    older builds of the same variant. Idempotent: the task calls it."""
    municipality = (
        Municipality.objects.filter(pk=municipality_id).first() if municipality_id else None
    )
    pack = pack_for_profile(
        language=language,
        municipality=municipality,
        citizenship=citizenship,
        has_partner=has_partner,
        has_children=has_children,
    )
    existing = pack_pdf_cached(pack)
    if existing is not None:
        return existing
    pdf = pack_pdf_render(pack)
    try:
        with transaction.atomic():
            built = WelcomePackPdf.objects.create(
                key=pack.key, variant=pack.variant, language=pack.language, pdf=pdf
            )
            WelcomePackPdf.objects.filter(variant=pack.variant).exclude(pk=built.pk).delete()
    except IntegrityError:  # another worker built the same pack meanwhile
        built = WelcomePackPdf.objects.get(key=pack.key)
    cache.delete(_pending_key(pack))
    return built


def pack_pdf_request(pack: Pack) -> WelcomePackPdf | None:
    """The pack's PDF when it is built; otherwise queue its build (once) and return
    None. With Celery eager (tests, ``make run``) the build runs at once and the PDF is
    returned."""
    cached = pack_pdf_cached(pack)
    if cached is not None:
        return cached
    if cache.add(_pending_key(pack), True, BUILD_PENDING_SECONDS):
        enqueue_on_commit(
            BUILD_TASK,
            pack.language,
            pack.municipality_id,
            pack.citizenship,
            pack.has_partner,
            pack.has_children,
        )
    # Outside a transaction (or eager) the build may have run already.
    return pack_pdf_cached(pack)


def pack_pdf_filename(pack: Pack) -> str:
    return f"welcome-pack-{pack.language}.pdf"


# --- the calendar --------------------------------------------------------------------------------


def _weekdays_from(start: datetime.date):
    day = start
    while True:
        if day.weekday() < 5:  # the authorities' offices are open on weekdays
            yield day
        day += datetime.timedelta(days=1)


def pack_calendar(pack: Pack, *, today: datetime.date) -> str:
    """The first-week steps as all-day events, one a weekday from the arrival (or from
    today once the arrival has passed or when it is not known). Each event keeps its UID
    across downloads, so importing a newer file updates the calendar."""
    start = max(pack.arrival, today) if pack.arrival else today
    host = settings.PUBLIC_BASE_URL.split("//", 1)[-1]
    now = timezone.now().astimezone(datetime.UTC)
    with translation.override(pack.language):
        calendar = icalendar.Calendar()
        calendar.add("version", "2.0")
        calendar.add("prodid", "-//International House Jamtland Harjedalen//Welcome pack//EN")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("x-wr-calname", icalendar.vText(_("My first week in Sweden")))
        for step, day in zip(pack.steps, _weekdays_from(start), strict=False):
            language = {"LANGUAGE": step.language}
            entry = icalendar.Event()
            entry.add("uid", f"welcome-{step.subject}@{host}")
            entry.add("dtstamp", now)
            entry.add("dtstart", day)
            entry.add("dtend", day + datetime.timedelta(days=1))
            entry.add("summary", step.title, parameters=language)
            entry.add("description", f"{step.summary}\n\n{step.url}", parameters=language)
            entry.add("url", step.url)
            entry.add("transp", "TRANSPARENT")
            calendar.add_component(entry)
    return calendar.to_ical().decode()
