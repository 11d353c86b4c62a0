"""The Jinja2 twin of the site's chrome (``jinja2/base.html``, ``jinja2/partials/``) and
its texts. ``portal/jinja2.py`` says why the guide page is rendered with Jinja2.

The chrome exists in both engines, so these tests render a page in both for the same
requests and compare the documents. They also check that ``make messages`` finds every
text of the Jinja2 templates, and that the catalogues translate them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.template import engines
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation
from django.utils.translation.template import templatize
from jinja2.exceptions import UndefinedError

from tests.portal.factories import UserFactory

JINJA_DIR = Path(settings.BASE_DIR) / "jinja2"
PAGE = (
    '{% extends "base.html" %}{% block title %}A page{% endblock %}'
    "{% block content %}<p>The content</p>{% endblock %}"
)


class _Document(HTMLParser):
    """A document as a list of tags (with sorted attributes) and text runs, so that
    whitespace between tags and the spelling of character references (``&#x27;`` or
    ``&#39;``) do not count, and CSRF tokens (new for every render) are blanked."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list = []

    def handle_starttag(self, tag, attrs):
        attrs = sorted(
            (name, "<token>" if name == "value" and dict(attrs).get("name") == "csrfmiddlewaretoken"
             else value)
            for name, value in attrs
        )  # fmt: skip
        self.items.append(("start", tag, attrs))

    def handle_endtag(self, tag):
        self.items.append(("end", tag))

    def handle_data(self, data):
        text = " ".join(data.split())
        if text:
            self.items.append(("text", text))

    def handle_decl(self, decl):
        self.items.append(("decl", decl.lower()))


def document(html: str) -> list:
    parser = _Document()
    parser.feed(html)
    parser.close()
    return parser.items


def _request(path: str, user, message: str | None):
    request = RequestFactory().get(path)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    if message:
        request._messages.add(message_levels.SUCCESS, message)
    request.resolver_match = resolve(path)
    return request


def render_in(engine: str, path: str, language: str, user, message: str | None = None) -> str:
    with translation.override(language):
        template = engines[engine].from_string(PAGE)
        return template.render({}, _request(path, user, message))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "language", "who", "message"),
    [
        ("/en/guides/housing/finding-housing/", "en", "anonymous", None),
        ("/ar/guides/", "ar", "anonymous", "Thank you for your feedback."),
        ("/sv/", "sv", "staff", None),
        ("/uk/ambassadors/", "uk", "newcomer", None),
        ("/fa/events/", "fa", "newcomer", None),
    ],
)
def test_both_engines_render_the_same_chrome(path, language, who, message):
    user = {
        "anonymous": lambda: AnonymousUser(),
        "newcomer": lambda: UserFactory(),
        "staff": lambda: UserFactory(is_staff=True),
    }[who]()
    django_html = render_in("django", path, language, user, message)
    jinja_html = render_in("jinja2", path, language, user, message)
    assert document(jinja_html) == document(django_html)
    # The comparison is about something: the chrome is there, in the reader's language.
    assert f'<html lang="{language}" dir="{"rtl" if language in ("ar", "fa") else "ltr"}">' in (
        jinja_html
    )
    assert 'class="skip-link"' in jinja_html
    assert "site-footer" in jinja_html


def test_the_comparison_sees_a_difference():
    """The normalisation keeps what matters: text, tags, attributes and their values."""
    assert document('<a href="/a">Guides</a>') != document('<a href="/b">Guides</a>')
    assert document("<p>Guides</p>") != document("<p>Guide</p>")
    assert document('<p lang="en">x</p>') != document("<p>x</p>")
    assert document("<p>county&#x27;s</p>\n") == document("<p>\n county&#39;s</p>")


# --- texts --------------------------------------------------------------------------------------


def jinja_templates() -> list[Path]:
    return sorted(JINJA_DIR.rglob("*.html"))


def jinja_texts(path: Path) -> set[str]:
    """The texts of ``_()``/``gettext()`` calls (the first argument of calls with more)."""
    env = engines["jinja2"].env
    texts = set()
    for _line, _function, message in env.extract_translations(path.read_text()):
        first = message[0] if isinstance(message, tuple) else message
        if isinstance(first, str):
            texts.add(first)
    return texts


def test_there_are_jinja2_templates_with_texts():
    assert len(jinja_templates()) >= 5
    assert "Was this helpful?" in jinja_texts(JINJA_DIR / "guides/guide.html")


@pytest.mark.parametrize("path", jinja_templates(), ids=lambda p: str(p.relative_to(JINJA_DIR)))
def test_make_messages_finds_every_text_of_a_jinja2_template(path):
    """Django's ``makemessages`` reads the Jinja2 templates as Django templates; it finds
    ``{{ _("…") }}`` but not, say, ``_("…", name=x)``, which would then be dropped
    from the catalogues at the next ``make messages``."""
    found = templatize(path.read_text(), origin=str(path))
    for text in jinja_texts(path):
        literal = re.escape(text)
        assert re.search(rf"""_\((?:"{literal}"|'{literal}')\)""", found), text


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_catalogues_translate_every_text_of_the_jinja2_templates(language):
    catalogue = polib.pofile(
        str(Path(settings.BASE_DIR) / f"locale/{language}/LC_MESSAGES/django.po")
    )
    entries = {entry.msgid: entry for entry in catalogue if not entry.obsolete}
    for path in jinja_templates():
        for text in jinja_texts(path):
            assert text in entries, (language, text)
            assert entries[text].msgstr, (language, text)
            assert "fuzzy" not in entries[text].flags, (language, text)


def test_the_remembered_addresses_follow_the_language_and_the_script_prefix():
    from django.urls import set_script_prefix

    from portal.jinja2 import url

    with translation.override("sv"):
        assert url("guides:topic", "housing") == "/sv/guides/housing/"
    with translation.override("ar"):
        assert url("guides:topic", "housing") == "/ar/guides/housing/"
        assert url("guides:guides") == "/ar/guides/"
        set_script_prefix("/portal/")
        try:
            assert url("guides:guides") == "/portal/ar/guides/"
        finally:
            set_script_prefix("/")
        assert url("guides:guides") == "/ar/guides/"


def test_an_undefined_variable_fails_under_tests():
    template = engines["jinja2"].from_string("<p>{{ guide.titel }}</p>")
    with pytest.raises(UndefinedError):
        template.render({"guide": object()})


def test_an_undefined_variable_renders_as_nothing_in_production(settings):
    from portal.jinja2 import environment

    settings.DEBUG = False
    settings.DJANGO_ENV = "production"
    env = environment()
    assert env.from_string("<p>{{ missing }}</p>").render() == "<p></p>"
    settings.DEBUG = True
    settings.DJANGO_ENV = "production"
    with pytest.raises(UndefinedError, match="'missing' is undefined"):
        environment().from_string("{{ missing }}").render()
