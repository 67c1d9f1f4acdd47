"""Agenda entries ↔ minutes entries: who pairs with whom, in time linear in the page.

Why: a member asking for item 7 or § 22 wants the agenda text and what the minutes say, so the
two sequences of one page are paired. When the agenda numbers match the minutes one to one,
entry i of the minutes is item i; otherwise a monotone alignment maximises text similarity.
That alignment is a dynamic programme over (agenda, minutes) pairs, restricted to a band
around the diagonal: a real page (tens of items) fits inside the band whole, so its result
is the full optimum, while a huge page costs rows × band, not rows × columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from agenda.parse.entries import Entry, absorb_orphans
from agenda.parse.sequences import infer_numbers

_WORD_RE = re.compile(r"[a-zåäöéü0-9]{4,}")
_MATCH_THRESHOLD = 0.34
#: Half-width of the alignment band; also how many free numbers an unnumbered agenda entry
#: is compared against. Larger than any real agenda, so real pages get the exact optimum.
_BAND = 64

Numbered = list[tuple[int | None, bool]]


@dataclass(slots=True)
class Pair:
    """One item to be: its agenda entry, its minutes entry, its number and how sure it is."""

    agenda: Entry | None
    minutes: Entry | None
    number: int | None
    inferred: bool = False


def _words(entry: Entry) -> frozenset[str]:
    return frozenset(_WORD_RE.findall(f"{entry.title or ''} {entry.text}".lower()))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def align(agenda: list[Entry], minutes: list[Entry]) -> list[Pair]:
    """Pair agenda and minutes entries, in page (agenda) order."""
    agenda = absorb_orphans(agenda)
    numbered = infer_numbers(agenda)
    if not minutes:
        return [Pair(e, None, n, inf) for e, (n, inf) in zip(agenda, numbered, strict=True)]
    if not agenda:
        return [Pair(None, m, None) for m in minutes]
    printed = [n for n, _ in numbered if n is not None]
    count = max(printed, default=0)
    if count == len(minutes) and min(printed) >= 1 and _increasing(printed):
        return _align_by_position(agenda, numbered, minutes)
    return _align_by_similarity(agenda, numbered, minutes)


def _increasing(numbers: list[int]) -> bool:
    return all(a < b for a, b in pairwise(numbers))


def _align_by_position(agenda: list[Entry], numbered: Numbered, minutes: list[Entry]) -> list[Pair]:
    """Minutes entry i is item i; unnumbered agenda entries go where their text matches."""
    pairs = [Pair(None, m, i + 1, True) for i, m in enumerate(minutes)]
    words = [_words(m) for m in minutes]
    following = _next_numbers(numbered, len(minutes) + 1)
    #: unmatched agenda entries, by the number of pairs they come after
    loose: dict[int, list[Entry]] = {}
    low = 1
    for index, (entry, (number, inferred)) in enumerate(zip(agenda, numbered, strict=True)):
        if number is None:
            high = min(following[index] - 1, low + _BAND)
            number = _best_slot(_words(entry), pairs, words, low, high)
            if number is None:
                loose.setdefault(low - 1, []).append(entry)
                continue
        pairs[number - 1].agenda = entry
        pairs[number - 1].inferred = inferred or entry.number is None
        low = number + 1
    result = [Pair(e, None, None) for e in loose.get(0, [])]
    for index, pair in enumerate(pairs, start=1):
        result.append(pair)
        result.extend(Pair(e, None, None) for e in loose.get(index, []))
    return result


def _next_numbers(numbered: Numbered, end: int) -> list[int]:
    """For each agenda position, the next printed or inferred number after it (`end` if none)."""
    result = [end] * len(numbered)
    upcoming = end
    for index in range(len(numbered) - 1, -1, -1):
        result[index] = upcoming
        number = numbered[index][0]
        if number is not None:
            upcoming = number
    return result


def _best_slot(
    words: frozenset[str], pairs: list[Pair], minutes: list[frozenset[str]], low: int, high: int
) -> int | None:
    scored = [
        (similarity(words, minutes[n - 1]), n)
        for n in range(low, high + 1)
        if pairs[n - 1].agenda is None
    ]
    scored.sort(reverse=True)
    if not scored or scored[0][0] < _MATCH_THRESHOLD:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


@dataclass(slots=True)
class _Band:
    """Scores of the alignment programme, kept only within `_BAND` of the scaled diagonal.

    Outside the band a cell scores 0: the path that leaves every remaining entry unpaired,
    always possible, so every score stays one that some alignment reaches.
    """

    rows: int
    cols: int
    cells: list[list[float]]
    starts: list[int]

    @classmethod
    def empty(cls, rows: int, cols: int) -> _Band:
        starts = [max(0, (i * cols) // rows - _BAND) for i in range(rows + 1)]
        widths = [min(cols + 1, (i * cols) // rows + _BAND + 1) - s for i, s in enumerate(starts)]
        return cls(rows, cols, [[0.0] * w for w in widths], starts)

    def columns(self, i: int) -> range:
        return range(self.starts[i], self.starts[i] + len(self.cells[i]))

    def get(self, i: int, j: int) -> float:
        offset = j - self.starts[i]
        row = self.cells[i]
        return row[offset] if 0 <= offset < len(row) else 0.0

    def set(self, i: int, j: int, value: float) -> None:
        self.cells[i][j - self.starts[i]] = value


def _align_by_similarity(
    agenda: list[Entry], numbered: Numbered, minutes: list[Entry]
) -> list[Pair]:
    """Monotone alignment maximising text similarity (unmatched entries stay items of their own)."""
    a_words = [_words(e) for e in agenda]
    m_words = [_words(e) for e in minutes]
    score = _Band.empty(len(agenda), len(minutes))
    for i in range(len(agenda) - 1, -1, -1):
        _fill_row(score, i, a_words[i], m_words)
    return _trace(agenda, numbered, minutes, score, (a_words, m_words))


def _fill_row(score: _Band, i: int, words: frozenset[str], m_words: list[frozenset[str]]) -> None:
    """Row i of the programme, right to left (the hot loop: plain list indexing)."""
    row, start = score.cells[i], score.starts[i]
    below, below_start = score.cells[i + 1], score.starts[i + 1]
    right = 0.0  # score[i][j + 1]
    for offset in range(len(row) - 1, -1, -1):
        j = start + offset
        if j >= len(m_words):
            continue
        k = j - below_start
        down = below[k] if 0 <= k < len(below) else 0.0
        best = down if down > right else right
        other = m_words[j]
        if words and other:
            sim = len(words & other) / min(len(words), len(other))
            if sim >= _MATCH_THRESHOLD:
                diagonal = below[k + 1] if 0 <= k + 1 < len(below) else 0.0
                best = max(best, sim + diagonal)
        row[offset] = best
        right = best


def _trace(
    agenda: list[Entry],
    numbered: Numbered,
    minutes: list[Entry],
    score: _Band,
    words: tuple[list[frozenset[str]], list[frozenset[str]]],
) -> list[Pair]:
    pairs: list[Pair] = []
    i = j = 0
    while i < len(agenda) or j < len(minutes):
        if i < len(agenda) and j < len(minutes):
            sim = similarity(words[0][i], words[1][j])
            here = score.get(i, j)
            if sim >= _MATCH_THRESHOLD and here == sim + score.get(i + 1, j + 1):
                pairs.append(Pair(agenda[i], minutes[j], *numbered[i]))
                i, j = i + 1, j + 1
                continue
        if j >= len(minutes) or (i < len(agenda) and score.get(i, j) == score.get(i + 1, j)):
            pairs.append(Pair(agenda[i], None, *numbered[i]))
            i += 1
        else:
            pairs.append(Pair(None, minutes[j], None))
            j += 1
    return pairs
