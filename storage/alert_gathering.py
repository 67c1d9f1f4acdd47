"""Alerts gathered during a poll scope, waiting to become outbox rows (one owner: this module).

Why: more than a few new meetings or documents for one chat in one cycle must become one
summary message, and that can only be decided once the scope (a source's visit, the documents
step) is over. Until then each alert waits here, fully rendered, written in the same transaction
as its event (so an event never loses its alert); `alerts.flood` moves a scope's rows into the
outbox in one transaction, as they are or as one summary per chat. Rows of a chat go with it
(/radera) by cascade.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import aiosqlite

from storage.db import Database
from storage.outbox_payload import ButtonRows


@dataclass(frozen=True, slots=True)
class Gathered:
    """One alert waiting for its scope to end."""

    id: int
    scope: str
    chat_id: int
    thread_id: int | None
    dedup_key: str
    kind: str
    meeting_id: int | None
    parts: list[str]
    buttons: ButtonRows | None
    reply: bool
    held: bool
    about: dict[str, Any]
    language: str


async def gather(
    conn: aiosqlite.Connection,
    *,
    scope: str,
    chat_id: int,
    thread_id: int | None,
    key: str,
    kind: str,
    meeting_id: int | None,
    parts: Sequence[str],
    buttons: ButtonRows | None,
    reply: bool,
    held: bool,
    about: dict[str, Any],
    language: str,
    now: str,
) -> bool:
    """Keep one alert for the end of `scope` (inside the event's transaction); False when the
    same alert (its outbox key) is waiting already."""
    cur = await conn.execute(
        "INSERT OR IGNORE INTO alert_gathering (scope, chat_id, thread_id, dedup_key, kind,"
        " meeting_id, parts, buttons, reply, held, about, language, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            scope,
            chat_id,
            thread_id,
            key,
            kind,
            meeting_id,
            json.dumps(list(parts)),
            json.dumps([[list(b) for b in row] for row in buttons]) if buttons else None,
            int(reply),
            int(held),
            json.dumps(about, ensure_ascii=False),
            language,
            now,
        ),
    )
    return cur.rowcount == 1


def _row(r: aiosqlite.Row) -> Gathered:
    buttons = json.loads(r["buttons"]) if r["buttons"] else None
    return Gathered(
        id=int(r["id"]),
        scope=str(r["scope"]),
        chat_id=int(r["chat_id"]),
        thread_id=r["thread_id"],
        dedup_key=str(r["dedup_key"]),
        kind=str(r["kind"]),
        meeting_id=r["meeting_id"],
        parts=[str(p) for p in json.loads(r["parts"])],
        buttons=[[(str(b[0]), str(b[1])) for b in row] for row in buttons] if buttons else None,
        reply=bool(r["reply"]),
        held=bool(r["held"]),
        about=dict(json.loads(r["about"])),
        language=str(r["language"]),
    )


async def gathered(conn: aiosqlite.Connection, scope: str) -> list[Gathered]:
    """The alerts waiting for `scope`, in the order they were written."""
    async with conn.execute(
        "SELECT * FROM alert_gathering WHERE scope = ? ORDER BY id", (scope,)
    ) as cur:
        return [_row(r) for r in await cur.fetchall()]


async def scopes(db: Database) -> list[str]:
    """Every scope with alerts waiting (after a crash: scopes that never ended)."""
    async with db.reader.execute(
        "SELECT scope FROM alert_gathering GROUP BY scope ORDER BY min(id)"
    ) as cur:
        return [str(r[0]) for r in await cur.fetchall()]


async def forget(conn: aiosqlite.Connection, ids: Iterable[int]) -> None:
    """Drop rows that were moved to the outbox (in the transaction that moved them)."""
    await conn.execute(
        "DELETE FROM alert_gathering WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(ids)),),
    )
