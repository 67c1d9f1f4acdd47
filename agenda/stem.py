"""Swedish word tokens and snowball stems, shared by the search index, search queries and watches.

Why: members search and watch in inflected Swedish (*vårdplats*, *vårdplatser*,
*vårdplatserna*, *budgeten*). The full-text index stores a normal form of every word (its
snowball stem, `index_terms`); a query word becomes a term that must equal an indexed term, or
for compounds start one. Snowball is not idempotent on
Swedish (`vårdplats -> vårdplat`, `vårdplatser -> vårdplats`), so a query word's stem gets the
final-`s` rule once more (`query_term`): `vårdplatser` and `vårdplats` both become `vårdplat`,
which as a prefix also covers compounds (`vårdplatsbrist`). Pure, no I/O.

Watches push an alert, so they use a stricter rule than search (`watch_matches`): a text word
matches when it is an inflection (same term) or a compound whose rest, after an optional linking
`s`/`e`, is itself a known word of at least three letters (`vårdplats|brist`, `sjukvård|s|nämnden`,
`skol|maten`) and not a stopword; `kost|nader`, `bil|agor`, `mat|erial`, `ras|t` and
`ord|förande` are not. "Known" is the index vocabulary or, for a database that has not indexed
the word yet, the Swedish lexicon (`agenda.lexicon`, read on both sides: the part's base form and
the whole word's, `lexicon_compound`), so `avgift` matches `Parkeringsavgifter` and `Avgiftsfri`
from the first agenda on. No Swedish compound splitter is kept on the package registry; the
lexicon plus these rules is that splitter. Search keeps prefix matching: its results are shown
for the user to judge.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from functools import lru_cache

import snowballstemmer

from agenda.lexicon import lemma

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


# Watches: a compound's rest must be at least this long, after an optional linking letter.
MIN_REST_CHARS = 3
_LINKS = frozenset("se")
# Swedish inflection and derivation endings that may also be indexed words (a verb form, a
# pronoun, a name): never the second part of a compound for a watch (`kur|ser`, `plan|era`,
# `kost|bar`, `kost|nad`), whatever the vocabulary holds.
# fmt: off
_SUFFIXES = frozenset({
    "ser", "era", "erad", "erade", "ering", "ens", "ert", "ers", "het", "heten", "lig", "ligt",
    "lighet", "are", "ande", "ende", "bar", "sam", "isk", "iska", "ism", "ist", "ell", "ella",
    "ing", "ning", "else", "itet", "ation", "nad", "nader", "skap", "tet",
})
# fmt: on


def watch_heads(word: str) -> tuple[str, ...]:
    """How a compound starting with the watch word may begin: the word, its term, and for a word
    in -a its linking forms (`gata` -> `gatubelysning`, `kvinna` -> `kvinnojour`); () when the
    word is too short to start compounds (it matches whole words only)."""
    term = query_term(word)
    if is_exact_term(term):
        return ()
    heads = [word, term]
    if word.endswith("a"):
        heads += [word[:-1] + "u", word[:-1] + "o"]
    return tuple(dict.fromkeys(h for h in heads if h))


def compound_tails(heads: tuple[str, ...], text_word: str) -> set[str]:
    """The terms that the rest of `text_word` after a head could be (linking `s`/`e` kept and
    dropped): the compound is real when one of them is a known word. Rests shorter than
    MIN_REST_CHARS, numbers and stopwords are never words here."""
    tails: set[str] = set()
    for head in heads:
        if not text_word.startswith(head):
            continue
        rest = text_word[len(head) :]
        for part in (rest, rest[1:]) if rest[:1] in _LINKS else (rest,):
            if len(part) < MIN_REST_CHARS:
                continue
            term = query_term(part)
            if part in _SUFFIXES or term in _SUFFIXES or term in STOPWORDS or is_exact_term(term):
                continue
            tails.add(term)
    return tails


# Second parts of compounds that agendas use with any topic (`kostpolicy`, `skolplan`) but that a
# young index may not hold as words of their own yet: always known for watches.
# fmt: off
COMMON_PARTS = frozenset(query_term(w) for w in (
    "policy", "plan", "program", "strategi", "riktlinjer", "frågor", "fråga", "ärende",
    "budget", "avgift", "taxa", "utredning", "rapport", "avtal", "frågan",
))
# fmt: on


def compound_fronts(word: str, text_word: str) -> set[str]:
    """The terms the front of `text_word` could be when it ENDS with the watch word (`grund|skolan`
    for `skola`, `sjuk|vården` for `vård`), linking `s`/`e` kept and dropped; the compound is real
    when one of them is a known word. Short watch words (under 4 letters) never end compounds."""
    term = query_term(word)
    if len(word) < 4 or is_exact_term(term):
        return set()
    fronts: set[str] = set()
    start = text_word.find(term, MIN_REST_CHARS)
    while start != -1:
        if is_inflection(word, text_word[start:]):
            head = text_word[:start]
            for part in (head, head[:-1]) if head[-1:] in _LINKS else (head,):
                front = query_term(part)
                if len(part) >= MIN_REST_CHARS and part not in _SUFFIXES:
                    fronts.add(front)  # a stopword may start one: `för|skolan`
        start = text_word.find(term, start + 1)
    return fronts


def definite_forms(word: str) -> tuple[str, ...]:
    """The definite forms of an -a noun, which snowball leaves apart (`skola`: `skolan`)."""
    return (word + "n", word + "ns") if word.endswith("a") else ()


def is_inflection(word: str, text_word: str) -> bool:
    """Same term (`vårdplatserna`, `budgeten`), or a definite form snowball misses (`skolan`)."""
    return query_term(text_word) == query_term(word) or text_word in definite_forms(word)


def watch_matches(word: str, text_word: str, known: Container[str]) -> bool:
    """True when the lower-cased `text_word` is an inflection of the watch `word`, or a compound
    starting or ending with it whose other part is a `known` term (the index vocabulary:
    `search_terms`), one of the COMMON_PARTS, or a word of the Swedish lexicon
    (`lexicon_compound`)."""
    if is_inflection(word, text_word):
        return True
    parts = compound_tails(watch_heads(word), text_word) | compound_fronts(word, text_word)
    if any(t in known or t in COMMON_PARTS for t in parts):
        return True
    return bool(parts) and lexicon_compound(word, text_word)


def lexicon_compound(word: str, text_word: str) -> bool:
    """Is `text_word` the watch `word` compounded with a real Swedish word, by the lexicon
    (`agenda.lexicon`)? Both sides are read as words, not as strings:

    - watch first (`avgift|s|fri`, `vårdplats|brist`): the rest is a listed word whose base form
      has at least four letters, or three after a linking `s`/`e` (`bil|agor` is `aga`: no),
      which follows a consonant only (`skola|s|tik`: no), and the whole word, when listed, ends
      with that base form (`ord|förande` is `ordförande`, not `ord` + `föra`: no); `kost|nader`
      fails as `nader` is no word;
    - watch last (`parkerings|avgifter`, `gymnasie|skolans`): the front is a listed word of at
      least four letters, or two listed words (`grund|sär`), and the whole word, when listed,
      ends with the watch word's base form (`uppskatta` does not end with `skatt`).
    """
    whole = lemma(text_word)
    for head in watch_heads(word):
        if text_word.startswith(head) and len(text_word) > len(head):
            rest = text_word[len(head) :]
            # a linking `s`/`e` follows a consonant (`avgift|s|fri`), never a vowel (`skola|s|tik`)
            linkable = rest[:1] in _LINKS and head[-1:] not in _VOWELS
            tries = [(rest, False), (rest[1:], True)] if linkable else [(rest, False)]
            if any(_real_tail(part, linked, whole) for part, linked in tries):
                return True
    term = query_term(word)
    if len(word) < 4 or is_exact_term(term):
        return False
    base = lemma(word) or word
    if whole is not None and not whole.endswith(base) and not whole.endswith(term):
        return False
    start = text_word.find(term, MIN_REST_CHARS)
    while start != -1:
        if is_inflection(word, text_word[start:]):
            head = text_word[:start]
            fronts = (head, head[:-1]) if head[-1:] in _LINKS else (head,)
            if any(_real_front(part) for part in fronts):
                return True
        start = text_word.find(term, start + 1)
    return False


_VOWELS = frozenset("aeiouyåäö")


def _real_tail(part: str, linked: bool, whole: str | None) -> bool:
    if len(part) < MIN_REST_CHARS or part in _SUFFIXES or part in STOPWORDS:
        return False
    base = lemma(part)
    if base is None or len(base) < (MIN_REST_CHARS if linked else MIN_REST_CHARS + 1):
        return False
    return whole is None or whole.endswith(base)


def _real_front(part: str) -> bool:
    if part in _SUFFIXES or part in STOPWORDS:
        return False
    if len(part) >= MIN_REST_CHARS + 1 and lemma(part) is not None:
        return True
    return any(  # two words: `grund|sär|skola`
        lemma(part[:cut]) is not None and lemma(part[cut:]) is not None
        for cut in range(MIN_REST_CHARS + 1, len(part) - MIN_REST_CHARS + 1)
    )


def watch_key(term: str) -> str:
    """The stored key of a watch: the query term of a word, or of each word of a phrase."""
    return " ".join(query_term(w) for w in words(term))


def phrase_matches(phrase: Sequence[str], text_words: Sequence[str]) -> bool:
    """True when the words of `phrase` stand together in `text_words`, each as itself or an
    inflection (`nära vård` in "… nära vården …"); a phrase is never read across compounds."""
    n = len(phrase)
    return any(
        all(is_inflection(p, w) for p, w in zip(phrase, text_words[i : i + n], strict=True))
        for i in range(len(text_words) - n + 1)
    )
