"""Guide search: PostgreSQL full text per language with trigram typo tolerance;
a simpler ``icontains`` search on SQLite. A fixed number of queries per search."""

# ruff: noqa: S608 - the SQL strings are built from quoted _meta identifiers, not values

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, FloatField, Q, QuerySet, Value, When
from django.utils.safestring import SafeString, mark_safe

from guides.models import Guide, GuideTranslation, Topic, TranslationStatus
from guides.selectors.guides import fallback_chain, search_config, text_direction
from guides.selectors.sql import Columns, q, split_row, table

MAX_QUERY_LENGTH = 200
SEARCH_LIMIT = 20

# ``plain_title %> 'query'`` (word similarity, served by the trigram GIN index). The
# lookup is registered on this one field, as contrib.postgres is not an installed app.
GuideTranslation._meta.get_field("plain_title").register_lookup(TrigramWordSimilar)


# --- search ---------------------------------------------------------------------------------

_MARK_START, _MARK_STOP = "\u2991", "\u2992"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class SearchHit:
    guide: Guide
    language: str
    direction: str
    title: str
    snippet: SafeString
    score: float


@dataclass
class SearchOutcome:
    query: str
    hits: list[SearchHit] = field(default_factory=list)
    #: "empty", "junk", "fulltext", "corrected", "similar" or "contains".
    method: str = "empty"
    #: With "corrected": the query with its misspelt words corrected, which found the hits.
    corrected: str = ""


def clean_query(raw: str | None) -> str:
    query = re.sub(r"\s+", " ", (raw or "").replace("\x00", " ")).strip()
    return query[:MAX_QUERY_LENGTH]


def _marked(text: str) -> SafeString:
    escaped = html.escape(text)
    marked = escaped.replace(_MARK_START, "<mark>").replace(_MARK_STOP, "</mark>")
    return mark_safe(marked)  # noqa: S308 - escaped above; only our own <mark> added


def guides_search(
    raw_query: str | None, language: str, *, limit: int = SEARCH_LIMIT
) -> SearchOutcome:
    query = clean_query(raw_query)
    if not query:
        return SearchOutcome(query=query, method="empty")
    if not _WORD.search(query):
        return SearchOutcome(query=query, method="junk")
    languages = fallback_chain(language)
    if connection.vendor == "postgresql":
        outcome = _search_postgres(query, languages, limit)
    else:
        outcome = _search_contains(query, languages, limit)
    return outcome


def _searchable() -> QuerySet[GuideTranslation]:
    return GuideTranslation.objects.filter(guide__published=True).exclude(
        status=TranslationStatus.MISSING
    )


def _pick_best(rows: list[tuple[int, int, str, float]], limit: int) -> list[tuple[int, str, float]]:
    """rows: (row id, guide id, language, score) sorted best first → one per guide."""
    seen: set[int] = set()
    picked = []
    for row_id, guide_id, language, score in rows:
        if guide_id in seen:
            continue
        seen.add(guide_id)
        picked.append((row_id, language, score))
        if len(picked) == limit:
            break
    return picked


def _priority(languages: list[str]) -> Case:
    """0 for the reader's language, then 1, 2 … for the fallbacks."""
    return Case(
        *[When(language=code, then=Value(i)) for i, code in enumerate(languages)],
        output_field=FloatField(),
    )


def _tsquery(code: str, query: str) -> tuple[str, list]:
    """``websearch_to_tsquery`` of ``query`` in the text-search configuration of ``code``."""
    return "websearch_to_tsquery(%s::regconfig, %s)", [search_config(code), query]


def _fulltext_rows(query: str, languages: list[str]) -> list[tuple[int, int, str, float]]:
    """The translations of published guides whose text matches ``query`` in their own
    language's configuration: (row id, guide id, language, rank), the reader's language
    first, then the fallbacks, best first; at most 200.

    Hand-written (see ``relocation/selectors/guide_page.py``): through the ORM, the
    per-language CASE expressions of this query cost more to compile than to run."""
    rank, rank_params, match, match_params, order, order_params = [], [], [], [], [], []
    for priority, code in enumerate(languages):
        tsquery, params = _tsquery(code, query)
        rank.append(f"WHEN %s THEN ts_rank(tr.{q('search_vector')}, {tsquery})")
        rank_params += [code, *params]
        match.append(f"(tr.{q('language')} = %s AND tr.{q('search_vector')} @@ {tsquery})")
        match_params += [code, *params]
        order.append(f"WHEN %s THEN {priority}")
        order_params.append(code)
    sql = (
        f"SELECT tr.{q('id')}, tr.{q('guide_id')}, tr.{q('language')}, "
        f"CASE tr.{q('language')} {' '.join(rank)} END AS rank "
        f"FROM {table(GuideTranslation)} tr "
        f"WHERE tr.{q('status')} <> %s AND ({' OR '.join(match)}) "
        # Served by the reloc_guide_published index, without reading the guides.
        f"AND tr.{q('guide_id')} IN "
        f"(SELECT g.{q('id')} FROM {table(Guide)} g WHERE g.{q('published')}) "
        f"ORDER BY CASE tr.{q('language')} {' '.join(order)} END, rank DESC, "
        f"tr.{q('guide_id')} LIMIT 200"
    )
    params = [*rank_params, TranslationStatus.MISSING, *match_params, *order_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


#: ts_headline's options: our marks around the matches, a passage of 15-35 words.
HEADLINE_OPTIONS = (
    f"StartSel='{_MARK_START}', StopSel='{_MARK_STOP}', MaxWords=35, MinWords=15, ShortWord=2"
)
#: Without a headline (a title match), a result shows the start of the text.
LEAD_LENGTH = 200


@lru_cache(maxsize=1)
def _hit_columns() -> tuple[Columns, Columns]:
    """What a result links to: the guide's slug and its topic's."""
    return Columns.of(Guide, "g", ["slug", "topic_id"]), Columns.of(Topic, "t", ["slug"])


def _hits(picked: list[tuple[int, str, float]], query: str, languages: list[str]) -> list:
    """The results of the picked rows (row id, language, score), in that order: title,
    link and a highlighted passage (``ts_headline``) or the start of the text."""
    guide_columns, topic_columns = _hit_columns()
    headline, headline_params = [], []
    for code in languages:
        tsquery, params = _tsquery(code, query)
        headline.append(
            f"WHEN %s THEN ts_headline(%s::regconfig, tr.{q('plain_text')}, {tsquery}, %s)"
        )
        headline_params += [code, search_config(code), *params, HEADLINE_OPTIONS]
    sql = (
        f"SELECT tr.{q('id')}, tr.{q('plain_title')}, "
        f"CASE tr.{q('language')} {' '.join(headline)} END, "
        f"SUBSTRING(tr.{q('plain_text')}, 1, {LEAD_LENGTH}), "
        f"{guide_columns.sql}, {topic_columns.sql} "
        f"FROM {table(GuideTranslation)} tr "
        f"INNER JOIN {table(Guide)} g ON g.{q('id')} = tr.{q('guide_id')} "
        f"INNER JOIN {table(Topic)} t ON t.{q('id')} = g.{q('topic_id')} "
        f"WHERE tr.{q('id')} = ANY(%s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*headline_params, [row_id for row_id, _lang, _score in picked]])
        rows = {row[0]: row for row in cursor.fetchall()}
    hits = []
    for row_id, language, score in picked:
        row = rows.get(row_id)
        if row is None:  # deleted in between
            continue
        _id, title, passage, lead, *rest = row
        guide, topic = split_row(rest, [guide_columns, topic_columns])
        guide.topic = topic
        hits.append(
            SearchHit(
                guide=guide,
                language=language,
                direction=text_direction(language),
                title=title,
                snippet=_marked(passage or lead),
                score=score,
            )
        )
    return hits


#: Query words shorter than this are never corrected (too many near neighbours).
CORRECT_MIN_LENGTH = 4
CORRECT_MAX_WORDS = 6
_CORRECT_SQL = """
    SELECT q.word, best.word
    FROM unnest(%s::text[]) WITH ORDINALITY AS q(word, n)
    LEFT JOIN LATERAL (
        SELECT w.word FROM relocation_searchword w
        WHERE w.language = ANY(%s) AND w.word %% q.word
        ORDER BY w.word <-> q.word, w.word
        LIMIT 1
    ) best ON TRUE
    ORDER BY q.n
"""


def _corrected_query(query: str, languages: list[str]) -> str:
    """The query with each misspelt word replaced by the most similar word of the
    guides' vocabulary (``SearchWord``, trigram similarity) in the reader's languages;
    "" when nothing would change. One query."""
    words = _WORD.findall(query.lower())[:CORRECT_MAX_WORDS]
    checked = [w for w in words if len(w) >= CORRECT_MIN_LENGTH and not w.isdigit()]
    if not checked:
        return ""
    with connection.cursor() as cursor:
        cursor.execute(_CORRECT_SQL, [checked, languages])
        best = {word: match for word, match in cursor.fetchall() if match and match != word}
    if not best:
        return ""
    # Replace the words in place, so quotes and operators ("-", "or") keep their sense.
    return _WORD.sub(lambda m: best.get(m.group(0).lower(), m.group(0)), query)


def _search_postgres(query: str, languages: list[str], limit: int) -> SearchOutcome:
    rows = _fulltext_rows(query, languages)
    method, corrected, searched = "fulltext", "", query
    if not rows:
        # A misspelt word: search again with the closest words of the guides' texts.
        corrected = _corrected_query(query, languages)
        if corrected:
            rows = _fulltext_rows(corrected, languages)
            method, searched = "corrected", corrected
    if not rows:
        # Still nothing: the closest titles by trigram word similarity.
        corrected = ""
        similarity = TrigramWordSimilarity(Value(query), "plain_title")
        rows = list(
            _searchable()
            .filter(language__in=languages, plain_title__trigram_word_similar=query)
            .annotate(rank=similarity, priority=_priority(languages))
            .order_by("-rank", "priority", "guide_id")
            .values_list("pk", "guide_id", "language", "rank")[:200]
        )
        method = "similar"
    picked = _pick_best(rows, limit)
    if not picked:
        return SearchOutcome(query=query, method=method)
    # Already in order: the reader's language first, then the fallbacks; best first.
    hits = _hits(picked, searched, languages)
    return SearchOutcome(query=query, hits=hits, method=method, corrected=corrected)


def _contains_snippet(text: str, words: list[str]) -> SafeString:
    lowered = text.lower()
    positions = [lowered.find(w.lower()) for w in words if lowered.find(w.lower()) >= 0]
    start = max(min(positions) - 80, 0) if positions else 0
    excerpt = text[start : start + 240]
    for word in sorted(set(words), key=len, reverse=True):
        excerpt = re.sub(
            re.escape(word),
            lambda m: f"{_MARK_START}{m.group(0)}{_MARK_STOP}",
            excerpt,
            flags=re.IGNORECASE,
        )
    prefix = "… " if start else ""
    return _marked(prefix + excerpt + (" …" if start + 240 < len(text) else ""))


def _search_contains(query: str, languages: list[str], limit: int) -> SearchOutcome:
    """SQLite: every word must appear in the title or text; title matches rank higher."""
    words = [w for w in _WORD.findall(query) if len(w) > 1][:8] or _WORD.findall(query)[:1]
    condition = Q()
    for word in words:
        condition &= Q(plain_title__icontains=word) | Q(plain_text__icontains=word)
    rows = list(
        _searchable()
        .filter(condition, language__in=languages)
        .select_related("guide", "guide__topic")
        .order_by("guide_id")[:500]
    )
    rank_of = {code: i for i, code in enumerate(languages)}

    def score(row: GuideTranslation) -> float:
        title = row.plain_title.lower()
        return sum(2.0 if w.lower() in title else 1.0 for w in words)

    rows.sort(key=lambda row: (rank_of[row.language], -score(row), row.guide_id))
    seen: set[int] = set()
    hits = []
    for row in rows:
        if row.guide_id in seen:
            continue
        seen.add(row.guide_id)
        hits.append(
            SearchHit(
                guide=row.guide,
                language=row.language,
                direction=text_direction(row.language),
                title=row.plain_title,
                snippet=_contains_snippet(row.plain_text, words),
                score=score(row),
            )
        )
        if len(hits) == limit:
            break
    return SearchOutcome(query=query, hits=hits, method="contains")
