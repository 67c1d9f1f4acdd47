"""Pruning: finished alerts, events and poll records go after their horizon; what replies need
and everything unsent stays."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from demo.clock import ManualClock
from storage.db import Database
from storage.prune import ALERT_DAYS, POLL_DAYS, prune


async def _meeting(db: Database, key: str, day: str) -> int:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT OR IGNORE INTO bodies (portal, slug, name) VALUES ('', 'rs', 'RS')"
        )
        cur = await conn.execute(
            "INSERT INTO meetings (body_id, key, date, content_hash, first_seen, updated_at)"
            " VALUES (1, ?, ?, 'h', ?, ?)",
            (key, day, db.timestamp(), db.timestamp()),
        )
        return int(cur.lastrowid or 0)


async def _alert(db: Database, key: str, meeting: int, status: str) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT OR IGNORE INTO chats (chat_id, kind, created_at) VALUES (1, 'private', ?)",
            (db.timestamp(),),
        )
        await conn.execute(
            "INSERT INTO outbox (chat_id, dedup_key, kind, meeting_id, payload, status,"
            " not_before, created_at) VALUES (1, ?, 'new', ?, '{}', ?, ?, ?)",
            (key, meeting, status, db.timestamp(), db.timestamp()),
        )
        await conn.execute(
            "INSERT INTO events (meeting_id, kind, created_at, dedup_key) VALUES (?, 'new', ?, ?)",
            (meeting, db.timestamp(), key),
        )
        await conn.execute(
            "INSERT INTO polls (started_at, finished_at) VALUES (?, ?)",
            (db.timestamp(), db.timestamp()),
        )


async def _count(db: Database, table: str) -> int:
    async with db.reader.execute(f"SELECT count(*) FROM {table}") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def test_prune_keeps_what_replies_and_unsent_rows_need(
    tmp_path: Path, clock: ManualClock
) -> None:
    db = await Database.open(tmp_path / "p.sqlite3", clock)
    today = clock.now().date()
    past = await _meeting(db, "past", (today - timedelta(days=ALERT_DAYS + 30)).isoformat())
    ahead = await _meeting(db, "ahead", (today + timedelta(days=ALERT_DAYS + 30)).isoformat())
    await _alert(db, "past-sent", past, "sent")
    await _alert(db, "ahead-sent", ahead, "sent")
    await _alert(db, "past-held", past, "held")
    assert await prune(db) == (await prune(db))  # nothing is old yet: nothing goes
    assert await _count(db, "outbox") == 3
    clock.advance(timedelta(days=ALERT_DAYS + 1))
    pruned = await prune(db)
    assert (pruned.outbox, pruned.events) == (1, 2)  # only the past meeting's sent alert
    assert pruned.polls == 3 and POLL_DAYS < ALERT_DAYS
    async with db.reader.execute("SELECT dedup_key FROM outbox ORDER BY id") as cur:
        assert [r[0] for r in await cur.fetchall()] == ["ahead-sent", "past-held"]
    await db.close()
