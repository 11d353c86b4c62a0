"""Public guide pages and search: headers a shared cache understands, ETags from
per-object versions, the app's own page store and the refresh after an edit
(portal/page_cache.py, guides/page_cache_signals.py)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guides.models import GuideFeedback, GuideTranslation, TranslationStatus
from guides.services import guide_save, guides_mark_reviewed
from guides.tasks import refresh_guide_pages
from portal import page_cache
from tests.guides.factories import GuideFactory

pytestmark = pytest.mark.django_db

GUIDE = "/en/guides/housing/finding-housing/"
OTHER_GUIDE = "/en/guides/housing/renting-a-room/"
FEEDBACK = "/en/guides/housing/finding-housing/feedback/"
SAME_ORIGIN = {"Origin": "http://testserver"}


@pytest.fixture(autouse=True)
def _cache_not_paused():
    """A cache error pauses the cache for a few seconds; no test sees another's pause."""
    page_cache.page_cache_resume(forget_pending=True)
    yield
    page_cache.page_cache_resume(forget_pending=True)


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
def other_guide(topic, region):
    return GuideFactory(
        subject="rooms",
        slug="renting-a-room",
        topic=topic,
        organisation=region,
        title_en="Renting a room",
    )


def get(client: Client, url: str, **extra) -> tuple[str, str]:
    """(X-Page-Cache header, page) of a successful GET."""
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response.get(page_cache.HEADER, ""), response.content.decode()


def etag(url: str) -> str:
    return Client().get(url)["ETag"]


# --- what a shared cache is told ----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [GUIDE, "/en/guides/", "/en/guides/housing/", "/en/municipalities/are/", "/en/search/?q=x"],
)
def test_an_anonymous_public_page_is_public_with_a_validator(county_guide, url):
    response = Client().get(url)
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=60", "s-maxage=60"}
    assert response["ETag"].startswith('"')
    assert "Cookie" in response["Vary"]
    assert not response.cookies  # no session, no CSRF cookie: nothing per reader


def test_a_public_page_holds_no_csrf_token_and_sets_no_cookie(county_guide, are):
    for url in (GUIDE, "/en/guides/", "/en/municipalities/are/"):
        response = Client().get(url)
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html, url
        assert not response.cookies, url


def test_the_max_age_follows_the_setting(county_guide, settings):
    settings.PAGE_MAX_AGE = 300
    assert "s-maxage=300" in Client().get(GUIDE)["Cache-Control"]


def test_a_known_etag_is_answered_with_304_and_no_database_query(county_guide):
    tag = etag(GUIDE)
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(GUIDE, headers={"If-None-Match": tag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == tag
    assert "public" in response["Cache-Control"]  # the proxy keeps its copy this long again
    assert len(queries) == 0


def test_an_outdated_etag_gets_the_whole_page(county_guide):
    response = Client().get(GUIDE, headers={"If-None-Match": '"an-old-version"'})
    assert response.status_code == 200
    assert "Finding housing in the county" in response.content.decode()


def test_the_same_page_has_the_same_etag_for_every_anonymous_reader(county_guide):
    assert etag(GUIDE) == etag(GUIDE)
    assert etag(GUIDE) != etag("/sv/guides/housing/finding-housing/")


# --- the app's own store ------------------------------------------------------------------------


def test_the_second_anonymous_request_for_a_guide_is_served_from_the_store(county_guide):
    assert get(Client(), GUIDE)[0] == "miss"
    header, html = get(Client(), GUIDE)
    assert header == "hit"
    assert "Finding housing in the county" in html


def test_a_hit_issues_no_database_query(county_guide):
    get(Client(), GUIDE)
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(GUIDE)
    assert response[page_cache.HEADER] == "hit"
    assert len(queries) == 0
    assert response["Content-Language"] == "en"
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_search_results_are_served_from_the_store(county_guide):
    assert get(Client(), "/en/search/?q=housing")[0] == "miss"
    header, html = get(Client(), "/en/search/?q=housing")
    assert header == "hit"
    assert "Finding housing in the county" in html


def test_each_query_string_and_language_is_a_page_of_its_own(county_guide):
    get(Client(), "/en/search/?q=housing")
    header, html = get(Client(), "/en/search/?q=nothing-like-it")
    assert header == "miss"
    assert "Finding housing in the county" not in html
    header, html = get(Client(), "/sv/guides/housing/finding-housing/")
    assert header == "miss"
    assert "Hitta bostad i länet" in html


def test_a_page_that_is_not_found_is_neither_stored_nor_public(topic):
    for _round in range(2):
        response = Client().get("/en/guides/housing/nowhere/")
        assert response.status_code == 404
        assert response.get(page_cache.HEADER) != "hit"
        assert "public" not in response.get("Cache-Control", "")
        assert "ETag" not in response


def test_a_page_stored_yesterday_is_not_served_today(county_guide):
    # Three minutes apart, either side of midnight in Stockholm (CET, UTC+1), where the
    # pages' dates are; still one day in UTC.
    with time_machine.travel(datetime.datetime(2026, 11, 2, 22, 58, tzinfo=datetime.UTC)):
        get(Client(), GUIDE)
        assert get(Client(), GUIDE)[0] == "hit"
        before = etag(GUIDE)
    with time_machine.travel(datetime.datetime(2026, 11, 2, 23, 1, tzinfo=datetime.UTC)):
        assert get(Client(), GUIDE)[0] == "miss"
        assert etag(GUIDE) != before


# --- the reader's municipality is in the address ------------------------------------------------


def test_the_chosen_municipality_is_in_the_address_and_each_is_a_page_of_its_own(
    county_guide, are_kommun, ostersunds_kommun
):
    for expected in ("miss", "hit"):
        header, html = get(Client(), GUIDE + "?municipality=are")
        assert header == expected
        assert "international@are.example.org" in html
        assert "international@ostersund.example.org" not in html
        header, html = get(Client(), GUIDE + "?municipality=ostersund")
        assert header == expected
        assert "international@ostersund.example.org" in html
        header, html = get(Client(), GUIDE)
        assert header == expected
        assert "Choose your municipality to see its contact point" in html


def test_the_chooser_is_a_get_form_to_the_page_itself(county_guide, are):
    html = get(Client(), "/en/guides/?stage=first_weeks")[1]
    assert '<form class="municipality-chooser" method="get" action="/en/guides/">' in html
    assert '<input type="hidden" name="stage" value="first_weeks">' in html


def test_the_municipality_page_offers_its_guides_by_address(county_guide, are):
    html = get(Client(), "/en/municipalities/are/")[1]
    assert 'method="get" action="/en/guides/"' in html
    assert '<input type="hidden" name="municipality" value="are">' in html


# --- who never gets a public page ---------------------------------------------------------------


def test_a_signed_in_readers_page_is_never_public_nor_stored(county_guide, newcomer_in_are):
    get(Client(), GUIDE)
    reader = Client()
    reader.force_login(newcomer_in_are)
    response = reader.get(GUIDE)
    assert response[page_cache.HEADER] == "bypass"
    assert "public" not in response["Cache-Control"]
    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response
    assert "My page" in response.content.decode()
    header, html = get(Client(), GUIDE)
    assert header == "hit"
    assert "My page" not in html
    assert "Sign in" in html


def test_a_signed_in_reader_is_not_answered_304_with_the_anonymous_etag(
    county_guide, newcomer_in_are
):
    reader = Client()
    reader.force_login(newcomer_in_are)
    response = reader.get(GUIDE, headers={"If-None-Match": etag(GUIDE)})
    assert response.status_code == 200


def test_a_reader_with_a_session_or_a_flash_message_gets_a_private_page(county_guide):
    get(Client(), GUIDE)
    reader = Client()
    reader.post(FEEDBACK, {"helpful": "yes"}, headers=SAME_ORIGIN)  # a session and a message
    response = reader.get(GUIDE)
    assert response[page_cache.HEADER] == "bypass"
    assert "private" in response["Cache-Control"]
    assert "Thank you for your feedback." in response.content.decode()


# --- the feedback form on a public page ---------------------------------------------------------


def test_feedback_from_the_portals_own_page_is_accepted_without_a_token(county_guide):
    reader = Client(enforce_csrf_checks=True)
    response = reader.post(FEEDBACK, {"helpful": "yes"}, headers=SAME_ORIGIN)
    assert response.status_code == 302
    response = Client(enforce_csrf_checks=True).post(
        FEEDBACK, {"helpful": "no"}, headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert response.status_code == 302
    assert GuideFeedback.objects.count() == 2


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {}],
    ids=["other-origin", "cross-site", "no-origin"],
)
def test_feedback_posted_from_another_site_is_refused(county_guide, headers):
    response = Client().post(FEEDBACK, {"helpful": "yes"}, headers=headers)
    assert response.status_code == 403
    assert not GuideFeedback.objects.exists()


# --- invalidation per object --------------------------------------------------------------------


def test_an_edit_of_one_guide_changes_its_etag_and_the_lists_not_another_guides(
    county_guide, other_guide
):
    before = {url: etag(url) for url in (GUIDE, OTHER_GUIDE, "/en/guides/housing/")}
    county_guide.title_en = "Finding a home in the county"
    county_guide.save()
    after = {url: etag(url) for url in before}
    assert after[GUIDE] != before[GUIDE]
    assert after["/en/guides/housing/"] != before["/en/guides/housing/"]
    assert after[OTHER_GUIDE] == before[OTHER_GUIDE]
    assert "Finding a home in the county" in get(Client(), GUIDE)[1]


def test_a_translation_status_saved_through_the_orm_is_shown_at_once(county_guide, other_guide):
    get(Client(), GUIDE)
    other = etag(OTHER_GUIDE)
    row = GuideTranslation.objects.get(guide=county_guide, language="en")
    row.status = TranslationStatus.OUTDATED
    row.save()
    assert "may be out of date" in get(Client(), GUIDE)[1]
    assert etag(OTHER_GUIDE) == other


def test_a_renamed_guide_is_not_served_at_its_old_address(county_guide):
    get(Client(), GUIDE)
    county_guide.slug = "finding-a-home"
    county_guide.save()
    assert Client().get(GUIDE).status_code == 404


def test_a_renamed_organisation_is_shown_on_every_page_at_once(county_guide, region):
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
    get(Client(), GUIDE)
    guides_mark_reviewed(guides=[county_guide], on=datetime.date(2026, 12, 24))
    assert 'datetime="2026-12-24"' in get(Client(), GUIDE)[1]


def test_the_versions_are_bumped_again_when_the_transaction_commits(
    county_guide, django_capture_on_commit_callbacks
):
    get(Client(), GUIDE)
    with django_capture_on_commit_callbacks() as callbacks:
        county_guide.save()
        during = etag(GUIDE)
    for callback in callbacks:
        callback()
    assert etag(GUIDE) != during


# --- the refresh after an edit ------------------------------------------------------------------


def test_an_edit_renders_the_guide_again_in_all_eight_languages(
    county_guide, django_capture_on_commit_callbacks, settings
):
    settings.PUBLIC_BASE_URL = "http://testserver"  # the address readers use
    county_guide.title_en = "Finding a home in the county"
    with django_capture_on_commit_callbacks(execute=True):
        guide_save(guide=county_guide, changed_fields=["title_en"])
    languages = [code for code, _name in django_settings.LANGUAGES]
    assert len(languages) == 8
    for code in languages:
        with CaptureQueriesContext(connection) as queries:
            header, _html = get(Client(), f"/{code}/guides/housing/finding-housing/")
        assert header == "hit", code
        assert len(queries) == 0, code
    assert "Finding a home in the county" in get(Client(), GUIDE)[1]


def test_the_refresh_task_reports_each_language_and_skips_a_draft(county_guide, settings):
    settings.PUBLIC_BASE_URL = "http://testserver"
    statuses = refresh_guide_pages(county_guide.pk)
    assert len(statuses) == 8
    assert set(statuses.values()) == {200}
    assert "/ar/guides/housing/finding-housing/" in statuses
    county_guide.published = False
    county_guide.save()
    assert refresh_guide_pages(county_guide.pk) == {}


# --- switched off, or failing -------------------------------------------------------------------


def test_page_cache_seconds_0_turns_public_caching_off(county_guide, settings):
    settings.PAGE_CACHE_SECONDS = 0
    get(Client(), GUIDE)
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(GUIDE)
    assert page_cache.HEADER not in response
    assert "public" not in response.get("Cache-Control", "")
    assert len(queries) > 0


def _broken(*args, **kwargs):
    raise ConnectionError("redis is down")


def test_a_failing_cache_renders_a_private_page(county_guide, monkeypatch):
    monkeypatch.setattr(page_cache.cache, "get_many", _broken)
    response = Client().get(GUIDE)
    assert response[page_cache.HEADER] == "bypass"
    assert "private" in response["Cache-Control"]
    assert "Finding housing in the county" in response.content.decode()
    # Paused for a few seconds: no second attempt (and timeout) per request.
    assert get(Client(), GUIDE)[0] == "bypass"


def test_a_failing_cache_write_still_serves_the_page(county_guide, monkeypatch):
    monkeypatch.setattr(page_cache.cache, "set", _broken)
    header, html = get(Client(), GUIDE)
    assert header == "miss"
    assert "Finding housing in the county" in html


def _break_bumps(monkeypatch) -> None:
    monkeypatch.setattr(page_cache.cache, "incr", _broken)
    monkeypatch.setattr(page_cache.cache, "add", _broken)


def test_a_failing_cache_does_not_fail_an_edit(county_guide, monkeypatch):
    _break_bumps(monkeypatch)
    county_guide.title_en = "Still saved"
    county_guide.save()
    county_guide.refresh_from_db()
    assert county_guide.title_en == "Still saved"


def test_an_edit_made_while_the_cache_failed_is_shown_once_it_is_back(county_guide, monkeypatch):
    get(Client(), GUIDE)
    assert get(Client(), GUIDE)[0] == "hit"
    with monkeypatch.context() as outage:
        _break_bumps(outage)
        county_guide.title_en = "Edited during the outage"
        county_guide.save()
    assert page_cache.pending_bumps()
    page_cache.page_cache_resume()  # the pause is over and Redis answers again
    header, html = get(Client(), GUIDE)
    assert header == "miss"
    assert "Edited during the outage" in html
    assert page_cache.pending_bumps() == frozenset()


def test_no_stored_page_is_served_while_an_edit_cannot_be_made_known(county_guide, monkeypatch):
    get(Client(), GUIDE)
    _break_bumps(monkeypatch)  # reads still work, the versions cannot be bumped
    county_guide.title_en = "Edited, not yet made known"
    county_guide.save()
    page_cache.page_cache_resume()
    response = Client().get(GUIDE)
    assert response[page_cache.HEADER] == "bypass"
    assert "public" not in response["Cache-Control"]
    assert "Edited, not yet made known" in response.content.decode()


def test_the_release_changes_with_a_template(tmp_path, settings):
    """A deploy that changes only a template must not serve the previous release's
    stored pages (nor keep its ETags)."""
    django_dir = tmp_path / "templates"
    django_dir.mkdir()
    (django_dir / "page.html").write_text("<p>one</p>")
    settings.BASE_DIR = tmp_path
    settings.STATIC_ROOT = tmp_path / "staticfiles"  # no manifest outside tmp_path
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [django_dir]}]
    first = page_cache.release_id(recompute=True)
    assert page_cache.release_id() == first
    (django_dir / "page.html").write_text("<p>two</p>")
    assert page_cache.release_id(recompute=True) != first
