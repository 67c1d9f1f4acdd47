"""Swedish word tokens and snowball stems, shared by the search index, search queries and watches.

Why: members search and watch in inflected Swedish (*vårdplats*, *vårdplatser*,
*vårdplatserna*, *budgeten*). The full-text index stores a normal form of every word (its
snowball stem, `index_terms`); a query word becomes a term that must equal an indexed term, or
for compounds start one. Snowball is not idempotent on
Swedish (`vårdplats -> vårdplat`, `vårdplatser -> vårdplats`), so a query word's stem gets the
final-`s` rule once more (`query_term`): `vårdplatser` and `vårdplats` both become `vårdplat`,
which as a prefix also covers compounds (`vårdplatsbrist`). Pure, no I/O.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[^\W_]+")
_STEMMER = snowballstemmer.stemmer("swedish")
# Letters after which Swedish snowball removes a final "s" (its "s_ending" grouping).
_S_ENDING = frozenset("bcdfghjklmnoprtvy")

MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 8
# Words too common to narrow a search; dropped from queries unless nothing else is left.
# fmt: off
STOPWORDS = frozenset({
    "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den",
    "har", "de", "om", "ett", "men", "var", "jag", "så", "inte", "vid", "från", "eller",
    "kan", "ska", "skall", "alla", "efter", "under", "samt", "även", "hos", "enligt",
})
# fmt: on


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits, Swedish letters kept, punctuation dropped)."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The snowball (Swedish) stem of one lower-cased word; digits-only words are kept as is."""
    if word.isdigit():
        return word
    result: str = _STEMMER.stemWord(word)
    return result


def stems(text: str) -> list[str]:
    """Stems of every word of `text`, in order (what the search index stores)."""
    return [stem(w) for w in words(text)]


def query_term(word: str) -> str:
    """The search term of one query word: a prefix that the indexed stems must start with.

    Snowball drops a final genitive-like `s` from base forms (`vårdplats -> vårdplat`) but not
    from the stem of inflected forms (`vårdplatser -> vårdplats`); the same `s` rule is applied
    once more to the query's stem so both spellings meet at `vårdplat`.
    """
    term = stem(word)
    if len(term) >= 4 and term.endswith("s") and term[-2] in _S_ENDING:
        return term[:-1]
    return term


def index_terms(text: str) -> list[str]:
    """What the search index stores for `text`: the query term of every word, in order.

    Indexing the same normal form the queries use makes every inflection an *exact* match
    (`vårdplatser`, `vårdplatsen`, `vårdplats` are all stored as `vårdplat`), which the index
    answers without merging prefixes; prefixes are only needed for compounds.
    """
    return [query_term(w) for w in words(text)]


def is_exact_term(term: str) -> bool:
    """Numbers and very short terms match whole indexed words only (`4` must not find `40`)."""
    return term.isdigit() or len(term) < 3


def query_terms(text: str) -> list[str]:
    """Distinct search terms of a user's query, stopwords dropped, capped; [] when no words."""
    found = words(text[:MAX_QUERY_CHARS])
    kept = [w for w in found if w not in STOPWORDS] or found
    terms: list[str] = []
    for word in kept:
        term = query_term(word)
        if term and term not in terms:
            terms.append(term)
    return terms[:MAX_QUERY_TERMS]


def term_matches(term: str, indexed_stem: str) -> bool:
    """True when an indexed stem satisfies a query term (the same rule as the FTS query)."""
    if is_exact_term(term):
        return indexed_stem == term
    return indexed_stem.startswith(term)
