"""Per-guide, per-language translation status, kept by the guide services."""

import pytest

from guides.models import GuideTranslation, TranslationStatus
from guides.selectors.guides import translation_overview
from guides.services import guide_save, guide_translations_sync
from tests.guides.factories import GuideFactory

pytestmark = pytest.mark.django_db

OTHERS = ["en", "de", "es", "pl", "uk", "ar", "fa"]
S = TranslationStatus


def statuses(guide):
    return dict(GuideTranslation.objects.filter(guide=guide).values_list("language", "status"))


def fully_translated_guide():
    guide = GuideFactory()
    for code in OTHERS:
        setattr(guide, f"title_{code}", f"Title {code}")
        setattr(guide, f"body_{code}", f"Body {code}")
    guide.save()
    guide_translations_sync(guide=guide, changed_languages=OTHERS)
    return guide


def test_a_new_guide_is_up_to_date_in_swedish_and_english_and_missing_elsewhere():
    guide = GuideFactory()
    assert statuses(guide) == {
        "sv": S.UP_TO_DATE, "en": S.UP_TO_DATE, "de": S.MISSING, "es": S.MISSING,
        "pl": S.MISSING, "uk": S.MISSING, "ar": S.MISSING, "fa": S.MISSING,
    }  # fmt: skip


def test_a_major_edit_of_the_swedish_body_marks_the_seven_other_translations_outdated():
    guide = fully_translated_guide()
    guide.body_sv = "Ny text om personnummer."
    guide_save(guide=guide, changed_fields=["body_sv"])
    result = statuses(guide)
    assert result["sv"] == S.UP_TO_DATE
    assert [result[code] for code in OTHERS] == [S.OUTDATED] * 7


def test_a_minor_edit_of_the_swedish_body_keeps_the_translations_up_to_date():
    guide = fully_translated_guide()
    guide.body_sv = guide.body_sv + " Rättat stavfel."
    guide_save(guide=guide, changed_fields=["body_sv"], minor=True)
    assert set(statuses(guide).values()) == {S.UP_TO_DATE}


def test_a_major_edit_leaves_missing_translations_missing():
    guide = GuideFactory()
    guide.title_sv = "Ny titel"
    guide_save(guide=guide, changed_fields=["title_sv"])
    result = statuses(guide)
    assert result["en"] == S.OUTDATED
    assert result["uk"] == S.MISSING


def test_a_translation_edited_together_with_the_source_is_up_to_date():
    guide = fully_translated_guide()
    guide.body_sv = "Ny text."
    guide.body_uk = "Новий текст."
    guide_save(guide=guide, changed_fields=["body_sv", "body_uk"])
    result = statuses(guide)
    assert result["uk"] == S.UP_TO_DATE
    assert result["de"] == S.OUTDATED


def test_updating_an_outdated_translation_makes_it_up_to_date_again():
    guide = fully_translated_guide()
    guide.body_sv = "Ny text."
    guide_save(guide=guide, changed_fields=["body_sv"])
    guide.body_de = "Neuer Text."
    guide_save(guide=guide, changed_fields=["body_de"])
    assert statuses(guide)["de"] == S.UP_TO_DATE


def test_an_emptied_translation_counts_as_missing():
    guide = fully_translated_guide()
    guide.body_pl = ""
    guide_save(guide=guide, changed_fields=["body_pl"])
    assert statuses(guide)["pl"] == S.MISSING


def test_a_translation_marked_as_machine_translated_needs_review():
    guide = GuideFactory()
    guide.title_uk = "Заголовок"
    guide.body_uk = "Текст"
    guide_save(guide=guide, changed_fields=["title_uk", "body_uk"], machine_translated=["uk"])
    assert statuses(guide)["uk"] == S.MACHINE


def test_the_overview_counts_change_after_a_major_edit():
    guide = fully_translated_guide()
    from guides.models import Guide

    before = translation_overview(Guide.objects.all())
    guide.body_sv = "Ny text."
    guide_save(guide=guide, changed_fields=["body_sv"])
    after = translation_overview(Guide.objects.all())

    def count(overview, code, status):
        row = next(r for r in overview["rows"] if r["code"] == code)
        return next(n for value, _label, n in row["counts"] if value == status)

    assert count(before, "de", S.UP_TO_DATE) == 1
    assert count(after, "de", S.UP_TO_DATE) == 0
    assert count(after, "de", S.OUTDATED) == 1
    assert {item.language for item in after["todo"]} == set(OTHERS)
