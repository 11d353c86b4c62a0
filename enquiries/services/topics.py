"""Topic suggestions: a small classifier (TF-IDF of character n-grams, complement
naive Bayes; scikit-learn) trained on the routed enquiries' final topics, retrained
nightly (enquiries.tasks.retrain_topic_model) and kept in the database.

A suggestion for the newcomer to confirm, never a decision. The clear fallback: a
topic with fewer than ENQUIRY_TOPIC_MIN_PER_TOPIC labelled enquiries is never
suggested, and with fewer than two such topics there is no model and no suggestion.
Anonymised enquiries are left out, and each retraining forgets what was deleted.
"""

from __future__ import annotations

import io
import pickle
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import transaction

from enquiries.models import Enquiry, TopicModelSnapshot


@dataclass
class TopicModel:
    pipeline: Any  # a fitted scikit-learn Pipeline
    labels: list[str]

    def suggest(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        """The k likeliest topic slugs with their probabilities."""
        if not (text or "").strip():
            return []
        probabilities = self.pipeline.predict_proba([text])[0]
        ranked = sorted(
            zip(self.pipeline.classes_, probabilities, strict=True), key=lambda p: -p[1]
        )
        return [(str(slug), float(p)) for slug, p in ranked[:k]]


def train_topic_model(texts: list[str], labels: list[str], *, min_per_topic: int):
    """A model of the topics with at least ``min_per_topic`` texts, or None when
    fewer than two topics have that many."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.naive_bayes import ComplementNB
    from sklearn.pipeline import make_pipeline

    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    kept = {label for label, n in counts.items() if n >= min_per_topic}
    if len(kept) < 2:
        return None
    pairs = [(text, label) for text, label in zip(texts, labels, strict=True) if label in kept]
    pipeline = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        # Complement naive Bayes: better than logistic regression on few, short texts
        # in eight languages (bench/enquiry_language.py, 5-fold on the evaluation set).
        ComplementNB(alpha=0.1),
    )
    pipeline.fit([text for text, _label in pairs], [label for _text, label in pairs])
    return TopicModel(pipeline=pipeline, labels=sorted(kept))


def _training_data() -> tuple[list[str], list[str]]:
    rows = (
        Enquiry.objects.exclude(status=Enquiry.Status.TO_ROUTE)
        .filter(anonymised_at__isnull=True)
        .values_list("message", "topic__slug")
        .order_by("pk")
    )
    texts, labels = [], []
    for message, slug in rows.iterator():
        if message.strip():
            texts.append(message)
            labels.append(slug)
    return texts, labels


def topic_model_retrain(*, min_per_topic: int | None = None) -> TopicModelSnapshot | None:
    """Train on the routed (and re-routed: their final topic) enquiries and keep
    the model; with too little data, delete any kept model (no suggestions).
    ``min_per_topic`` defaults to ENQUIRY_TOPIC_MIN_PER_TOPIC (the demo asks less)."""
    texts, labels = _training_data()
    if min_per_topic is None:
        min_per_topic = settings.ENQUIRY_TOPIC_MIN_PER_TOPIC
    model = train_topic_model(texts, labels, min_per_topic=min_per_topic)
    with transaction.atomic():
        TopicModelSnapshot.objects.all().delete()
        if model is None:
            return None
        buffer = io.BytesIO()
        pickle.dump(model, buffer)
        return TopicModelSnapshot.objects.create(
            data=buffer.getvalue(), trained_on=len(texts), topics=len(model.labels)
        )


@lru_cache(maxsize=2)
def _load(snapshot_id: int, created_at) -> TopicModel:
    """Kept in the process per snapshot (its id and time: an id may come back)."""
    data = TopicModelSnapshot.objects.values_list("data", flat=True).get(pk=snapshot_id)
    return pickle.loads(bytes(data))  # noqa: S301 - written by topic_model_retrain only


def topic_suggestions(text: str, *, k: int = 3) -> list:
    """The k likeliest Topic rows for the text; [] without a model."""
    from guides.models import Topic

    snapshot = TopicModelSnapshot.objects.values_list("pk", "created_at").order_by("-pk").first()
    if snapshot is None or len((text or "").strip()) < 10:
        return []
    slugs = [slug for slug, _p in _load(*snapshot).suggest(text, k=k)]
    topics = {topic.slug: topic for topic in Topic.objects.filter(slug__in=slugs)}
    return [topics[slug] for slug in slugs if slug in topics]
