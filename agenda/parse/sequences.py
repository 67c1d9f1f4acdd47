"""Agenda vs minutes: where the minutes start, which numbers are certain, who pairs with whom.

Why: one page can hold the agenda (Kallelse) and the minutes (Protokoll) of the same meeting
(seed 004). A member asking for item 7 or § 22 wants both texts, so the two sequences are told
apart and aligned. Numbers are only given where the page leaves one possibility: never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from agenda import patterns as P
from agenda.parse.entries import Entry, absorb_orphans

_WORD_RE = re.compile(r"[a-zåäöéü0-9]{4,}")
_MATCH_THRESHOLD = 0.34
_VERB_SHARE = 2 / 3


@dataclass(slots=True)
class Pair:
    """One item to be: its agenda entry, its minutes entry, its number and how sure it is."""

    agenda: Entry | None
    minutes: Entry | None
    number: int | None
    inferred: bool = False


def first_sentence(entry: Entry) -> str:
    text = entry.lines[0] if entry.lines else (entry.title or "")
    return P.SENTENCE_END_RE.split(text, maxsplit=1)[0]


def split_sequences(entries: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """(agenda entries, minutes entries): by the page's own tabs if known, else by signals."""
    if any(e.sequence is not None for e in entries):
        return (
            [e for e in entries if e.sequence != "minutes"],
            [e for e in entries if e.sequence == "minutes"],
        )
    start = minutes_start(entries)
    return entries[:start], entries[start:]


def _closes(entry: Entry) -> bool:
    return bool(entry.title and P.CLOSING_TITLE_RE.match(entry.title))


def minutes_start(entries: list[Entry]) -> int:
    """Index of the first minutes entry (len(entries) when there are none)."""
    highest = 0
    for i, entry in enumerate(entries):
        if i > 0 and _closes(entries[i - 1]):
            return i
        if entry.paragraph is not None:
            return i
        if entry.number is not None:
            if entry.number <= highest:
                return i
            highest = entry.number
        elif P.OPENING_RE.search(first_sentence(entry)):
            return i
    return _verb_start(entries)


def _looks_like_minutes(entry: Entry) -> bool:
    head = first_sentence(entry)
    return bool(P.MINUTES_VERB_RE.search(head) or P.CLOSING_RE.search(head))


def _verb_start(entries: list[Entry]) -> int:
    """Weakest signal: a tail of unnumbered entries mostly written in minutes language."""
    for i, entry in enumerate(entries):
        tail = entries[i:]
        if len(tail) < 2 or any(e.has_header for e in tail) or not _looks_like_minutes(entry):
            continue
        if sum(map(_looks_like_minutes, tail)) >= _VERB_SHARE * len(tail):
            return i
    return len(entries)


def infer_numbers(agenda: list[Entry]) -> list[tuple[int | None, bool]]:
    """Printed numbers, plus the numbers of unnumbered runs that fit their gap exactly."""
    result: list[tuple[int | None, bool]] = [(e.number, False) for e in agenda]
    anchors = [(-1, 0)] + [(i, e.number) for i, e in enumerate(agenda) if e.number is not None]
    for (i, a), (j, b) in pairwise(anchors):
        gap = j - i - 1
        if gap > 0 and b - a - 1 == gap:
            for k in range(gap):
                result[i + 1 + k] = (a + 1 + k, True)
    return result


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
    count = max((n for n, _ in numbered if n is not None), default=0)
    if count == len(minutes) and _increasing([n for n, _ in numbered if n is not None]):
        return _align_by_position(agenda, numbered, minutes)
    return _align_by_similarity(agenda, numbered, minutes)


def _increasing(numbers: list[int]) -> bool:
    return all(a < b for a, b in pairwise(numbers))


def _align_by_position(
    agenda: list[Entry], numbered: list[tuple[int | None, bool]], minutes: list[Entry]
) -> list[Pair]:
    """Minutes entry i is item i; unnumbered agenda entries go where their text matches."""
    pairs = [Pair(None, m, i + 1, True) for i, m in enumerate(minutes)]
    loose: list[tuple[int, Entry]] = []
    low = 1
    for index, (entry, (number, inferred)) in enumerate(zip(agenda, numbered, strict=True)):
        if number is None:
            high = _next_number(numbered, index, len(minutes))
            number = _best_slot(entry, pairs, low, high)
            if number is None:
                loose.append((low - 1, entry))
                continue
        pairs[number - 1].agenda = entry
        pairs[number - 1].inferred = inferred or entry.number is None
        low = number + 1
    for offset, (after, entry) in enumerate(loose):
        pairs.insert(after + offset, Pair(entry, None, None))
    return pairs


def _next_number(numbered: list[tuple[int | None, bool]], index: int, last: int) -> int:
    following = (n for n, _ in numbered[index + 1 :] if n is not None)
    return next(following, last + 1) - 1


def _best_slot(entry: Entry, pairs: list[Pair], low: int, high: int) -> int | None:
    words = _words(entry)
    scored = [
        (similarity(words, _words(pair.minutes)), n)
        for n in range(low, high + 1)
        if (pair := pairs[n - 1]).agenda is None and pair.minutes is not None
    ]
    scored.sort(reverse=True)
    if not scored or scored[0][0] < _MATCH_THRESHOLD:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def _align_by_similarity(
    agenda: list[Entry], numbered: list[tuple[int | None, bool]], minutes: list[Entry]
) -> list[Pair]:
    """Monotone alignment maximising text similarity (unmatched entries stay items of their own)."""
    a_words = [_words(e) for e in agenda]
    m_words = [_words(e) for e in minutes]
    rows, cols = len(agenda), len(minutes)
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            sim = similarity(a_words[i], m_words[j])
            if sim >= _MATCH_THRESHOLD:
                best = max(best, sim + score[i + 1][j + 1])
            score[i][j] = best
    return _trace(agenda, numbered, minutes, score, (a_words, m_words))


def _trace(
    agenda: list[Entry],
    numbered: list[tuple[int | None, bool]],
    minutes: list[Entry],
    score: list[list[float]],
    words: tuple[list[frozenset[str]], list[frozenset[str]]],
) -> list[Pair]:
    pairs: list[Pair] = []
    i = j = 0
    while i < len(agenda) or j < len(minutes):
        if i < len(agenda) and j < len(minutes):
            sim = similarity(words[0][i], words[1][j])
            if sim >= _MATCH_THRESHOLD and score[i][j] == sim + score[i + 1][j + 1]:
                pairs.append(Pair(agenda[i], minutes[j], *numbered[i]))
                i, j = i + 1, j + 1
                continue
        if j >= len(minutes) or (i < len(agenda) and score[i][j] == score[i + 1][j]):
            pairs.append(Pair(agenda[i], None, *numbered[i]))
            i += 1
        else:
            pairs.append(Pair(None, minutes[j], None))
            j += 1
    return pairs
