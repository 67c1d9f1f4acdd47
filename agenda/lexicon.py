"""A Swedish lexicon: is a string a Swedish word, and what is its base form (lemma)?

Why: a keyword watch matches compounds (`avgift` in `Parkeringsavgifter`, `skola` in
`Gymnasieskolans`) only when the compound's other part is a real word, or `kost` would match
`kostnader`. The search index's vocabulary knows only the words already indexed, so a young
database misses `parkering` or `fri`; simplemma's Swedish dictionary (about 960,000 forms, read
in its low-memory mode: about 25 MB, loaded once on first use) knows them. Only dictionary
look-ups are used, never simplemma's guessing strategies: a word it does not list is unknown.
"""

from __future__ import annotations

from functools import lru_cache

from simplemma.strategies import LOW_MEMORY_DICTIONARY_FACTORY, DictionaryLookupStrategy

_LOOKUP = DictionaryLookupStrategy(LOW_MEMORY_DICTIONARY_FACTORY)


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str | None:
    """The base form of a lower-cased Swedish word (`avgifter` → `avgift`), None if unknown."""
    if not word.isalpha():
        return None
    found = _LOOKUP.get_lemma(word, "sv")
    return found.casefold() if found else None
