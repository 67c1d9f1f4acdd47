"""Events (`agenda.events.EventKind`: new, changed, moved, cancelled, minutes, …) recorded
durably.

Why: an event is written in the same transaction as the change it describes, with a unique
`dedup_key`, so a crash never loses one and re-reading the same page never records it twice.
The alerts turn events into outbox rows (see `storage.meetings.OnEvents`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from agenda.events import REVISIONS, EventKind
from storage.db import Database


@dataclass
class EventRow:
    id: int
    meeting_id: int
    kind: str  # an `agenda.events.EventKind`
    detail: dict[str, object]
    created_at: str


def _event_from_row(row: aiosqlite.Row) -> EventRow:
    detail = json.loads(row["detail"])
    return EventRow(
        id=int(row["id"]),
        meeting_id=int(row["meeting_id"]),
        kind=str(row["kind"]),
        detail=detail if isinstance(detail, dict) else {},
        created_at=str(row["created_at"]),
    )


async def insert_event(
    conn: aiosqlite.Connection,
    meeting_id: int,
    kind: EventKind,
    detail: dict[str, object],
    dedup_key: str,
    *,
    now: str,
) -> EventRow | None:
    """Record an event inside a transaction; None when `dedup_key` was already recorded."""
    created_at = now
    async with conn.execute(
        "INSERT OR IGNORE INTO events (meeting_id, kind, detail, created_at, dedup_key)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id",
        (meeting_id, kind, json.dumps(detail, ensure_ascii=False), created_at, dedup_key),
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        return None
    return EventRow(int(row[0]), meeting_id, kind, detail, created_at)


async def recent_events(db: Database, limit: int) -> list[EventRow]:
    """The latest `limit` events, newest first."""
    async with db.reader.execute(
        "SELECT id, meeting_id, kind, detail, created_at FROM events ORDER BY id DESC LIMIT ?",
        (limit,),
    ) as cur:
        return [_event_from_row(r) for r in await cur.fetchall()]


async def meeting_events(db: Database, meeting_id: int) -> list[EventRow]:
    """Every event of one meeting, oldest first."""
    async with db.reader.execute(
        "SELECT id, meeting_id, kind, detail, created_at FROM events WHERE meeting_id = ?"
        " ORDER BY id",
        (meeting_id,),
    ) as cur:
        return [_event_from_row(r) for r in await cur.fetchall()]


async def change_counts(db: Database, meeting_ids: Sequence[int]) -> dict[int, int]:
    """How many revisions (`agenda.events.REVISIONS`: changed, moved, cancelled) each meeting
    has had: its calendar SEQUENCE."""
    sql = (
        "SELECT meeting_id, count(*) FROM events WHERE kind IN (SELECT value FROM json_each(?))"
        " AND meeting_id IN (SELECT value FROM json_each(?)) GROUP BY meeting_id"
    )
    ids = json.dumps([int(i) for i in meeting_ids])
    async with db.reader.execute(sql, (json.dumps(REVISIONS), ids)) as cur:
        return {int(r[0]): int(r[1]) for r in await cur.fetchall()}
