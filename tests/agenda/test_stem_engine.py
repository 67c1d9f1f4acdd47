"""The stemmer is PyStemmer's C implementation and gives the pure-Python snowball's stems.

Why: `snowballstemmer.stemmer` silently switches to PyStemmer when it is installed (about 29
times faster). The index, queries and watches must not change with it: every distinct word of
the seed agendas is stemmed both ways and the stems compared.
"""

from __future__ import annotations

import Stemmer
from snowballstemmer.swedish_stemmer import SwedishStemmer

from agenda import stem
from tests.fixtures import SEED_NUMBERS, seed_text


def seed_words() -> set[str]:
    return {w for number in SEED_NUMBERS for w in stem.words(seed_text(number))}


def test_the_c_stemmer_is_in_use() -> None:
    assert isinstance(stem._STEMMER, Stemmer.Stemmer)


def test_stems_identical_to_pure_python_snowball_on_every_seed_word() -> None:
    words = sorted(seed_words())
    assert len(words) > 2000
    pure = SwedishStemmer()
    differ = [(w, stem.stem(w), pure.stemWord(w)) for w in words if not w.isdigit()]
    differ = [d for d in differ if d[1] != d[2]]
    assert not differ
