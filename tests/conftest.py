"""Named personas shared by every test tier.

Each persona is a role, never an invented person: a newcomer in Åre, staff of
Östersunds kommun, staff of the region, an ambassador, an employer.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
import time_machine
from django.core.cache import cache
from django.test import override_settings

from enquiries.services.routing import routing_memory_clear
from portal.models import Organisation, StaffMembership
from tests.portal.factories import (
    MunicipalityFactory,
    NewcomerProfileFactory,
    OrganisationFactory,
    StaffMembershipFactory,
    StaffUserFactory,
    UserFactory,
)


def registered_model_admins(site=None):
    """(model, its ModelAdmin) for every model registered with the admin site, found
    through the site's public ``get_model_admin`` (the site keeps its registry private)."""
    from django.apps import apps
    from django.contrib import admin
    from django.contrib.admin.exceptions import NotRegistered

    site = site or admin.site
    found = []
    for model in apps.get_models():
        try:
            found.append((model, site.get_model_admin(model)))
        except NotRegistered:
            continue
    return found


def pytest_configure(config):
    """``TEST_CLOCK_OFFSET_DAYS=N`` runs the whole session with the clock N days ahead.

    CI runs the fast tier a second time with the clock 400 days ahead, so a test
    that depends on the day it runs fails there. The clock keeps ticking, and a
    test's own ``time_machine.travel`` nests inside this one as usual.
    """
    days = os.environ.get("TEST_CLOCK_OFFSET_DAYS", "").strip()
    if not days:
        return
    ahead = dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=int(days))
    traveller = time_machine.travel(ahead, tick=True)
    traveller.start()
    config.add_cleanup(traveller.stop)


def pytest_report_header(config):
    days = os.environ.get("TEST_CLOCK_OFFSET_DAYS", "").strip()
    if days:
        today = dt.datetime.now(tz=dt.UTC).date().isoformat()
        return f"clock: {days} days ahead (today is {today} for this run)"
    return None


@pytest.fixture(scope="session", autouse=True)
def _static_files_from_the_apps():
    """WhiteNoise serves static files from the apps, looked up per request.

    Without this every new test client scans STATIC_ROOT at start-up (0.15 s each
    once ``collectstatic`` has run), and tests would see stale collected files.
    """
    with override_settings(WHITENOISE_AUTOREFRESH=True, WHITENOISE_USE_FINDERS=True):
        yield


@pytest.fixture(autouse=True)
def _tasks_run_in_process(request):
    """Outside tests/services/, Celery tasks run in-process (eager) on both tiers.

    The real-services tier runs the whole suite on PostgreSQL and Redis; only the
    tests in tests/services/ hand tasks to live worker processes over the broker.
    """
    if request.node.get_closest_marker("services"):
        yield
        return
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache; no test sees another's. Nor the ids
    routing remembers: rolled-back test databases give the same ids again."""
    cache.clear()
    routing_memory_clear()
    yield
    cache.clear()
    routing_memory_clear()


@pytest.fixture
def are(db):
    return MunicipalityFactory(name="Åre", slug="are", code="2321")


@pytest.fixture
def ostersund(db):
    return MunicipalityFactory(name="Östersund", slug="ostersund", code="2380")


@pytest.fixture
def ostersunds_kommun(ostersund):
    org = OrganisationFactory(
        name="Östersunds kommun",
        slug="ostersunds-kommun",
        kind=Organisation.Kind.MUNICIPALITY,
        contact_email="international@ostersund.example.org",
    )
    org.municipalities.add(ostersund)
    return org


@pytest.fixture
def are_kommun(are):
    org = OrganisationFactory(
        name="Åre kommun",
        slug="are-kommun",
        kind=Organisation.Kind.MUNICIPALITY,
        contact_email="international@are.example.org",
        languages=["sv", "en", "ar"],
    )
    org.municipalities.add(are)
    return org


@pytest.fixture
def region(db, are, ostersund):
    org = OrganisationFactory(
        name="Region Jämtland Härjedalen",
        slug="region-jh",
        kind=Organisation.Kind.REGION,
        contact_email="countydesk@region.example.org",
        is_county_desk=True,
    )
    org.municipalities.add(are, ostersund)
    return org


@pytest.fixture
def staff_of_ostersund(ostersunds_kommun):
    """A coordinator of Östersunds kommun, with TOTP set up."""
    membership = StaffMembershipFactory(
        user=StaffUserFactory(email="coordinator@ostersund.example.org"),
        organisation=ostersunds_kommun,
        role=StaffMembership.Role.COORDINATOR,
    )
    return membership.user


@pytest.fixture
def handler_of_ostersund(ostersunds_kommun):
    """A handler of Östersunds kommun (no right to change the organisation), with TOTP."""
    membership = StaffMembershipFactory(
        user=StaffUserFactory(email="handler@ostersund.example.org"),
        organisation=ostersunds_kommun,
        role=StaffMembership.Role.HANDLER,
    )
    return membership.user


@pytest.fixture
def staff_of_are(are_kommun):
    membership = StaffMembershipFactory(
        user=StaffUserFactory(email="handler@are.example.org"),
        organisation=are_kommun,
        role=StaffMembership.Role.HANDLER,
        languages=["sv", "en", "ar"],
    )
    return membership.user


@pytest.fixture
def staff_of_region(region):
    membership = StaffMembershipFactory(
        user=StaffUserFactory(email="coordinator@region.example.org"),
        organisation=region,
        role=StaffMembership.Role.COORDINATOR,
    )
    return membership.user


@pytest.fixture
def newcomer_in_are(are):
    profile = NewcomerProfileFactory(
        user=UserFactory(email="newcomer.are@example.org"),
        municipality=are,
        preferred_language="en",
    )
    return profile.user


@pytest.fixture
def superuser(db):
    return StaffUserFactory(email="admin@example.org", is_superuser=True)


# --- reading HTML in tests ----------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    ancestors: tuple[Element, ...]
    text: str = ""

    def has_class(self, name: str) -> bool:
        return name in (self.attrs.get("class") or "").split()

    def inside(self, tag: str, *, css_class: str | None = None) -> bool:
        return any(
            parent.tag == tag and (css_class is None or parent.has_class(css_class))
            for parent in self.ancestors
        )


class Page(HTMLParser):
    """A parsed HTML response: every element with its attributes, text and ancestors."""

    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), tuple(self._open))
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.text += data

    def find_all(self, tag: str, **attrs: str) -> list[Element]:
        return [
            element
            for element in self.elements
            if element.tag == tag
            and all(element.attrs.get(name) == value for name, value in attrs.items())
        ]

    def find(self, tag: str, **attrs: str) -> Element:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag} {attrs}> in the page"
        return found[0]


@pytest.fixture
def parse_html():
    """Parse a response (or a string) into a ``Page``."""

    def parse(response_or_html) -> Page:
        html = getattr(response_or_html, "content", response_or_html)
        if isinstance(html, bytes):
            html = html.decode()
        return Page(html)

    return parse
