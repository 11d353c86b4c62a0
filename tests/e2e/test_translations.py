"""No interface string shows up untranslated (English source or Swedish) on a page
in another language. Text inside an element with its own, different `lang`
(the language switcher, quoted names) or `translate="no"` is left out."""

from __future__ import annotations

import pytest

from tests.e2e import summary
from tests.e2e.catalogues import missing_catalogues, untranslated_on_page
from tests.e2e.crawl import PageResult
from tests.e2e.pages import TRANSLATED_LANGUAGES

pytestmark = pytest.mark.browser


def test_every_translated_language_has_a_catalogue():
    assert not missing_catalogues(TRANSLATED_LANGUAGES), "no locale/<lang>/LC_MESSAGES/django.po"


def test_no_untranslated_interface_strings(crawled: list[PageResult], subtests):
    failing: dict[str, int] = {}
    for result in crawled:
        if result.lang not in TRANSLATED_LANGUAGES:
            continue
        with subtests.test(msg=f"untranslated: {result.label}"):
            assert result.error is None, result.error
            found = untranslated_on_page(
                result.lang, result.dom["texts"], result.dom["foreignTexts"]
            )
            if found:
                failing[result.lang] = failing.get(result.lang, 0) + 1
            assert not found, f"{len(found)} untranslated strings:\n" + "\n".join(
                f"    {s!r}" for s in found
            )
    checked = sum(1 for r in crawled if r.lang in TRANSLATED_LANGUAGES)
    summary.add(
        "Translations",
        f"{checked} pages checked; pages with untranslated strings per language: "
        + (", ".join(f"{k}={v}" for k, v in sorted(failing.items())) or "none"),
    )
