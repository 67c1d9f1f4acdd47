"""The banded agenda/minutes alignment gives the full optimum on pages of real size.

The alignment keeps its table within a band around the diagonal so that huge pages cost time
linear in their size; a real page (tens of items) must fit the band whole and get exactly the
alignment the full table gives. The reference here is the plain full-table programme.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from agenda.parse.align import _MATCH_THRESHOLD, Pair, align, similarity
from agenda.parse.entries import Entry

WORDS = ("budget", "motion", "vården", "skolan", "revision", "avtal", "planen", "taxor")


def reference(agenda: list[Entry], minutes: list[Entry]) -> float:
    """Full rows x columns programme: the most similarity over monotone pairings."""
    a = [frozenset(e.text.split()) for e in agenda]
    m = [frozenset(e.text.split()) for e in minutes]
    rows, cols = len(a), len(m)
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            sim = similarity(a[i], m[j])
            if sim >= _MATCH_THRESHOLD:
                best = max(best, sim + score[i + 1][j + 1])
            score[i][j] = best
    return round(score[0][0], 9)


def achieved(pairs: list[Pair], agenda: list[Entry], minutes: list[Entry]) -> float:
    total = 0.0
    for pair in pairs:
        if pair.agenda is not None and pair.minutes is not None:
            total += similarity(
                frozenset(pair.agenda.text.split()), frozenset(pair.minutes.text.split())
            )
    return round(total, 9)


entries = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(
        lambda words: Entry(lines=[" ".join(words)])
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(agenda=entries, minutes=entries)
def test_real_sized_pages_get_the_full_optimum(agenda: list[Entry], minutes: list[Entry]) -> None:
    pairs = align(agenda, minutes)
    assert achieved(pairs, agenda, minutes) == reference(agenda, minutes)
    assert [p.agenda for p in pairs if p.agenda is not None] == agenda
    assert [p.minutes for p in pairs if p.minutes is not None] == minutes


def test_a_long_page_still_pairs_every_entry_in_order() -> None:
    agenda = [Entry(lines=[f"{WORDS[n % 8]} ärende{n}"]) for n in range(3000)]
    minutes = [Entry(lines=[f"{WORDS[n % 8]} ärende{n}"]) for n in range(2990)]
    pairs = align(agenda, minutes)
    matched = [p for p in pairs if p.agenda is not None and p.minutes is not None]
    assert all(p.agenda.text == p.minutes.text for p in matched if p.agenda and p.minutes)
    assert len(matched) == 2990
