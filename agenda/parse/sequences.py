"""Agenda vs minutes: where the minutes start, which numbers are certain, who pairs with whom.

Why: one page can hold the agenda (Kallelse) and the minutes (Protokoll) of the same meeting
(seed 004). A member asking for item 7 or § 22 wants both texts, so the two sequences are told
apart (here) and aligned (`align.py`). Numbers are only given where the page leaves one
possibility: never guessed. Every step is one or two passes over the entries.
"""

from __future__ import annotations

from itertools import pairwise

from agenda import patterns as P
from agenda.parse.entries import Entry

_VERB_SHARE = 2 / 3


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
    """Weakest signal: a tail of unnumbered entries mostly written in minutes language.

    One backward pass: the tail's size and its count of minutes-like entries are running sums.
    """
    looks = [_looks_like_minutes(e) for e in entries]
    last_header = max((i for i, e in enumerate(entries) if e.has_header), default=-1)
    share_from = [0] * (len(entries) + 1)
    for i in range(len(entries) - 1, -1, -1):
        share_from[i] = share_from[i + 1] + looks[i]
    for i in range(last_header + 1, len(entries) - 1):
        if looks[i] and share_from[i] >= _VERB_SHARE * (len(entries) - i):
            return i
    return len(entries)


def infer_numbers(agenda: list[Entry]) -> list[tuple[int | None, bool]]:
    """Printed numbers, plus the numbers of unnumbered runs that fit their gap exactly (a gap
    holding a lettered sub-item, `9 a`, is never filled: its numbering is not one by one)."""
    result: list[tuple[int | None, bool]] = [(e.number, False) for e in agenda]
    anchors = [(-1, 0)] + [(i, e.number) for i, e in enumerate(agenda) if e.number is not None]
    for (i, a), (j, b) in pairwise(anchors):
        gap = j - i - 1
        lettered = any(agenda[k].label is not None for k in range(i + 1, j))
        if gap > 0 and b - a - 1 == gap and not lettered:
            for k in range(gap):
                result[i + 1 + k] = (a + 1 + k, True)
    return result
