"""Keyword watches: a chat asks to hear about any item, in any body, that mentions a word.

Why: members care about topics (vårdplatser, budget) across bodies they do not follow. A watch
stores the word as typed and its search term (`agenda.stem.query_term`, the key for adding and
removing). Which items a watch matches is decided by the alert wing (`alerts.watches`), which
reads the active watchers and the index vocabulary (`known_terms`: every term ever indexed)
here, one query per batch of texts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import aiosqlite

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


async def known_terms(conn: aiosqlite.Connection, terms: set[str]) -> set[str]:
    """Which of `terms` the index has ever seen (`search_terms`): the known words."""
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
