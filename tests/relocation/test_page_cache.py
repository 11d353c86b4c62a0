"""Guide pages and search from the shared page cache (portal/page_cache.py)."""

from __future__ import annotations

import datetime
import re
import zlib

import pytest
import time_machine
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path

from portal import page_cache
from portal.page_cache import cache_page_for_anonymous
from relocation.models import GuideFeedback, GuideTranslation, TranslationStatus
from tests.relocation.factories_guides import GuideFactory

pytestmark = pytest.mark.django_db

GUIDE = "/en/guides/housing/finding-housing/"
FEEDBACK = "/en/guides/housing/finding-housing/feedback/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _cache_not_paused():
    """A cache error pauses the cache for a few seconds; no test sees another's pause."""
    page_cache._paused_until = 0.0
    page_cache._invalidation_pending = False
    yield
    page_cache._paused_until = 0.0
    page_cache._invalidation_pending = False


@pytest.fixture
def county_guide(topic, region):
    return GuideFactory(
        subject="housing",
        slug="finding-housing",
        topic=topic,
        organisation=region,
        title_sv="Hitta bostad i länet",
        title_en="Finding housing in the county",
    )


@pytest.fixture
def stored_pages(monkeypatch):
    """The HTML of every page the cache stores (whatever the cache backend)."""
    pages: list[str] = []
    real_set = page_cache.cache.set

    def spy(key, value, *args, **kwargs):
        if key.startswith(page_cache.KEY_PREFIX):
            pages.append(zlib.decompress(value[1]).decode())
        return real_set(key, value, *args, **kwargs)

    monkeypatch.setattr(page_cache.cache, "set", spy)
    return pages


def get(client: Client, url: str, **extra) -> tuple[str, str]:
    """(X-Page-Cache header, page) of a successful GET."""
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response.get(page_cache.HEADER, ""), response.content.decode()


def choose(client: Client, municipality: str) -> None:
    client.post("/en/guides/municipality/", {"municipality": municipality, "next": "/en/"})
    client.get("/en/")  # shows (and so clears) the "Showing guides for …" message


# --- hits ---------------------------------------------------------------------------------------


def test_the_second_anonymous_request_for_a_guide_is_served_from_the_cache(county_guide):
    assert get(Client(), GUIDE)[0] == "miss"
    header, html = get(Client(), GUIDE)
    assert header == "hit"
    assert "Finding housing in the county" in html


def test_a_hit_without_a_session_cookie_issues_no_database_query(county_guide):
    get(Client(), GUIDE)
    with CaptureQueriesContext(connection) as queries:
        header, _html = get(Client(), GUIDE)
    assert header == "hit"
    assert len(queries) == 0


def test_a_hit_says_that_the_page_varies_with_the_cookies(county_guide):
    get(Client(), GUIDE)
    response = Client().get(GUIDE)
    assert response[page_cache.HEADER] == "hit"
    assert "Cookie" in response["Vary"]
    assert response["Content-Language"] == "en"
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_search_results_are_served_from_the_cache(county_guide):
    assert get(Client(), "/en/search/?q=housing")[0] == "miss"
    header, html = get(Client(), "/en/search/?q=housing")
    assert header == "hit"
    assert "Finding housing in the county" in html


def test_each_query_string_is_a_page_of_its_own(county_guide):
    get(Client(), "/en/search/?q=housing")
    header, html = get(Client(), "/en/search/?q=nothing-like-it")
    assert header == "miss"
    assert "Finding housing in the county" not in html


def test_each_language_is_a_page_of_its_own(county_guide):
    get(Client(), GUIDE)
    header, html = get(Client(), "/sv/guides/housing/finding-housing/")
    assert header == "miss"
    assert "Hitta bostad i länet" in html


def test_a_page_that_is_not_found_is_not_stored(topic, stored_pages):
    assert Client().get("/en/guides/housing/nowhere/").status_code == 404
    assert Client().get("/en/guides/housing/nowhere/").status_code == 404
    assert stored_pages == []


def test_a_page_stored_yesterday_is_not_served_today(county_guide):
    # Three minutes apart (well within PAGE_CACHE_SECONDS), either side of midnight in
    # Stockholm (CET, UTC+1), where the pages' dates are; still one day in UTC.
    with time_machine.travel(datetime.datetime(2026, 11, 2, 22, 58, tzinfo=datetime.UTC)):
        get(Client(), GUIDE)
        assert get(Client(), GUIDE)[0] == "hit"
    with time_machine.travel(datetime.datetime(2026, 11, 2, 23, 1, tzinfo=datetime.UTC)):
        assert get(Client(), GUIDE)[0] == "miss"


# --- per-request values: CSRF and CSP nonce -----------------------------------------------------


def test_the_csrf_token_of_a_hit_is_valid_for_the_reader(county_guide):
    get(Client(), GUIDE)
    reader = Client(enforce_csrf_checks=True)
    header, html = get(reader, GUIDE)
    assert header == "hit"
    token = TOKEN.findall(html)[-1]  # the feedback form
    response = reader.post(FEEDBACK, {"helpful": "yes", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert GuideFeedback.objects.count() == 1


def test_two_readers_of_one_cached_page_get_their_own_csrf_cookie_and_tokens(county_guide):
    get(Client(), GUIDE)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_html, second_html = get(first, GUIDE)[1], get(second, GUIDE)[1]
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    first_tokens, second_tokens = TOKEN.findall(first_html), TOKEN.findall(second_html)
    assert len(first_tokens) == 2  # the municipality chooser and the feedback form
    assert not set(first_tokens) & set(second_tokens)
    # The other reader's token is refused, each reader's own accepted.
    refused = second.post(FEEDBACK, {"helpful": "yes", "csrfmiddlewaretoken": first_tokens[-1]})
    assert refused.status_code == 403
    for reader, tokens in ((first, first_tokens), (second, second_tokens)):
        response = reader.post(FEEDBACK, {"helpful": "no", "csrfmiddlewaretoken": tokens[-1]})
        assert response.status_code == 302


def test_the_stored_page_holds_placeholders_instead_of_csrf_tokens(county_guide, stored_pages):
    get(Client(), GUIDE)
    assert len(stored_pages) == 1
    assert stored_pages[0].count('name="csrfmiddlewaretoken" value="\x00csrf\x00"') == 2
    assert not TOKEN.search(stored_pages[0].replace("\x00csrf\x00", ""))


_NONCE_PAGE = engines["django"].from_string(
    '<script nonce="{{ csp_nonce }}">1</script>'
    '<form method="post">{% csrf_token %}</form><p>{{ csp_nonce }}</p>'
)


@cache_page_for_anonymous()
def nonce_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_NONCE_PAGE.render({}, request))


urlpatterns = [path("nonce/", nonce_page)]


@pytest.mark.urls(__name__)
def test_a_hit_has_a_fresh_nonce_that_matches_the_csp_header(db):
    nonces = []
    for expected in ("miss", "hit", "hit"):
        response = Client().get("/nonce/")
        assert response[page_cache.HEADER] == expected
        found = re.findall(r'nonce="([^"]+)"', response.content.decode())
        assert len(found) == 1
        assert f"<p>{found[0]}</p>" in response.content.decode()
        assert f"'nonce-{found[0]}'" in response["Content-Security-Policy"]
        nonces.append(found[0])
    assert len(set(nonces)) == 3


# --- who never gets a cached page ---------------------------------------------------------------


def test_a_signed_in_reader_is_never_served_a_cached_page(county_guide, newcomer_in_are):
    get(Client(), GUIDE)
    reader = Client()
    reader.force_login(newcomer_in_are)
    header, html = get(reader, GUIDE)
    assert header == "bypass"
    assert "My account" in html


def test_a_signed_in_readers_page_is_never_stored(county_guide, newcomer_in_are):
    reader = Client()
    reader.force_login(newcomer_in_are)
    get(reader, GUIDE)
    get(reader, GUIDE)
    header, html = get(Client(), GUIDE)
    assert header == "miss"
    assert "My account" not in html
    assert "Sign out" not in html
    assert "Sign in" in html


def test_a_page_with_a_flash_message_waiting_is_rendered_and_shows_it(county_guide, are_kommun):
    get(Client(), GUIDE)
    reader = Client()
    reader.post("/en/guides/municipality/", {"municipality": "are", "next": GUIDE})
    header, html = get(reader, GUIDE)
    assert header == "bypass"
    assert "Showing guides for Åre first." in html
    header, html = get(reader, GUIDE)
    assert header == "miss"
    assert "Showing guides for Åre first." not in html


def test_a_flash_message_kept_in_the_session_also_bypasses_the_cache(county_guide):
    get(Client(), GUIDE)
    reader = Client()
    session = reader.session
    session["_messages"] = "[]"
    session.save()
    assert get(reader, GUIDE)[0] == "bypass"


def test_a_feedback_post_is_never_answered_from_the_cache(county_guide):
    get(Client(), GUIDE)
    response = Client().post(FEEDBACK, {"helpful": "yes"})
    assert response.status_code == 302
    assert GuideFeedback.objects.count() == 1


# --- the reader's municipality ------------------------------------------------------------------


def test_readers_with_different_municipalities_each_see_their_own_page(
    county_guide, are_kommun, ostersunds_kommun
):
    in_are, in_ostersund, anywhere = Client(), Client(), Client()
    choose(in_are, "are")
    choose(in_ostersund, "ostersund")
    for _round in ("miss", "hit"):
        header, html = get(in_are, GUIDE)
        assert header == _round
        assert "international@are.example.org" in html
        assert "international@ostersund.example.org" not in html
        header, html = get(in_ostersund, GUIDE)
        assert header == _round
        assert "international@ostersund.example.org" in html
        assert "international@are.example.org" not in html
        header, html = get(anywhere, GUIDE)
        assert header == _round
        assert "Choose your municipality to see its contact point" in html


# --- invalidation -------------------------------------------------------------------------------


def test_an_edited_translation_is_shown_at_once(county_guide):
    get(Client(), GUIDE)
    assert get(Client(), GUIDE)[0] == "hit"
    county_guide.title_en = "Finding a home in the county"
    county_guide.save()
    header, html = get(Client(), GUIDE)
    assert header == "miss"
    assert "Finding a home in the county" in html


def test_a_translation_status_saved_through_the_orm_is_shown_at_once(county_guide):
    get(Client(), GUIDE)
    row = GuideTranslation.objects.get(guide=county_guide, language="en")
    row.status = TranslationStatus.OUTDATED
    row.save()
    assert "may be out of date" in get(Client(), GUIDE)[1]


def test_a_renamed_organisation_is_shown_at_once(county_guide, region):
    get(Client(), GUIDE)
    region.name = "Region JH"
    region.save()
    assert "<dd>Region JH</dd>" in get(Client(), GUIDE)[1]


def test_a_newly_published_guide_is_found_at_once(county_guide, topic, region):
    draft = GuideFactory(
        topic=topic, organisation=region, title_en="Moose on the road", published=False
    )
    assert "Moose on the road" not in get(Client(), "/en/search/?q=moose")[1]
    assert get(Client(), "/en/search/?q=moose")[0] == "hit"
    draft.published = True
    draft.save()
    assert "Moose on the road" in get(Client(), "/en/search/?q=moose")[1]


def test_marking_guides_reviewed_is_shown_at_once(county_guide):
    from relocation.services.guides import guides_mark_reviewed

    get(Client(), GUIDE)
    guides_mark_reviewed(guides=[county_guide], on=datetime.date(2026, 12, 24))
    assert 'datetime="2026-12-24"' in get(Client(), GUIDE)[1]


def test_invalidation_is_repeated_when_the_transaction_commits(
    county_guide, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    get(Client(), GUIDE)
    with django_capture_on_commit_callbacks() as callbacks:
        county_guide.save()
        during = cache.get(page_cache.GENERATION_KEY)
    for callback in callbacks:
        callback()
    assert cache.get(page_cache.GENERATION_KEY) > during


# --- switched off, or failing -------------------------------------------------------------------


def test_page_cache_seconds_0_turns_the_cache_off(county_guide, settings):
    settings.PAGE_CACHE_SECONDS = 0
    get(Client(), GUIDE)
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(GUIDE)
    assert page_cache.HEADER not in response
    assert len(queries) > 0


def test_a_failing_cache_read_renders_the_page(county_guide, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(page_cache.cache, "get", broken)
    header, html = get(Client(), GUIDE)
    assert header == "bypass"
    assert "Finding housing in the county" in html
    # Paused for a few seconds: no second attempt (and timeout) per request.
    assert get(Client(), GUIDE)[0] == "bypass"


def test_a_failing_cache_write_still_serves_the_page(county_guide, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(page_cache.cache, "set", broken)
    header, html = get(Client(), GUIDE)
    assert header == "miss"
    assert "Finding housing in the county" in html


def _break_invalidation(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(page_cache.cache, "incr", broken)
    monkeypatch.setattr(page_cache.cache, "add", broken)


def test_a_failing_cache_does_not_fail_an_edit(county_guide, monkeypatch):
    _break_invalidation(monkeypatch)
    county_guide.title_en = "Still saved"
    county_guide.save()
    county_guide.refresh_from_db()
    assert county_guide.title_en == "Still saved"


def test_an_edit_made_while_the_cache_failed_is_shown_once_it_is_back(county_guide, monkeypatch):
    get(Client(), GUIDE)
    assert get(Client(), GUIDE)[0] == "hit"
    with monkeypatch.context() as outage:
        _break_invalidation(outage)
        county_guide.title_en = "Edited during the outage"
        county_guide.save()
    page_cache._paused_until = 0.0  # the pause is over and Redis answers again
    header, html = get(Client(), GUIDE)
    assert header == "miss"
    assert "Edited during the outage" in html
    assert page_cache._invalidation_pending is False


def test_an_edit_made_during_the_pause_is_not_forgotten(county_guide):
    get(Client(), GUIDE)
    page_cache._paused_until = float("inf")  # a read failed a moment ago
    county_guide.title_en = "Edited during the pause"
    county_guide.save()
    page_cache._paused_until = 0.0
    header, html = get(Client(), GUIDE)
    assert header == "miss"
    assert "Edited during the pause" in html


def test_no_cached_page_is_served_while_an_edit_cannot_be_made_known(county_guide, monkeypatch):
    get(Client(), GUIDE)
    _break_invalidation(monkeypatch)  # reads still work, the generation cannot be bumped
    county_guide.title_en = "Edited, not yet made known"
    county_guide.save()
    page_cache._paused_until = 0.0
    header, html = get(Client(), GUIDE)
    assert header == "bypass"
    assert "Edited, not yet made known" in html


def test_the_release_changes_with_a_template(tmp_path, settings, monkeypatch):
    """A deploy that changes only a template must not serve the previous release's
    stored pages."""
    django_dir = tmp_path / "templates"
    django_dir.mkdir()
    (django_dir / "page.html").write_text("<p>one</p>")
    settings.BASE_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "staticfiles"  # no manifest outside tmp_path
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [django_dir]}]

    def release() -> str:
        monkeypatch.setattr(page_cache, "_release", None)
        return page_cache._release_id()

    first = release()
    assert release() == first
    (django_dir / "page.html").write_text("<p>two</p>")
    assert release() != first
