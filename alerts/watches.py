"""Which chats' keyword watches an event matches: the items of a new or changed agenda, or the
text of a document that the item's own words did not already match.

Why: an alert is pushed, so a wrong hit costs trust. An item matches a watch word when one of
its words is an inflection of it or a compound whose rest is a known word
(`agenda.stem.watch_matches`: `vårdplats` matches `vårdplatserna` and `vårdplatsbrist`, `kost`
does not match `kostnader`). "Known" is the index vocabulary (`search_terms`, every term ever
indexed, which includes the item itself; `storage.watches.known_terms`, one query per batch of
texts) or the Swedish lexicon (`agenda.stem.lexicon_compound`: `avgift` matches
`Parkeringsavgifter` in a database that never indexed `parkering`). A quoted phrase matches
its words in order. The fan-out (`alerts.fanout`, `alerts.fanout_documents`) writes the alerts
of what matched here.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import aiosqlite

from agenda.events import EventKind
from agenda.model import Item
from agenda.stem import (
    COMMON_PARTS,
    compound_fronts,
    compound_tails,
    definite_forms,
    lexicon_compound,
    phrase_matches,
    query_term,
    watch_heads,
    words,
)
from storage.events import EventRow
from storage.meeting_rows import StoredMeeting
from storage.watches import Watcher, known_terms

MAX_WATCH_ITEMS = 10  # items named in one watch alert
MAX_WATCH_TERMS = 5  # watch words named in one document's watch alert


@dataclass(frozen=True)
class WatchHit:
    """What a chat's watches found in one event: the items, the words, where to send it."""

    items: list[tuple[int, Item]]
    terms: list[str]
    watcher: Watcher


def item_words(item: Item) -> set[str]:
    """The lower-cased words of an item's title, agenda text and proposal (what a watch reads)."""
    return set(words(item_text(item)))


def item_text(item: Item) -> str:
    """An item's title, agenda text and proposal (what a watch reads; a phrase needs the order
    that `item_words` leaves out)."""
    return " ".join(filter(None, (item.title, item.text, item.proposal)))


def changed_items(event: EventRow, sm: StoredMeeting) -> list[tuple[int, Item]]:
    """(position, item) of the items an event is about: all for new, added+reworded for changed."""
    items = list(enumerate(sm.meeting.items))
    if event.kind == EventKind.NEW:
        return items
    refs: list[dict[str, object]] = []
    for key in ("added", "reworded"):
        found = event.detail.get(key)
        if isinstance(found, list):
            refs += [r for r in found if isinstance(r, dict)]
    wanted = {(r.get("number"), r.get("paragraph"), r.get("title")) for r in refs}
    return [(p, i) for p, i in items if (i.number, i.paragraph, i.title) in wanted]


async def watch_hits(
    conn: aiosqlite.Connection, event: EventRow, sm: StoredMeeting, watchers: list[Watcher]
) -> dict[int, WatchHit]:
    """Per chat, the items of the event its watches match (chats without a match left out)."""
    if not watchers:
        return {}
    candidates = changed_items(event, sm)
    watched = {w.term.lower() for w in watchers}
    singles = {term for term in watched if " " not in term}
    matched = await matching_texts(conn, singles, [item_words(i) for _, i in candidates])
    sequences = [words(item_text(i)) for _, i in candidates]
    for phrase in watched - singles:
        split = phrase.split()
        matched[phrase] = {n for n, seq in enumerate(sequences) if phrase_matches(split, seq)}
    hits: dict[int, WatchHit] = {}
    for chat_id, chat_watches in _by_chat(watchers).items():
        found = [matched[w.term.lower()] for w in chat_watches]
        shown = sorted(set().union(*found))[:MAX_WATCH_ITEMS]
        if shown:
            terms = [w.term for w, f in zip(chat_watches, found, strict=True) if f & set(shown)]
            hits[chat_id] = WatchHit([candidates[n] for n in shown], terms, chat_watches[0])
    return hits


async def document_watchers(
    conn: aiosqlite.Connection, watchers: list[Watcher], text: str, item: Item | None
) -> dict[int, list[Watcher]]:
    """Per chat, its watches that a document's `text` matches and its item's own words do not
    (those were in the agenda's alert already)."""
    texts = [set(words(text)), item_words(item) if item is not None else set()]
    matched = await matching_texts(conn, {w.term.lower() for w in watchers}, texts)
    found = [w for w in watchers if matched[w.term.lower()] == {0}]
    return _by_chat(found)


def _by_chat(watchers: list[Watcher]) -> dict[int, list[Watcher]]:
    by_chat: dict[int, list[Watcher]] = {}
    for watcher in watchers:
        by_chat.setdefault(watcher.chat_id, []).append(watcher)
    return by_chat


async def matching_texts(
    conn: aiosqlite.Connection, watched: Collection[str], texts: Sequence[Collection[str]]
) -> dict[str, set[int]]:
    """For each watch word, the indices of `texts` (sets of lower-cased words) it matches.

    Candidate compounds are found by prefix in the sorted words of all texts; the terms their
    rests could be are looked up in `search_terms` in one query (no query per word).
    """
    present: set[str] = set().union(*texts) if texts else set()
    ordered = sorted(present)
    by_term: dict[str, set[str]] = {}
    for text_word in ordered:
        by_term.setdefault(query_term(text_word), set()).add(text_word)
    compounds: dict[str, dict[str, set[str]]] = {}  # watch word -> text word -> rest terms
    for word in watched:
        word_heads = watch_heads(word)
        for head in word_heads:
            for text_word in _starting_with(ordered, head):
                found = compound_tails(word_heads, text_word)
                if found:
                    compounds.setdefault(word, {})[text_word] = found
    for word in watched:
        for text_word in present:
            found = compound_fronts(word, text_word)
            if found:
                compounds.setdefault(word, {}).setdefault(text_word, set()).update(found)
    wanted = {t for found in compounds.values() for tails in found.values() for t in tails}
    known = await known_terms(conn, wanted) | by_term.keys() | COMMON_PARTS
    result: dict[str, set[int]] = {}
    for word in watched:
        hits = by_term.get(query_term(word), set()) | present.intersection(definite_forms(word))
        candidates = compounds.get(word, {})
        hits |= {w for w, tails in candidates.items() if tails & known or lexicon_compound(word, w)}
        result[word] = {n for n, text in enumerate(texts) if not hits.isdisjoint(text)}
    return result


def _starting_with(ordered: list[str], head: str) -> list[str]:
    """The words of the sorted list that are longer than `head` and start with it."""
    found = []
    for at in range(bisect_left(ordered, head), len(ordered)):
        word = ordered[at]
        if not word.startswith(head):
            break
        if len(word) > len(head):
            found.append(word)
    return found
