"""Guide search: PostgreSQL full text per language with trigram typo tolerance; on
SQLite (the embedded default) a word search with the same typo tolerance, the
vocabulary matched with RapidFuzz. A fixed number of queries per search.

Raw SQL is left only where the ORM cannot say it (ranking each row in its own
language's configuration, the trigram correction); it returns plain values.
"""

# ruff: noqa: S608 - the SQL strings are built from quoted model identifiers, not values

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchHeadline, SearchQuery, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, FloatField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Substr
from django.utils.safestring import SafeString, mark_safe
from rapidfuzz import fuzz, process

from guides.models import Guide, GuideTranslation, SearchWord, TranslationStatus
from guides.selectors.guides import fallback_chain, search_config, text_direction

MAX_QUERY_LENGTH = 200
SEARCH_LIMIT = 20

# ``plain_title %> 'query'`` (word similarity, served by the trigram GIN index). The
# lookup is registered on this one field, as contrib.postgres is not an installed app.
GuideTranslation._meta.get_field("plain_title").register_lookup(TrigramWordSimilar)


def q(name: str) -> str:
    """A quoted identifier."""
    return connection.ops.quote_name(name)


def table(model) -> str:
    return q(model._meta.db_table)


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
        outcome = _search_sqlite(query, languages, limit)
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

    Raw SQL, returning plain values: ranking each row with its own language's
    text-search configuration in one statement is more than the ORM can say."""
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


#: Without a headline (a title match), a result shows the start of the text.
LEAD_LENGTH = 200


def _hits(picked: list[tuple[int, str, float]], query: str, languages: list[str]) -> list:
    """The results of the picked rows (row id, language, score), in that order: title,
    link and a highlighted passage (``ts_headline`` in the row's own language's
    configuration) or the start of the text. One query."""
    passage = Case(
        *[
            When(
                language=code,
                then=SearchHeadline(
                    "plain_text",
                    SearchQuery(query, config=search_config(code), search_type="websearch"),
                    config=search_config(code),
                    start_sel=_MARK_START,
                    stop_sel=_MARK_STOP,
                    max_words=35,
                    min_words=15,
                    # Django takes a number of characters; django-stubs types it str.
                    short_word=2,  # type: ignore[arg-type]
                ),
            )
            for code in languages
        ],
        output_field=TextField(),
    )
    rows = {
        row.pk: row
        for row in GuideTranslation.objects.filter(pk__in=[row_id for row_id, *_ in picked])
        .select_related("guide__topic")
        .only("plain_title", "guide__slug", "guide__topic", "guide__topic__slug")
        .annotate(passage=passage, lead=Substr("plain_text", 1, LEAD_LENGTH))
        .order_by()
    }
    hits = []
    for row_id, language, score in picked:
        row = rows.get(row_id)
        if row is None:  # deleted in between
            continue
        hits.append(
            SearchHit(
                guide=row.guide,
                language=language,
                direction=text_direction(language),
                title=row.plain_title,
                snippet=_marked(row.passage or row.lead),
                score=score,
            )
        )
    return hits


#: Query words shorter than this are never corrected (too many near neighbours).
CORRECT_MIN_LENGTH = 4
CORRECT_MAX_WORDS = 6
#: The closest words by trigram similarity that RapidFuzz's ratio chooses among.
CORRECT_CANDIDATES = 5
_CORRECT_SQL = """
    SELECT q.word, best.word
    FROM unnest(%s::text[]) WITH ORDINALITY AS q(word, n)
    JOIN LATERAL (
        SELECT w.word, w.word <-> q.word AS distance FROM relocation_searchword w
        WHERE w.language = ANY(%s) AND w.word %% q.word
        ORDER BY distance, w.word
        LIMIT %s
    ) best ON TRUE
    ORDER BY q.n, best.distance, best.word
"""


def _corrected_query(query: str, languages: list[str]) -> str:
    """The query with each misspelt word replaced by the most similar word of the
    guides' vocabulary (``SearchWord``) in the reader's languages; "" when nothing
    would change. One query: the index finds the closest words by trigram similarity,
    and RapidFuzz's ratio (as on SQLite) chooses among them, so that a word with a
    wrong letter ("korkort") goes to the word meant ("körkort"), not to a shorter word
    it contains ("kort"), whose trigrams it all has."""
    words = _WORD.findall(query.lower())[:CORRECT_MAX_WORDS]
    checked = [w for w in words if len(w) >= CORRECT_MIN_LENGTH and not w.isdigit()]
    if not checked:
        return ""
    with connection.cursor() as cursor:
        cursor.execute(_CORRECT_SQL, [checked, languages, CORRECT_CANDIDATES])
        candidates: dict[str, list[str]] = {}
        for word, match in cursor.fetchall():
            candidates.setdefault(word, []).append(match)
    best = {}
    for word, matches in candidates.items():
        # max() keeps the first of equals: the closest by trigrams.
        match = max(matches, key=lambda candidate: fuzz.ratio(word, candidate))
        if match != word:
            best[word] = match
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
        # Django takes an expression here too; django-stubs types only a string.
        similarity = TrigramWordSimilarity(Value(query), "plain_title")  # type: ignore[arg-type]
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
        .select_related("guide__topic")
        .only(
            "language",
            "plain_title",
            "plain_text",
            "guide__slug",
            "guide__topic",
            "guide__topic__slug",
        )
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


#: RapidFuzz's ``ratio`` (0-100, from the Indel distance) a vocabulary word needs to
#: replace a query word: one wrong, missing or doubled letter in a word of five letters
#: or more ("korkort" → "körkort" is 86, "personummer" → "personnummer" 96).
FUZZY_CUTOFF = 80


def _corrected_query_fuzzy(query: str, languages: list[str]) -> str:
    """SQLite's ``_corrected_query``: each misspelt word replaced by the most similar
    word of the guides' vocabulary (``SearchWord``) in the reader's languages, by
    RapidFuzz's ratio; "" when nothing would change. One query."""
    words = _WORD.findall(query.lower())[:CORRECT_MAX_WORDS]
    checked = [w for w in words if len(w) >= CORRECT_MIN_LENGTH and not w.isdigit()]
    if not checked:
        return ""
    known = set(SearchWord.objects.filter(language__in=languages).values_list("word", flat=True))
    vocabulary = sorted(known)  # ties go to the first in alphabetical order
    best = {}
    for word in checked:
        if word in known:
            continue
        match = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if match:
            best[word] = match[0]
    if not best:
        return ""
    return _WORD.sub(lambda m: best.get(m.group(0).lower(), m.group(0)), query)


def _search_sqlite(query: str, languages: list[str], limit: int) -> SearchOutcome:
    """Every word in the title or text; when that finds nothing, again with the
    misspelt words corrected (as on PostgreSQL)."""
    outcome = _search_contains(query, languages, limit)
    if outcome.hits:
        return outcome
    corrected = _corrected_query_fuzzy(query, languages)
    if not corrected:
        return outcome
    found = _search_contains(corrected, languages, limit)
    if not found.hits:
        return outcome
    return SearchOutcome(query=query, hits=found.hits, method="corrected", corrected=corrected)
