"""Keyword watches: a chat asks to hear about any item, in any body, that mentions a word.

Why: members care about topics (vårdplatser, budget) across bodies they do not follow. A watch
stores the word as typed and its search term (`agenda.stem.query_term`, the key for adding and
removing). An alert is pushed, so a wrong hit costs trust: an item matches when one of its words
is an inflection of the watch word or a compound of it whose rest is a known word
(`agenda.stem.watch_matches`: `vårdplats` matches `vårdplatserna` and `vårdplatsbrist`, `kost`
does not match `kostnader`). "Known" is the index vocabulary (`search_terms`, every term ever
indexed, which includes the item itself), read with one query per batch of texts, or the
Swedish lexicon (`agenda.stem.lexicon_compound`: `avgift` matches `Parkeringsavgifter` and
`Avgiftsfri` in a database that never indexed `parkering` or `fri`).
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import aiosqlite

from agenda.model import Item
from agenda.stem import (
    COMMON_PARTS,
    compound_fronts,
    compound_tails,
    definite_forms,
    lexicon_compound,
    query_term,
    watch_heads,
    words,
)
from storage.db import Database

MAX_WATCHES_PER_CHAT = 20


@dataclass(frozen=True, slots=True)
class Watch:
    chat_id: int
    term: str
    stem: str
    thread_id: int | None


@dataclass(frozen=True, slots=True)
class Watcher:
    """An active chat's watch with what fan-out needs to address it."""

    chat_id: int
    thread_id: int | None
    term: str
    stem: str
    language: str
    digest: bool


async def add_watch(
    db: Database, chat_id: int, term: str, stem: str, thread_id: int | None = None
) -> bool:
    """Add a watch; False when the chat already watches that stem. The chats row must exist."""
    async with db.transaction() as conn:
        cur = await conn.execute(
            "INSERT OR IGNORE INTO watches (chat_id, term, stem, thread_id, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (chat_id, term, stem, thread_id, db.timestamp()),
        )
        return cur.rowcount == 1


async def remove_watch(db: Database, chat_id: int, stem: str) -> bool:
    async with db.transaction() as conn:
        cur = await conn.execute(
            "DELETE FROM watches WHERE chat_id = ? AND stem = ?", (chat_id, stem)
        )
        return cur.rowcount > 0


async def list_watches(db: Database, chat_id: int) -> list[Watch]:
    async with db.reader.execute(
        "SELECT chat_id, term, stem, thread_id FROM watches WHERE chat_id = ? ORDER BY term",
        (chat_id,),
    ) as cur:
        rows = await cur.fetchall()
    return [Watch(r[0], r[1], r[2], r[3]) for r in rows]


async def count_watches(db: Database, chat_id: int) -> int:
    async with db.reader.execute(
        "SELECT count(*) FROM watches WHERE chat_id = ?", (chat_id,)
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def active_watchers(conn: aiosqlite.Connection) -> list[Watcher]:
    """Every watch of an active chat; takes a connection so fan-out can call it in its
    transaction."""
    async with conn.execute(
        "SELECT w.chat_id, w.thread_id, w.term, w.stem, c.language, c.digest"
        " FROM watches AS w JOIN chats AS c ON c.chat_id = w.chat_id"
        " WHERE c.active = 1 ORDER BY w.chat_id, w.stem"
    ) as cur:
        rows = await cur.fetchall()
    return [Watcher(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]


def item_words(item: Item) -> set[str]:
    """The lower-cased words of an item's title, agenda text and proposal (what a watch reads)."""
    return set(words(" ".join(filter(None, (item.title, item.text, item.proposal)))))


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
    known = await _known_terms(conn, wanted) | by_term.keys() | COMMON_PARTS
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


async def _known_terms(conn: aiosqlite.Connection, terms: set[str]) -> set[str]:
    if not terms:
        return set()
    async with conn.execute(
        "SELECT term FROM search_terms WHERE term IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(terms)),),
    ) as cur:
        return {str(r[0]) for r in await cur.fetchall()}


async def watch_ids(db: Database, chat_id: int) -> list[tuple[int, str]]:
    """(id, term) of the chat's watches by term: what a remove button names."""
    async with db.reader.execute(
        "SELECT id, term FROM watches WHERE chat_id = ? ORDER BY term", (chat_id,)
    ) as cur:
        return [(int(r[0]), str(r[1])) for r in await cur.fetchall()]


async def remove_watch_id(db: Database, chat_id: int, watch_id: int) -> str | None:
    """Remove the chat's watch `watch_id`; its term, None when the chat has no such watch."""
    async with (
        db.transaction() as conn,
        conn.execute(
            "DELETE FROM watches WHERE chat_id = ? AND id = ? RETURNING term", (chat_id, watch_id)
        ) as cur,
    ):
        row = await cur.fetchone()
    return str(row[0]) if row else None
