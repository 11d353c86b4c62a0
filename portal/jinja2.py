"""The Jinja2 environment of the portal's hottest public pages.

Most pages use Django's template language. The guide page, the page readers open most
and the one a reader waits for when it is not in the page cache, is rendered with
Jinja2: its templates compile to Python functions, which render the page in a fraction
of the time Django's template engine needs for its 300-odd nodes (see the README,
"Templates" and "Benchmarks"). The site's chrome (``jinja2/base.html`` and
``jinja2/partials/``) has a twin in ``templates/``; ``tests/portal/test_jinja2_chrome.py``
renders both for the same requests and fails when they differ.

Conventions, so that ``make messages`` (Django's ``makemessages``) finds every text:

* a translated text is ``{{ _("…") }}``, the call first in the expression;
* a text with a value in it is ``{{ _("… %(name)s …")|format(name=value) }}`` — the
  placeholders are those of the ``blocktranslate`` twin, so the catalogues' entries are
  shared; ``format`` runs before escaping, so the value is escaped with the text.

``tests/portal/test_jinja2_chrome.py`` also checks that every ``_()`` text of the
Jinja2 templates is in the catalogues.

Under tests and with ``DJANGO_DEBUG`` an undefined variable is an error
(``StrictUndefined``); a template tests for an optional value with ``is defined``.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

from django.conf import settings
from django.templatetags.static import static
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext, ngettext, pgettext
from jinja2 import Environment, StrictUndefined

from guides.templatetags.guides import content_lang


def url(name: str, *args) -> str:
    """``{% url %}``: ``url("guides:topic", topic.slug)``.

    Remembered per URL configuration, script prefix and language: a page names the same
    dozen addresses (the menus) on every request, and ``reverse`` costs about 20 µs."""
    return _reverse(get_resolver(get_urlconf()), get_script_prefix(), get_language(), name, args)


@lru_cache(maxsize=2048)
def _reverse(resolver, prefix: str, language: str | None, name: str, args: tuple) -> str:
    # resolver, prefix and language are the key: reverse() reads them itself.
    return reverse(name, urlconf=resolver.urlconf_name, args=args or None)


def date(value: datetime.date | None, format_name: str = "DATE_FORMAT") -> str:
    """``|date``: a date in the current language's format (or a named/explicit format)."""
    if value is None:
        return ""
    return formats.date_format(value, format_name)


def truncatechars(value: str, length: int) -> str:
    """``|truncatechars`` of Django's template language."""
    return Truncator(value).chars(length)


def environment(**options) -> Environment:
    # Django's backend asks for autoescaping too; it is not an option here.
    options.pop("autoescape", None)
    if settings.DEBUG or settings.DJANGO_ENV == "test":
        # A misspelt or missing variable fails the test or the developer's page. In
        # production it renders as nothing, as in Django's templates: a reader gets
        # the page rather than an error.
        options["undefined"] = StrictUndefined
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=False, pgettext=pgettext)
    env.globals.update(
        url=url,
        static=static,
        content_lang=content_lang,
    )
    env.filters.update(date=date, truncatechars=truncatechars)
    return env
