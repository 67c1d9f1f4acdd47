"""Benchmark: our structured parse vs trafilatura's plain-text extraction, same pages, one run.

Why: the issue asks that turning a meeting page into a structured agenda stays at least 2x
faster than the general-purpose extractor a user might reach for instead (which only gives
plain text). Measures pages per second (best of several rounds) and peak traced memory per
page for the seeds as text and as HTML in both fixture markups, and prints a markdown table.

Run: `.venv/bin/python bench/parse.py [--rounds 5] [--repeat 20]`
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from agenda.parse import parse_page  # noqa: E402
from tests.fixtures import FIXTURES, seed_bytes  # noqa: E402

SEEDS = ("000", "001", "002", "004")
URL = "https://forum.regionjh.se/committees/body/mote-2020-01-01"


def load() -> dict[str, list[bytes]]:
    pages = {"text": [seed_bytes(n) for n in SEEDS]}
    for markup in ("markup1", "markup2"):
        pages[f"html {markup}"] = [
            (FIXTURES / "html" / markup / f"{n}.html").read_bytes() for n in SEEDS
        ]
    return pages


def ours(page: bytes) -> object:
    return parse_page(page, URL)


def theirs(page: bytes) -> object:
    return trafilatura.extract(page.decode("utf-8"), output_format="txt")


def _seconds(func: Callable[[bytes], object], pages: list[bytes], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for page in pages:
            func(page)
    return time.perf_counter() - start


def rates(
    funcs: list[Callable[[bytes], object]], pages: list[bytes], rounds: int, repeat: int
) -> list[float]:
    """Pages/s per function, best of `rounds`; rounds interleave the functions so that load
    from other processes hits both sides alike."""
    best = [float("inf")] * len(funcs)
    for _ in range(rounds):
        for index, func in enumerate(funcs):
            best[index] = min(best[index], _seconds(func, pages, repeat))
    return [repeat * len(pages) / seconds for seconds in best]


def peak_kib(func: Callable[[bytes], object], pages: list[bytes]) -> float:
    """Largest traced peak over single-page parses (what one page costs at most)."""
    worst = 0
    for page in pages:
        tracemalloc.start()
        func(page)
        worst = max(worst, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return worst / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    for func in (ours, theirs):  # warm-up: imports, caches, regex compilation
        for page in load()["html markup1"]:
            func(page)
    print(
        "| input (4 seed pages) | ours pages/s | ours peak KiB | trafilatura pages/s "
        "| trafilatura peak KiB | speed ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, pages in load().items():
        our_peak = peak_kib(ours, pages)
        if name == "text":
            (our_rate,) = rates([ours], pages, args.rounds, args.repeat)
            print(f"| {name} | {our_rate:,.0f} | {our_peak:,.0f} | n/a | n/a | n/a |")
            continue
        our_rate, their_rate = rates([ours, theirs], pages, args.rounds, args.repeat)
        their_peak = peak_kib(theirs, pages)
        print(
            f"| {name} | {our_rate:,.0f} | {our_peak:,.0f} | {their_rate:,.0f} | "
            f"{their_peak:,.0f} | {our_rate / their_rate:.1f}x |"
        )


if __name__ == "__main__":
    main()
