"""The labelled evaluation set holds the floors of the smart enquiry suggestions
(bench/enquiry_language.py reports the full figures)."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from enquiries.services.language import MIN_CHARACTERS, detect_language
from enquiries.services.suggestions import suggest_municipality_slug

ROOT = Path(__file__).resolve().parent.parent.parent
EVAL = [
    json.loads(line)
    for line in (ROOT / "tests/data/enquiries_eval.jsonl").read_text(encoding="utf-8").splitlines()
    if line
]
LANGUAGES = {"sv", "en", "de", "es", "pl", "uk", "ar", "fa"}
MUNICIPALITIES = {
    "ostersund", "are", "krokom", "stromsund", "ragunda", "berg", "harjedalen", "bracke"
}  # fmt: skip


def test_the_set_has_200_labelled_enquiries_across_the_eight_languages():
    assert len(EVAL) >= 200
    counts = Counter(row["language"] for row in EVAL)
    assert set(counts) == LANGUAGES
    assert min(counts.values()) >= 20
    assert all(row["topic"] for row in EVAL)
    assert {row["municipality"] for row in EVAL} - {None} <= MUNICIPALITIES


def test_language_detection_is_right_for_at_least_95_percent_of_texts_of_20_characters():
    rows = [row for row in EVAL if len(row["text"].strip()) >= MIN_CHARACTERS]
    right = sum(detect_language(row["text"]) == row["language"] for row in rows)
    assert right / len(rows) >= 0.95


def test_the_municipality_is_right_for_at_least_90_percent_of_texts_naming_a_place():
    rows = [row for row in EVAL if row["municipality"]]
    right = sum(suggest_municipality_slug(row["text"]) == row["municipality"] for row in rows)
    assert right / len(rows) >= 0.90


def test_texts_naming_no_place_rarely_get_a_municipality():
    rows = [row for row in EVAL if not row["municipality"]]
    assert sum(bool(suggest_municipality_slug(row["text"])) for row in rows) / len(rows) <= 0.05


def test_the_bench_script_runs(capsys):
    spec = importlib.util.spec_from_file_location("bench_el", ROOT / "bench/enquiry_language.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    lang = bench.language_figures(EVAL)
    assert lang["long"] >= 0.95


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Vi flyttar till Östersunds kommun i vår", "ostersund"),
        ("Jag bor i Duved sedan maj", "are"),
        ("Mieszkam w Östersundzie od roku", "ostersund"),
        ("Ми живемо в Естерсунді", "ostersund"),
        ("نعيش في أوسترسوند", "ostersund"),
        ("moving to ostersund next year", "ostersund"),
        ("I live in Are now", "are"),
        ("Are there schools for my children?", None),
        ("der Berg ist hoch", "berg"),  # a German noun: capitalised inside a sentence
        ("der berg ist hoch", None),
        ("Hallen är stor", None),
        ("Vi bor i Funäsdalen", "harjedalen"),
    ],
)
def test_municipality_from_place_names(text, slug):
    assert suggest_municipality_slug(text) == slug
