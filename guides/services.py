"""Writes for guides: translation status, search index, feedback, reviews, move plans."""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.utils import timezone, translation

from guides.markdown import markdown_to_text
from guides.models import (
    Guide,
    GuideFeedback,
    GuideReviewReminder,
    GuideTranslation,
    MovePlanTick,
    SearchWord,
    TranslationStatus,
)
from guides.selectors.guides import (
    SESSION_MUNICIPALITY,
    SOURCE_LANGUAGE,
    guides_due_for_review,
    language_codes,
    search_config,
)
from notifications.dispatch import enqueue_on_commit
from notifications.services import email_queue, recipient_key
from portal.models import Municipality, NewcomerProfile, StaffMembership
from portal.page_cache import GUIDE_LISTS, guide_version, page_versions_bump

logger = logging.getLogger(__name__)

TRANSLATED_FIELDS = ("title", "summary", "body")
_TRANSLATED_FIELD = re.compile(r"^(title|summary|body)_([a-z]{2})$")


def languages_in_fields(field_names: Iterable[str]) -> set[str]:
    """{'sv', 'uk'} for ['title_sv', 'body_uk', 'published']."""
    found = set()
    for name in field_names:
        match = _TRANSLATED_FIELD.match(name)
        if match and match.group(2) in language_codes():
            found.add(match.group(2))
    return found


def guide_has_text(guide: Guide, language: str) -> bool:
    """A translation counts only with both a title and a body."""
    title = (getattr(guide, f"title_{language}", None) or "").strip()
    body = (getattr(guide, f"body_{language}", None) or "").strip()
    return bool(title and body)


def _next_status(
    *,
    language: str,
    has_text: bool,
    previous: str | None,
    changed: set[str],
    machine: set[str],
    minor: bool,
) -> str:
    if not has_text:
        return TranslationStatus.MISSING
    if language == SOURCE_LANGUAGE:
        return TranslationStatus.UP_TO_DATE
    if language in machine:
        return TranslationStatus.MACHINE
    if language in changed or previous in (None, TranslationStatus.MISSING):
        return TranslationStatus.UP_TO_DATE
    if SOURCE_LANGUAGE in changed and not minor:
        return TranslationStatus.OUTDATED
    return previous


def guide_translations_sync(
    *,
    guide: Guide,
    changed_languages: Iterable[str],
    minor: bool = False,
    machine_translated: Iterable[str] = (),
) -> dict[str, str]:
    """Bring the guide's per-language status, plain text and search vector up to date.

    A major edit of the Swedish source marks every other existing translation
    outdated; a minor edit keeps them. A language edited in the same save is up to
    date (or machine translated when so marked). An empty translation is missing.
    """
    changed = set(changed_languages)
    machine = set(machine_translated)
    now = timezone.now()
    statuses: dict[str, str] = {}
    with transaction.atomic():
        existing = {
            row.language: row
            for row in GuideTranslation.objects.select_for_update().filter(guide=guide)
        }
        for language in language_codes():
            row = existing.get(language)
            status = _next_status(
                language=language,
                has_text=guide_has_text(guide, language),
                previous=row.status if row else None,
                changed=changed,
                machine=machine,
                minor=minor,
            )
            statuses[language] = status
            title = (getattr(guide, f"title_{language}", None) or "").strip()
            summary = (getattr(guide, f"summary_{language}", None) or "").strip()
            body = getattr(guide, f"body_{language}", None) or ""
            values = {
                "status": status,
                "plain_title": title[:200] if status != TranslationStatus.MISSING else "",
                "plain_text": (
                    f"{summary} {markdown_to_text(body)}".strip()
                    if status != TranslationStatus.MISSING
                    else ""
                ),
            }
            if row is None:
                row = GuideTranslation(guide=guide, language=language, status_changed_at=now)
            elif row.status != status:
                row.status_changed_at = now
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
        guide_search_vectors_refresh(guide_ids=[guide.pk])
    return statuses


def guide_search_vectors_refresh(*, guide_ids: Iterable[int] | None = None) -> None:
    """Recompute the ``tsvector`` of the given guides (all when None), on PostgreSQL.

    A stored vector (rather than expression indexes over eight language columns)
    keeps one GIN index for every language and lets each row carry the text-search
    configuration of its own language. One UPDATE per language, whatever the count.
    """
    ids = None if guide_ids is None else list(guide_ids)
    if connection.vendor != "postgresql":
        search_words_refresh(guide_ids=ids)  # SQLite has no vectors, but a vocabulary
        return
    rows = GuideTranslation.objects.all()
    if ids is not None:
        rows = rows.filter(guide_id__in=ids)
    for language in language_codes():
        config = search_config(language)
        rows.filter(language=language).update(
            search_vector=SearchVector("plain_title", weight="A", config=config)
            + SearchVector("plain_text", weight="B", config=config)
        )
    search_words_refresh(guide_ids=ids)
    # ``update()`` sends no signals: search pages are cached (portal/page_cache.py).
    page_versions_bump(GUIDE_LISTS)


#: The words of published texts, lower-cased and unstemmed (``simple``): what a
#: misspelt query word is corrected to. Words under four letters and words with digits
#: are left out (too many near matches; numbers are not misspelt).
_SEARCH_WORDS_SQL = """
    INSERT INTO relocation_searchword (language, word)
    SELECT DISTINCT t.language, w.word
    FROM relocation_guidetranslation t
    JOIN relocation_guide g ON g.id = t.guide_id
    CROSS JOIN LATERAL unnest(tsvector_to_array(
        to_tsvector('simple', t.plain_title || ' ' || t.plain_text))) AS w(word)
    WHERE g.published AND t.status <> 'missing' AND {guides}
      AND char_length(w.word) BETWEEN 4 AND 64 AND w.word !~ '[0-9_]'
    ON CONFLICT (language, word) DO NOTHING
"""


def search_words_refresh(*, guide_ids: Iterable[int] | None = None) -> None:
    """Add the words of the given guides (all when None) to the search vocabulary.

    With None the vocabulary is rebuilt, which also drops the words of texts since
    edited or unpublished; with guide ids words are only added (a word left over
    from an old text can at worst suggest a correction that finds nothing, and
    search then falls back to similar titles). On SQLite the words are split in Python.
    """
    if connection.vendor != "postgresql":
        _search_words_refresh_in_python(guide_ids=guide_ids)
        return
    with transaction.atomic(), connection.cursor() as cursor:
        if guide_ids is None:
            cursor.execute("DELETE FROM relocation_searchword")
            cursor.execute(_SEARCH_WORDS_SQL.format(guides="TRUE"))
        else:
            cursor.execute(
                _SEARCH_WORDS_SQL.format(guides="t.guide_id = ANY(%s)"), [list(guide_ids)]
            )


#: A word as PostgreSQL's ``simple`` parser splits it: letters only.
_LETTERS = re.compile(r"[^\W\d_]+")


def _search_words_refresh_in_python(*, guide_ids: Iterable[int] | None) -> None:
    """``search_words_refresh`` for databases without ``tsvector_to_array`` (SQLite)."""
    rows = (
        GuideTranslation.objects.filter(guide__published=True)
        .exclude(status=TranslationStatus.MISSING)
        .values_list("language", "plain_title", "plain_text")
    )
    if guide_ids is not None:
        rows = rows.filter(guide_id__in=list(guide_ids))
    words = {
        (language, word)
        for language, title, text in rows
        for word in _LETTERS.findall(f"{title} {text}".lower())
        if 4 <= len(word) <= 64
    }
    with transaction.atomic():
        if guide_ids is None:
            SearchWord.objects.all().delete()
        SearchWord.objects.bulk_create(
            [SearchWord(language=language, word=word) for language, word in sorted(words)],
            batch_size=500,
            ignore_conflicts=True,
        )


def guide_save(
    *,
    guide: Guide,
    changed_fields: Iterable[str],
    minor: bool = False,
    machine_translated: Iterable[str] = (),
) -> Guide:
    """Validate and save a guide edited by staff, then update its translation status."""
    changed = languages_in_fields(changed_fields)
    with transaction.atomic():
        guide.full_clean()
        guide.save()
        guide_translations_sync(
            guide=guide,
            changed_languages=changed,
            minor=minor,
            machine_translated=machine_translated,
        )
        # Readers of the edited guide find it rendered anew, in every language.
        enqueue_on_commit("guides.tasks.refresh_guide_pages", guide.pk)
    return guide


def guides_mark_reviewed(*, guides: Iterable[Guide], on: datetime.date | None = None) -> int:
    on = on or timezone.localdate()
    ids = [guide.pk for guide in guides]
    updated = Guide.objects.filter(pk__in=ids).update(last_reviewed=on)
    # The pages show the review date; ``update()`` sends no signals.
    slugs = Guide.objects.filter(pk__in=ids).values_list("slug", flat=True)
    page_versions_bump(GUIDE_LISTS, *(guide_version(slug) for slug in slugs))
    return updated


def guide_feedback_submit(
    *, guide: Guide, helpful: bool, comment: str, language: str
) -> GuideFeedback:
    feedback = GuideFeedback(
        guide=guide, helpful=helpful, comment=comment.strip()[:1000], language=language
    )
    feedback.full_clean()
    feedback.save()
    return feedback


# --- review reminders ---------------------------------------------------------------------


def guide_review_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail each organisation's editors and coordinators their guides due for review.

    At most one reminder per organisation and month (a second run sends nothing).
    Returns the number of reminders sent.
    """
    today = today or timezone.localdate()
    month = today.replace(day=1)
    by_organisation: dict[int, list[Guide]] = {}
    for guide in guides_due_for_review(today=today).order_by("organisation_id", "pk"):
        by_organisation.setdefault(guide.organisation_id, []).append(guide)
    sent = 0
    for organisation_id, guides in by_organisation.items():
        with transaction.atomic():
            _reminder, created = GuideReviewReminder.objects.get_or_create(
                organisation_id=organisation_id,
                month=month,
                defaults={"guide_count": len(guides)},
            )
            if not created:
                continue
            organisation = guides[0].organisation
            recipients = sorted(
                set(
                    StaffMembership.objects.filter(
                        organisation_id=organisation_id,
                        role__in=[StaffMembership.Role.EDITOR, StaffMembership.Role.COORDINATOR],
                        user__is_active=True,
                    ).values_list("user__email", flat=True)
                )
                or {organisation.contact_email}
            )
            # One outbox row per person, written (with the list of guides) now.
            for recipient in recipients:
                email_queue(
                    key=f"guides:review_due:{organisation_id}:{month}:{recipient_key(recipient)}",
                    recipient=recipient,
                    template="guides/email/review_due",
                    language=SOURCE_LANGUAGE,
                    context={"organisation": organisation, "guides": guides, "today": today},
                )
            sent += 1
    return sent


# --- the reader's municipality and move plan -------------------------------------------------


def reader_municipality_choose(
    *, session, user, municipality: Municipality | None
) -> Municipality | None:
    """Remember the reader's municipality in the session (and the newcomer's profile)."""
    if municipality is None:
        session.pop(SESSION_MUNICIPALITY, None)
    else:
        session[SESSION_MUNICIPALITY] = municipality.pk
    if getattr(user, "is_authenticated", False):
        NewcomerProfile.objects.filter(user=user).update(
            municipality=municipality, updated_at=timezone.now()
        )
    return municipality


def move_plan_step_set(*, user, subject: str, done: bool) -> None:
    """Tick a step off (or un-tick it). Idempotent."""
    if done:
        MovePlanTick.objects.get_or_create(user=user, subject=subject)
    else:
        MovePlanTick.objects.filter(user=user, subject=subject).delete()


def newcomer_profile_save(
    *,
    user,
    citizenship: str,
    has_partner: bool,
    children_count: int,
    municipality: Municipality | None,
    planned_arrival: datetime.date | None,
    works_in_healthcare: bool = False,
    starting_business: bool = False,
    coming_to_study: bool = False,
) -> NewcomerProfile:
    """Create or update the newcomer's situation. Ticks are kept: they follow subjects."""
    with transaction.atomic():
        profile, _created = NewcomerProfile.objects.select_for_update().get_or_create(
            user=user,
            defaults={
                "preferred_language": translation.get_language() or "en",
                "consent_processing_at": timezone.now(),
            },
        )
        profile.citizenship = citizenship
        profile.has_partner = has_partner
        profile.children_count = children_count
        profile.municipality = municipality
        profile.planned_arrival = planned_arrival
        profile.works_in_healthcare = works_in_healthcare
        profile.starting_business = starting_business
        profile.coming_to_study = coming_to_study
        if profile.consent_processing_at is None:
            profile.consent_processing_at = timezone.now()
        profile.full_clean()
        profile.save()
    return profile
