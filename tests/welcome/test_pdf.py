"""The welcome-pack PDF: every language, its text in reading order, tagged, cached."""

from __future__ import annotations

import io
import subprocess

import pypdf
import pytest

from guides.models import Guide
from tests.welcome.conftest import LANGUAGES, TITLES
from welcome.models import WelcomePackPdf
from welcome.selectors import pack_for_profile
from welcome.services import pack_pdf_build, pack_pdf_render, pack_pdf_request

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The text as poppler's pdftotext reads it (logical order, no layout)."""
    path = tmp_path / "pack.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_is_built_in_every_language_with_the_municipality_and_the_steps(
    first_week_guides, are, language, tmp_path
):
    pack = pack_for_profile(language=language, municipality=are, citizenship="non_eu")
    pdf = pack_pdf_render(pack)

    text = pdf_text(pdf, tmp_path)
    assert "Åre" in text
    for subject in ("population-registration", "bank-account-bankid", "sfi"):
        assert TITLES[subject][1][language] in text, (subject, language)
    # No children: no school guide.
    assert TITLES["preschool-school"][1][language] not in text

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    catalog = reader.trailer["/Root"]
    # Tagged (WeasyPrint's pdf_tags): marked content and a structure tree, with the language.
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == language


def test_arabic_text_is_extracted_in_reading_order_with_an_arabic_font(
    first_week_guides, are, tmp_path
):
    pack = pack_for_profile(language="ar", municipality=are, has_children=True)
    pdf = pack_pdf_render(pack)

    text = pdf_text(pdf, tmp_path)
    title = TITLES["population-registration"][1]["ar"]
    # A whole title, letters in logical order (not reversed, not split into words).
    assert title in text
    assert title[::-1] not in text
    assert TITLES["preschool-school"][1]["ar"] in text  # a family: the school step
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Noto-Naskh-Arabic" in name for name in fonts), fonts
    assert reader.trailer["/Root"]["/Lang"] == "ar"


def test_the_municipality_s_own_guide_replaces_the_county_guide(first_week_guides, are):
    pack = pack_for_profile(language="en", municipality=are, has_children=True)
    school = next(step for step in pack.steps if step.subject == "preschool-school")
    assert school.title == "Preschool and school in Åre"
    assert school.is_local
    assert [step.subject for step in pack.steps] == [
        "population-registration",
        "bank-account-bankid",
        "preschool-school",
        "sfi",
    ]
    assert [contact.name for contact in pack.contacts] == [
        "Åre kommun",
        "Region Jämtland Härjedalen",
    ]
    assert pack.contacts[0].speaks_reader_language


def test_a_language_without_a_translation_falls_back_as_the_guide_pages_do(first_week_guides, are):
    guide = first_week_guides["sfi"]
    guide.title_pl = ""
    guide.body_pl = ""
    guide.save()
    pack = pack_for_profile(language="pl", municipality=are)
    sfi = next(step for step in pack.steps if step.subject == "sfi")
    assert (sfi.language, sfi.title) == ("en", "Swedish for immigrants")


@pytest.mark.django_db(transaction=True)  # the build is queued after commit, as in a request
def test_a_second_request_uses_the_built_pdf_and_a_guide_edit_rebuilds_it(
    first_week_guides, are, monkeypatch
):
    builds = []
    real_render = pack_pdf_render

    def counting_render(pack):
        builds.append(pack.key)
        return real_render(pack)

    monkeypatch.setattr("welcome.services.pack_pdf_render", counting_render)
    pack = pack_for_profile(language="sv", municipality=are)
    first = pack_pdf_request(pack)  # Celery eager: built at once
    assert first is not None
    again = pack_pdf_request(pack_for_profile(language="sv", municipality=are))
    assert again.pk == first.pk
    assert len(builds) == 1

    guide = Guide.objects.get(pk=first_week_guides["sfi"].pk)
    guide.title_sv = "Svenska för invandrare (sfi)"
    guide.save()
    edited = pack_for_profile(language="sv", municipality=are)
    assert edited.key != pack.key
    rebuilt = pack_pdf_request(edited)
    assert rebuilt is not None
    assert len(builds) == 2
    # The older build of the same variant is dropped; nothing else is kept.
    assert list(WelcomePackPdf.objects.values_list("key", flat=True)) == [edited.key]
    assert WelcomePackPdf.objects.get().variant == edited.variant


def test_the_build_is_idempotent(first_week_guides, are):
    args = {
        "language": "de",
        "municipality_id": are.pk,
        "citizenship": "",
        "has_partner": False,
        "has_children": False,
    }
    first = pack_pdf_build(**args)
    assert pack_pdf_build(**args).pk == first.pk
    assert WelcomePackPdf.objects.count() == 1


def test_a_pending_build_shows_nothing_until_the_worker_has_built_it(
    first_week_guides, are, monkeypatch
):
    """With a broker, the request only queues the build (once)."""
    queued = []
    monkeypatch.setattr(
        "welcome.services.enqueue_on_commit", lambda name, *args: queued.append((name, args))
    )
    pack = pack_for_profile(language="uk", municipality=are, has_partner=True)
    assert pack_pdf_request(pack) is None
    assert pack_pdf_request(pack) is None
    assert queued == [("welcome.tasks.build_pack_pdf", ("uk", are.pk, "", True, False))]
