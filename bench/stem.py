"""Benchmark: Swedish stemming, pure-Python snowball against PyStemmer, in one run.

Why: every stored item is stemmed for the search index and every poll re-indexes changed
meetings, so stemming speed sets the cost of a large backfill. `snowballstemmer` uses PyStemmer
when it is installed; this measures both on the same words (every distinct word of the seed
agendas), after checking they give the same stems.

    .venv/bin/python -m bench.stem            # --rounds 20
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import Stemmer
from snowballstemmer.swedish_stemmer import SwedishStemmer

from agenda.stem import words
from demo.sample_seeds import seed_files


def timed(stem_word: Callable[[str], str], corpus: list[str], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for word in corpus:
            stem_word(word)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    corpus = sorted({w for p in seed_files() for w in words(p.read_text("utf-8"))})
    pure, fast = SwedishStemmer(), Stemmer.Stemmer("swedish")
    fast.maxCacheSize = 0  # measure stemming, not PyStemmer's cache
    assert [pure.stemWord(w) for w in corpus] == [fast.stemWord(w) for w in corpus]
    n = len(corpus) * args.rounds
    slow_s = timed(pure.stemWord, corpus, args.rounds)
    fast_s = timed(fast.stemWord, corpus, args.rounds)
    print(f"{len(corpus)} distinct words x {args.rounds} rounds = {n} stems, identical")
    print(f"pure Python snowball: {slow_s * 1e6 / n:.2f} µs/word")
    print(f"PyStemmer (C):        {fast_s * 1e6 / n:.2f} µs/word")
    print(f"ratio: {slow_s / fast_s:.1f}x")


if __name__ == "__main__":
    main()
