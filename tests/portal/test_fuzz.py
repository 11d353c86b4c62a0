"""A fuzz run: hostile values into every public form and every admin change list.

On the demo data (``seed_demo``), the test signs in as each kind of account, walks
the public site from the home page (following its own links), and posts a table of
hostile values into every form it finds, in every field at once; it also sends the
same values as query parameters. In the admin, as a superuser and as scoped staff,
it requests every change list with every list filter's parameter (and the search,
ordering and paging parameters) set to hostile values, and every autocomplete and
"view on site" URL. No response may be a server error. The request count is printed
(run with ``-s``) and bounded from below so the run cannot silently shrink.

Runs on both tiers: on PostgreSQL it also proves that no value reaches the database
in a form the database refuses (a NUL byte, a non-number for a number column).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from portal.models import StaffMembership, User

pytestmark = pytest.mark.django_db

#: What a curious or careless client sends: NUL bytes, non-numbers for ids, numbers
#: too big for any column, very long text, markup, paths and schemes, odd Unicode.
HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "-1",
    "abc",
    "99999999999999999999999",
    "1.5e308",
    "' OR '1'='1' --",
    '<script>alert("x")</script>',
    "../../../etc/passwd",
    "%",
    "%00",
    "//evil.example.org/",
    "javascript:alert(1)",
    "\u202egnp.exe",
    "🙂" * 40,
    "ä" * 400,
    "x" * 6000,
    ("a" * 300) + "@example.org",
    "null",
    "[]",
    "true",
    "\r\nSet-Cookie: x=1",
]
#: The shorter list for per-parameter requests (each parameter on its own).
HOSTILE_PER_PARAMETER = ["abc", "99999999999999999999999", "x" * 300]
#: The values sent in every admin parameter at once.
HOSTILE_ADMIN = [
    "\x00",
    "abc",
    "-1",
    "0",
    "99999999999999999999999",
    "1.5e308",
    "' OR '1'='1' --",
    "%",
    "🙂" * 40,
    "x" * 6000,
    "[]",
    "\r\nSet-Cookie: x=1",
]
#: Forms the run leaves alone: they end the session it is exploring with.
SKIPPED_ACTIONS = ("/accounts/logout/", "/delete-account/")
MAX_PAGES_PER_ACCOUNT = 80
GENERIC_ADMIN_PARAMETERS = ["q", "o", "p", "e", "all", "_to_field", "_popup"]


@dataclass
class Form:
    action: str
    method: str
    fields: list[str] = field(default_factory=list)


class _Links(HTMLParser):
    """Links and forms of a page (enough HTML to find what a user can submit)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self.forms.append(
                Form(
                    attributes.get("action") or "",
                    (attributes.get("method") or "get").lower(),
                )
            )
        elif tag in ("input", "select", "textarea", "button") and self.forms:
            name = attributes.get("name")
            if name and name != "csrfmiddlewaretoken" and name not in self.forms[-1].fields:
                self.forms[-1].fields.append(name)


@dataclass
class Tally:
    requests: int = 0
    server_errors: list[str] = field(default_factory=list)

    def check(self, label: str, response) -> None:
        self.requests += 1
        if response.status_code >= 500:
            self.server_errors.append(f"{label} -> {response.status_code}")


def _is_page(url: str) -> bool:
    path = urlsplit(url).path
    return (
        url.startswith("/")
        and not url.startswith("//")
        and not path.startswith(("/admin/", "/static/", "/media/"))
        and not path.endswith((".ics", ".json", ".xml", ".txt"))
        and not any(skipped in path for skipped in SKIPPED_ACTIONS)
    )


def _walk(client: Client, start: str, tally: Tally) -> Iterator[tuple[str, _Links]]:
    """The site's pages reachable from ``start`` by links, parsed (breadth first)."""
    queue, seen = [start], {start}
    while queue and len(seen) <= MAX_PAGES_PER_ACCOUNT:
        url = queue.pop(0)
        response = client.get(url)
        tally.check(f"GET {url}", response)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parsed = _Links()
        parsed.feed(response.content.decode())
        yield url, parsed
        for href in parsed.links:
            parts = urlsplit(urljoin(url, href))
            if parts.netloc not in ("", "testserver"):
                continue  # another site
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if _is_page(target) and target not in seen:
                seen.add(target)
                queue.append(target)


def fuzz_public_site(client: Client, tally: Tally) -> int:
    """Post every hostile value into every form of every page; returns the form count."""
    forms_done: set[tuple[str, str, tuple[str, ...]]] = set()
    patterns_done: set[str] = set()
    for url, page in list(_walk(client, "/sv/", tally)):
        # Query parameters on each kind of page (once per path shape).
        shape = re.sub(r"/[^/]+/$", "/*/", urlsplit(url).path)
        if shape not in patterns_done:
            patterns_done.add(shape)
            for value in HOSTILE_PER_PARAMETER:
                query = urlencode({"next": value, "page": value, "q": value, "t": value})
                tally.check(f"GET {url}?{query[:60]}", client.get(f"{urlsplit(url).path}?{query}"))
        for form in page.forms:
            action = urljoin(url, form.action or url)
            if not _is_page(action):
                continue
            key = (action, form.method, tuple(form.fields))
            if key in forms_done:
                continue
            forms_done.add(key)
            for value in HOSTILE:
                data = dict.fromkeys(form.fields, value)
                if form.method == "post":
                    response = client.post(action, data)
                else:
                    response = client.get(action, data)
                tally.check(f"{form.method.upper()} {action} {value[:20]!r}", response)
            if form.method == "post":
                # The test client encodes the body in the declared charset.
                body = urlencode(dict.fromkeys(form.fields, "ä"))
                response = client.post(
                    action,
                    body,
                    content_type="application/x-www-form-urlencoded; charset=utf-16",
                )
                tally.check(f"POST {action} (utf-16)", response)
    return len(forms_done)


def _filter_parameters(changelist_html: str) -> set[str]:
    names: set[str] = set()
    for href in re.findall(r'href="\?([^"]*)"', changelist_html):
        names.update(parse_qs(href.replace("&amp;", "&"), keep_blank_values=True))
    return names


def fuzz_admin(client: Client, user: User, tally: Tally) -> int:  # noqa: C901 - one crawl of every admin URL kind
    """Every change list with hostile parameters, autocompletes, "view on site"."""
    changelists = 0
    request = client.get(reverse("admin:index")).wsgi_request
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = client.get(changelist)
        tally.check(f"GET {changelist}", response)
        if response.status_code != 200:
            continue
        changelists += 1
        names = _filter_parameters(response.content.decode()) | set(GENERIC_ADMIN_PARAMETERS)
        names |= {f"{name}__exact" for name in ("status", "language", "pk", "id")}
        for value in HOSTILE_ADMIN:
            query = urlencode(dict.fromkeys(sorted(names), value))
            tally.check(f"GET {changelist} all={value[:20]!r}", client.get(f"{changelist}?{query}"))
        # Each parameter on its own (once: scoped staff get the same change lists).
        for name in sorted(names) if user.is_superuser else ():
            for value in HOSTILE_PER_PARAMETER:
                query = urlencode({name: value})
                tally.check(f"GET {changelist}?{query[:60]}", client.get(f"{changelist}?{query}"))
        # Autocomplete for every relation of the model, whether its admin offers it or not.
        relations = [f.name for f in opts.get_fields() if f.is_relation]
        offered = set(model_admin.get_autocomplete_fields(request))
        for field_name in relations:
            terms = ("", "\x00", "a" * 300, "🙂") if field_name in offered else ("a",)
            for term in terms:
                query = urlencode(
                    {
                        "app_label": opts.app_label,
                        "model_name": opts.model_name,
                        "field_name": field_name,
                        "term": term,
                    }
                )
                response = client.get(f"{reverse('admin:autocomplete')}?{query}")
                tally.check(f"GET autocomplete {opts.label}.{field_name}", response)
                if field_name not in offered:
                    assert response.status_code in (400, 403), (opts.label, field_name)
    for content_type, object_id in [("abc", "1"), ("1", "abc"), ("99999999", "1"), ("1", "-1")]:
        url = f"/admin/r/{content_type}/{object_id}/"
        tally.check(f"GET {url}", client.get(url))
    return changelists


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


def _client(user: User | None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def test_no_public_form_answers_a_server_error_to_hostile_input(demo, capsys):
    tally = Tally()
    accounts = [
        None,
        User.objects.get(email="newcomer.are@example.org"),
        User.objects.get(email="ambassador.are@example.org"),
    ]
    forms = sum(fuzz_public_site(_client(user), tally) for user in accounts)
    with capsys.disabled():
        print(f"\nfuzz, public site: {tally.requests} requests, {forms} forms")
    assert tally.server_errors == []
    # Not vacuous: the enquiry, buddy, feedback and sign-in forms were all found.
    assert forms >= 10
    assert tally.requests >= 300


def test_no_admin_change_list_answers_a_server_error_to_hostile_parameters(demo, capsys):
    tally = Tally()
    superuser = User.objects.filter(is_superuser=True).first()
    scoped = (
        StaffMembership.objects.filter(
            role=StaffMembership.Role.COORDINATOR, user__is_superuser=False
        )
        .select_related("user")
        .first()
        .user
    )
    changelists = sum(fuzz_admin(_client(user), user, tally) for user in (superuser, scoped))
    with capsys.disabled():
        print(f"\nfuzz, admin: {tally.requests} requests, {changelists} change lists")
    assert "\n".join(tally.server_errors) == ""
    assert changelists >= 20
    assert tally.requests >= 800
