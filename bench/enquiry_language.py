"""Benchmark: the smart enquiry suggestions on the labelled evaluation set.

Standalone, offline, no database. Reads ``tests/data/enquiries_eval.jsonl`` (short
enquiries written for this purpose in the eight launch languages, each labelled with
its language, topic and municipality) and reports

* language detection accuracy: on every text, and on texts of 20+ characters (the
  detector's floor; shorter texts fall back to the chosen language, counted wrong
  here unless detected);
* municipality suggestion accuracy on the texts naming a county place, and how often
  a municipality is suggested for a text naming none;
* topic suggestion top-1 / top-3 accuracy, by k-fold cross-validation of the topic
  classifier on the set (when scikit-learn is installed);
* the latency per enquiry (language + municipality), mean and p95.

    .venv/bin/python bench/enquiry_language.py [--file tests/data/enquiries_eval.jsonl]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django  # noqa: E402

django.setup()  # the topic classifier's module imports the models (no database is used)

from enquiries.services.language import MIN_CHARACTERS, detect_language  # noqa: E402
from enquiries.services.suggestions import suggest_municipality_slug  # noqa: E402


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def language_figures(rows: list[dict]) -> dict:
    long_rows = [row for row in rows if len(row["text"].strip()) >= MIN_CHARACTERS]
    right = [row for row in rows if detect_language(row["text"]) == row["language"]]
    right_long = [row for row in right if len(row["text"].strip()) >= MIN_CHARACTERS]
    by_language: dict[str, list[int]] = {}
    for row in long_rows:
        counts = by_language.setdefault(row["language"], [0, 0])
        counts[0] += detect_language(row["text"]) == row["language"]
        counts[1] += 1
    return {
        "all": len(right) / len(rows),
        "long": len(right_long) / len(long_rows),
        "long_count": len(long_rows),
        "by_language": {code: ok / n for code, (ok, n) in sorted(by_language.items())},
        "wrong": [
            (row["language"], detect_language(row["text"]), row["text"])
            for row in long_rows
            if detect_language(row["text"]) != row["language"]
        ],
    }


def municipality_figures(rows: list[dict]) -> dict:
    named = [row for row in rows if row["municipality"]]
    unnamed = [row for row in rows if not row["municipality"]]
    right = [row for row in named if suggest_municipality_slug(row["text"]) == row["municipality"]]
    spurious = [row for row in unnamed if suggest_municipality_slug(row["text"])]
    return {
        "named": len(right) / len(named),
        "named_count": len(named),
        "spurious": len(spurious) / len(unnamed) if unnamed else 0.0,
        "wrong": [
            (row["municipality"], suggest_municipality_slug(row["text"]), row["text"])
            for row in named
            if row not in right
        ],
    }


def topic_figures(rows: list[dict], folds: int = 5) -> dict | None:
    """k-fold cross-validation of the topic classifier: top-1 and top-3 accuracy."""
    try:
        from enquiries.services.topics import train_topic_model
    except ImportError:  # scikit-learn missing
        return None
    top1 = top3 = 0
    for fold in range(folds):
        train = [row for i, row in enumerate(rows) if i % folds != fold]
        test = [row for i, row in enumerate(rows) if i % folds == fold]
        model = train_topic_model(
            [row["text"] for row in train], [row["topic"] for row in train], min_per_topic=1
        )
        for row in test:
            ranked = [slug for slug, _p in model.suggest(row["text"], k=3)]
            top1 += bool(ranked) and ranked[0] == row["topic"]
            top3 += row["topic"] in ranked
    return {"top1": top1 / len(rows), "top3": top3 / len(rows), "folds": folds}


def latency(rows: list[dict]) -> dict:
    times = []
    for row in rows:
        start = time.perf_counter()
        detect_language(row["text"])
        suggest_municipality_slug(row["text"])
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"mean_ms": statistics.fmean(times), "p95_ms": times[int(len(times) * 0.95) - 1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=ROOT / "tests/data/enquiries_eval.jsonl")
    args = parser.parse_args()
    rows = load(args.file)
    detect_language("warm the detector up before timing it")
    lang = language_figures(rows)
    place = municipality_figures(rows)
    print(f"Evaluation set: {len(rows)} enquiries, {len({r['language'] for r in rows})} languages")
    print(
        f"Language: {lang['all']:.1%} of all texts; {lang['long']:.1%} of the "
        f"{lang['long_count']} texts of {MIN_CHARACTERS}+ characters"
    )
    print(
        "  by language (20+ characters): "
        + ", ".join(f"{code} {value:.0%}" for code, value in lang["by_language"].items())
    )
    for expected, got, text in lang["wrong"]:
        print(f"  wrong: {expected} → {got}: {text}")
    print(
        f"Municipality: {place['named']:.1%} of the {place['named_count']} texts naming a "
        f"place; suggested for {place['spurious']:.1%} of the texts naming none"
    )
    for expected, got, text in place["wrong"]:
        print(f"  wrong: {expected} → {got}: {text}")
    topics = topic_figures(rows)
    if topics is None:
        print("Topic: not measured (scikit-learn is not installed)")
    else:
        print(
            f"Topic ({topics['folds']}-fold cross-validation): top-1 {topics['top1']:.1%}, "
            f"top-3 {topics['top3']:.1%}"
        )
    timing = latency(rows)
    print(
        f"Latency per enquiry (language + municipality): mean {timing['mean_ms']:.2f} ms, "
        f"p95 {timing['p95_ms']:.2f} ms"
    )


if __name__ == "__main__":
    main()
