"""Guides in the staff admin: scoped editing, preview, translation overview, review list."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
import time_machine
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from guides.models import (
    Guide,
    GuideFeedback,
    GuideReviewReminder,
    GuideTranslation,
    Topic,
    TranslationStatus,
)
from guides.services import guide_review_reminders_send
from portal.models import Organisation, StaffMembership
from tests.guides.factories import (
    AuthorityLinkFactory,
    GuideFactory,
    GuideFeedbackFactory,
)
from tests.portal.factories import OrganisationFactory, StaffMembershipFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

SENTINEL = "GSENTINEL-91c4"
OWN_MARKER = "GOWNMARK-5d2e"
LANGS = [code for code, _name in settings.LANGUAGES]


class FormValues(HTMLParser):
    """The values a browser would submit from the admin's change form."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._textarea = None
        self._select = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if name and "__prefix__" in name:
            return
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            checkable = a.get("type") in ("checkbox", "radio")
            if checkable and "checked" not in a:
                return
            self.data.setdefault(name, []).append(a.get("value", "on" if checkable else ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def form_values(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = FormValues()
    parser.feed(response.content.decode())
    data = {k: v if len(v) != 1 else v[0] for k, v in parser.data.items()}
    for key, value in list(data.items()):
        if isinstance(value, str) and key.startswith("body_"):
            data[key] = value.lstrip("\n")
    return data


# --- a crawler over the guide admins ------------------------------------------------------

GUIDE_ADMIN_MODELS = [Guide, GuideFeedback, Topic]
QUERY_LINK = re.compile(r'href="(\?[^"]*)"')


@dataclass
class Fetched:
    method: str
    url: str
    status: int
    body: str
    location: str


def _fetched(method, url, response) -> Fetched:
    return Fetched(
        method, url, response.status_code, response.content.decode(), response.get("Location", "")
    )


def crawl(client, user) -> list[Fetched]:
    """Every page of the guide admins a user can reach, with every filter choice and
    sorting link of the change lists, every object page, autocomplete and action."""
    request = RequestFactory().get("/admin/")
    request.user = user
    urls = [
        reverse("admin:index"),
        reverse("admin:app_list", args=["relocation"]),
        reverse("admin:relocation_guide_translations"),
        reverse("admin:relocation_guide_review_due"),
    ]
    for model in GUIDE_ADMIN_MODELS:
        label, name = model._meta.app_label, model._meta.model_name
        changelist = reverse(f"admin:{label}_{name}_changelist")
        urls += [
            changelist,
            f"{changelist}?q=91c4",
            f"{changelist}?q=example",
            reverse(f"admin:{label}_{name}_add"),
        ]
        for obj in model._default_manager.all():
            urls += [
                reverse(f"admin:{label}_{name}_{view}", args=[obj.pk])
                for view in ("change", "history", "delete")
            ]
            if model is Guide:
                urls.append(reverse("admin:relocation_guide_preview", args=[obj.pk]))
        model_admin = admin.site.get_model_admin(model)
        for field_name in model_admin.get_autocomplete_fields(request):
            query = urlencode(
                {"app_label": label, "model_name": name, "field_name": field_name, "term": "91c4"}
            )
            urls.append(f"{reverse('admin:autocomplete')}?{query}")
    fetched: list[Fetched] = []
    seen: set[str] = set()
    queue = list(urls)
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        result = _fetched("GET", url, client.get(url))
        fetched.append(result)
        if result.status == 200 and "?" not in url and 'id="changelist"' in result.body:
            base = url.split("?")[0]
            queue += [base + unescape(q) for q in QUERY_LINK.findall(result.body)]
    for model in GUIDE_ADMIN_MODELS:
        label, name = model._meta.app_label, model._meta.model_name
        changelist = reverse(f"admin:{label}_{name}_changelist")
        pks = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)]
        for action in admin.site.get_model_admin(model).get_actions(request):
            response = client.post(changelist, {"action": action, "_selected_action": pks})
            fetched.append(_fetched("POST", f"{changelist} {action}", response))
    return fetched


def leaks(fetched: list[Fetched], secret: str) -> list[str]:
    secret = secret.lower()
    return [
        f"{f.method} {f.url} -> {f.status}"
        for f in fetched
        if secret in f.body.lower() or secret in f.location.lower()
    ]


@pytest.fixture
def ostersund_editor(ostersunds_kommun):
    return StaffMembershipFactory(
        user=StaffUserFactory(email="editor@ostersund.example.org"),
        organisation=ostersunds_kommun,
        role=StaffMembership.Role.EDITOR,
    ).user


@pytest.fixture
def ostersund_handler(ostersunds_kommun):
    return StaffMembershipFactory(
        user=StaffUserFactory(email="handler@ostersund.example.org"),
        organisation=ostersunds_kommun,
        role=StaffMembership.Role.HANDLER,
    ).user


@pytest.fixture
def own_guide(topic, ostersunds_kommun, ostersund):
    guide = GuideFactory(
        topic=topic,
        organisation=ostersunds_kommun,
        municipality=ostersund,
        title_sv=f"{OWN_MARKER} Bostad i Östersund",
        title_en=f"{OWN_MARKER} Housing",
    )
    for code in ("de", "es", "pl", "uk", "ar", "fa"):
        setattr(guide, f"title_{code}", f"Title {code}")
        setattr(guide, f"body_{code}", f"Body {code}")
    guide.save()
    from guides.services import guide_translations_sync

    guide_translations_sync(guide=guide, changed_languages=LANGS)
    GuideFeedbackFactory(guide=guide, helpful=True, comment=f"{OWN_MARKER} thanks")
    return guide


@pytest.fixture
def other_guide(topic, db):
    """Another organisation's guide with the sentinel in every text it has."""
    org = OrganisationFactory(
        name=f"{SENTINEL} Org",
        slug="gsentinel-org",
        kind=Organisation.Kind.NGO,
        contact_email="gsentinel@example.org",
    )
    staff = StaffMembershipFactory(
        user=StaffUserFactory(email="gsentinel.staff@example.org"),
        organisation=org,
        role=StaffMembership.Role.EDITOR,
    ).user
    guide = GuideFactory(
        topic=topic,
        organisation=org,
        subject="gsentinel-91c4",
        slug="gsentinel-91c4",
        title_sv=f"{SENTINEL} titel",
        title_en=f"{SENTINEL} title",
        summary_sv=SENTINEL,
        summary_en=SENTINEL,
        body_sv=f"## {SENTINEL}\n\n{SENTINEL}",
        body_en=f"## {SENTINEL}\n\n{SENTINEL}",
        published=False,
        last_reviewed=datetime.date(2020, 1, 1),
    )
    AuthorityLinkFactory(
        guide=guide,
        label_sv=SENTINEL,
        label_en=SENTINEL,
        url=f"https://{SENTINEL.lower()}.example.org/",
    )
    GuideFeedbackFactory(guide=guide, helpful=False, comment=f"{SENTINEL} comment")
    LogEntry.objects.log_actions(
        user_id=staff.pk,
        queryset=[guide],
        action_flag=CHANGE,
        change_message=f"{SENTINEL} edit",
        single_object=True,
    )
    return guide


# --- organisation isolation ---------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "editor", "handler"])
def test_no_guide_admin_page_shows_another_organisations_guide_to_ostersund_staff(
    client, role, ostersunds_kommun, own_guide, other_guide
):
    user = StaffMembershipFactory(
        user=StaffUserFactory(email=f"{role}.crawl@ostersund.example.org"),
        organisation=ostersunds_kommun,
        role=role,
    ).user
    client.force_login(user)
    fetched = crawl(client, user)
    extra = [
        reverse("admin:relocation_guide_translations"),
        reverse("admin:relocation_guide_review_due"),
        reverse("admin:relocation_guide_preview", args=[own_guide.pk]),
        reverse("admin:relocation_guide_preview", args=[other_guide.pk]),
        reverse("admin:relocation_guide_preview", args=[other_guide.pk]) + "?language=en",
        reverse("admin:relocation_guide_changelist") + "?translation=de:up_to_date",
        reverse("admin:relocation_guide_changelist") + "?review=due",
        reverse("admin:relocation_guide_changelist") + "?q=gsentinel",
        reverse("admin:relocation_guidefeedback_changelist") + "?q=comment",
    ]
    for url in extra:
        fetched.append(_fetched("GET", url, client.get(url)))
    assert leaks(fetched, SENTINEL) == []
    assert leaks(fetched, OWN_MARKER)  # not vacuous: the own guide and feedback are visible


def test_another_organisations_guide_pages_are_refused(client, staff_of_ostersund, other_guide):
    client.force_login(staff_of_ostersund)
    for view in ("change", "history", "delete", "preview"):
        response = client.get(reverse(f"admin:relocation_guide_{view}", args=[other_guide.pk]))
        assert response.status_code in (302, 404), view
        if response.status_code == 302:
            assert response["Location"] == reverse("admin:index")


def test_the_other_organisations_guide_is_not_changed_by_a_post(
    client, staff_of_ostersund, other_guide
):
    client.force_login(staff_of_ostersund)
    client.post(
        reverse("admin:relocation_guide_change", args=[other_guide.pk]), {"title_sv": "Hijacked"}
    )
    other_guide.refresh_from_db()
    assert other_guide.title_sv.startswith(SENTINEL)


# --- editing --------------------------------------------------------------------------------


def test_an_editor_adds_a_guide_owned_by_their_organisation(
    client, ostersund_editor, topic, ostersunds_kommun
):
    client.force_login(ostersund_editor)
    url = reverse("admin:relocation_guide_add")
    data = form_values(client, url)
    data.update(
        {
            "title_sv": "Parkering i Östersund",
            "body_sv": "## Regler\n\nText.",
            "subject": "parking",
            "slug": "parking-ostersund",
            "topic": str(topic.pk),
            "stage": "first_months",
            "audience": "newcomer",
            "applies_to": ["families"],
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    guide = Guide.objects.get(slug="parking-ostersund")
    assert guide.organisation == ostersunds_kommun
    assert guide.applies_to == ["families"]
    assert GuideTranslation.objects.get(guide=guide, language="sv").status == "up_to_date"


def test_a_handler_may_read_but_not_change_guides(client, ostersund_handler, own_guide):
    client.force_login(ostersund_handler)
    assert client.get(reverse("admin:relocation_guide_changelist")).status_code == 200
    assert client.get(reverse("admin:relocation_guide_add")).status_code == 403
    response = client.post(
        reverse("admin:relocation_guide_change", args=[own_guide.pk]), {"title_sv": "x"}
    )
    assert response.status_code == 403


def test_a_major_edit_in_the_admin_marks_the_seven_other_languages_outdated(
    client, ostersund_editor, own_guide
):
    client.force_login(ostersund_editor)
    url = reverse("admin:relocation_guide_change", args=[own_guide.pk])
    data = form_values(client, url)
    data["body_sv"] = "## Nytt\n\nHelt ny text."
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    statuses = dict(own_guide.translations.values_list("language", "status"))
    assert [statuses[c] for c in LANGS if c != "sv"] == [TranslationStatus.OUTDATED] * 7


def test_a_minor_edit_in_the_admin_keeps_the_translations(client, ostersund_editor, own_guide):
    client.force_login(ostersund_editor)
    url = reverse("admin:relocation_guide_change", args=[own_guide.pk])
    data = form_values(client, url)
    data["body_sv"] = data["body_sv"] + " Stavfel rättat."
    data["minor_edit"] = "on"
    assert client.post(url, data).status_code == 302
    assert set(own_guide.translations.values_list("status", flat=True)) == {"up_to_date"}


def test_the_admin_can_mark_languages_as_machine_translated(client, ostersund_editor, own_guide):
    client.force_login(ostersund_editor)
    url = reverse("admin:relocation_guide_change", args=[own_guide.pk])
    data = form_values(client, url)
    data["body_uk"] = "Машинний переклад."
    data["machine_translated"] = ["uk"]
    assert client.post(url, data).status_code == 302
    assert own_guide.translations.get(language="uk").status == TranslationStatus.MACHINE


def test_the_changelist_filters_by_translation_status_and_language(
    client, ostersund_editor, own_guide, topic, ostersunds_kommun
):
    GuideFactory(topic=topic, organisation=ostersunds_kommun, title_sv="Bara två språk")
    client.force_login(ostersund_editor)
    html = client.get(
        reverse("admin:relocation_guide_changelist") + "?translation=uk:missing"
    ).content.decode()
    assert "Bara två språk" in html
    assert OWN_MARKER not in html


def test_the_changelist_shows_the_feedback_per_guide(client, ostersund_editor, own_guide):
    GuideFeedbackFactory(guide=own_guide, helpful=False)
    client.force_login(ostersund_editor)
    html = client.get(reverse("admin:relocation_guide_changelist")).content.decode()
    assert "1 / 1" in html


# --- preview, overview, review ------------------------------------------------------------------


def test_an_editor_previews_an_unpublished_guide(client, ostersund_editor, own_guide):
    Guide.objects.filter(pk=own_guide.pk).update(published=False)
    client.force_login(ostersund_editor)
    response = client.get(
        reverse("admin:relocation_guide_preview", args=[own_guide.pk]) + "?language=en"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{OWN_MARKER} Housing" in html
    assert "this guide is not published" in html
    assert client.get(own_guide.get_absolute_url()).status_code == 404


def test_the_translation_overview_counts_the_organisations_guides_by_status(
    client, ostersund_editor, own_guide, other_guide
):
    client.force_login(ostersund_editor)
    response = client.get(reverse("admin:relocation_guide_translations"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "?translation=de:up_to_date" in html
    assert SENTINEL not in html


def test_the_review_list_shows_own_guides_not_reviewed_for_12_months(
    client, ostersund_editor, own_guide, other_guide
):
    Guide.objects.filter(pk=own_guide.pk).update(last_reviewed=datetime.date(2024, 1, 1))
    client.force_login(ostersund_editor)
    html = client.get(reverse("admin:relocation_guide_review_due")).content.decode()
    assert OWN_MARKER in html
    assert SENTINEL not in html


def test_mark_as_reviewed_sets_todays_date(client, ostersund_editor, own_guide):
    client.force_login(ostersund_editor)
    client.post(
        reverse("admin:relocation_guide_changelist"),
        {"action": "mark_reviewed", "_selected_action": [own_guide.pk]},
    )
    own_guide.refresh_from_db()
    assert own_guide.last_reviewed == timezone.localdate()


@time_machine.travel(datetime.datetime(2026, 12, 1, 7, 0, tzinfo=datetime.UTC))
def test_the_monthly_reminder_e_mails_the_owners_editors_once_a_month(
    ostersund_editor, staff_of_ostersund, own_guide, ostersund_handler
):
    Guide.objects.filter(pk=own_guide.pk).update(last_reviewed=datetime.date(2025, 1, 1))
    assert guide_review_reminders_send() == 1
    assert GuideReviewReminder.objects.get().guide_count == 1
    assert guide_review_reminders_send() == 0


def test_the_reminder_task_is_scheduled_monthly():
    entry = settings.CELERY_BEAT_SCHEDULE["guides-review-reminders"]
    assert entry["task"] == "guides.tasks.send_guide_review_reminders"
    assert entry["schedule"].day_of_month == {1}


def test_the_search_vocabulary_is_rebuilt_nightly():
    entry = settings.CELERY_BEAT_SCHEDULE["guides-rebuild-search-words"]
    assert entry["task"] == "guides.tasks.rebuild_search_words"
    assert entry["schedule"].hour == {3}


def test_the_vocabulary_rebuild_task_runs_on_either_database(own_guide):

    from guides.models import SearchWord
    from guides.tasks import rebuild_search_words

    SearchWord.objects.create(language="en", word="leftover")
    rebuild_search_words.delay()
    words = set(SearchWord.objects.values_list("word", flat=True))
    # Both databases correct misspelt searches against the vocabulary (SQLite with
    # RapidFuzz): the rebuild drops words no published text holds.
    assert "leftover" not in words
    assert words  # the words of the published guide


def test_the_reminder_task_sends_the_mail_to_editors_and_coordinators(
    django_capture_on_commit_callbacks,
    ostersund_editor,
    staff_of_ostersund,
    own_guide,
    ostersund_handler,
):
    from guides.tasks import send_guide_review_reminders

    Guide.objects.filter(pk=own_guide.pk).update(last_reviewed=None)
    with django_capture_on_commit_callbacks(execute=True):
        send_guide_review_reminders.delay()
    # One e-mail per person, so no one sees the others' addresses.
    assert sorted(m.to for m in mail.outbox) == sorted(
        [[ostersund_editor.email], [staff_of_ostersund.email]]
    )
    assert all(OWN_MARKER in m.body for m in mail.outbox)
