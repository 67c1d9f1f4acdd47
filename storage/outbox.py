"""The outbox: every alert is a row here before it is a Telegram message.

Why: an alert must survive a crash between "the agenda changed" and "the member was told".
Rows are written in the same transaction as the event that causes them (`enqueue`, with a
unique `dedup_key`, INSERT OR IGNORE), and the sender claims them with a lease (`claim_due`),
sends, and records each outcome at once (`mark_sent`, `reschedule`, `mark_dead`). A row left
`sending` by a crash becomes claimable again when its lease runs out.

Order: the sender only ever takes the oldest open (pending/sending) row of a chat, so the parts
of a long message and a "changed" alert after its "new" alert arrive in the order written.
Rows of digest chats are written `held` and folded into one daily message by `alerts.digest`.

The row's shape lives in `storage.outbox_payload` and the /status numbers in
`storage.outbox_stats`; both are re-exported here, so `from storage.outbox import ...` is the one
import the rest of the code uses.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime

import aiosqlite

from agenda.clock import iso_utc
from agenda.events import PAGE_EVENTS, AlertKind, EventKind
from storage.db import Database
from storage.outbox_payload import (
    ButtonRows,
    OutboxRow,
    OutboxStatus,
    Payload,
    after,
    row_from_sql,
    stamp,
)
from storage.outbox_stats import OutboxStats, outbox_stats, pending_count

__all__ = [
    "ButtonRows",
    "OutboxRow",
    "OutboxStats",
    "OutboxStatus",
    "Payload",
    "after",
    "cancel_open",
    "claim_due",
    "dead_notice_key",
    "due_for_any",
    "enqueue",
    "enqueue_parts",
    "ensure_chats",
    "expire_open",
    "forget_dead_notices",
    "has_open_notice",
    "mark_dead",
    "mark_sent",
    "move_row",
    "outbox_stats",
    "pending_count",
    "release",
    "reply_target",
    "reschedule",
    "stamp",
    "unclaim",
    "withdraw_reminders",
]


async def enqueue(
    conn: aiosqlite.Connection,
    *,
    now: str,
    chat_id: int,
    dedup_key: str,
    kind: str,
    payload: Payload,
    thread_id: int | None = None,
    meeting_id: int | None = None,
    part: int = 0,
    held: bool = False,
) -> bool:
    """Write one row inside the caller's transaction; False when the key already exists."""
    cur = await conn.execute(
        "INSERT OR IGNORE INTO outbox (chat_id, thread_id, dedup_key, kind, meeting_id, part,"
        " payload, status, not_before, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            chat_id,
            thread_id,
            dedup_key,
            kind,
            meeting_id,
            part,
            payload.to_json(),
            "held" if held else "pending",
            now,
            now,
        ),
    )
    return cur.rowcount == 1


async def enqueue_parts(
    conn: aiosqlite.Connection,
    *,
    now: str,
    chat_id: int,
    key: str,
    kind: str,
    parts: Sequence[str],
    buttons: ButtonRows | None = None,
    reply: bool = False,
    thread_id: int | None = None,
    meeting_id: int | None = None,
    held: bool = False,
) -> int:
    """Enqueue a message split in parts (`<key>:<part>`); buttons go on the last part.

    Only the first part replies to the earlier alert. Returns the number of rows written.
    """
    written = 0
    last = len(parts) - 1
    for number, text in enumerate(parts):
        payload = Payload(text, buttons if number == last else None, reply and number == 0)
        written += await enqueue(
            conn,
            now=now,
            chat_id=chat_id,
            dedup_key=f"{key}:{number}",
            kind=kind,
            payload=payload,
            thread_id=thread_id,
            meeting_id=meeting_id,
            part=number,
            held=held,
        )
    return written


async def ensure_chats(conn: aiosqlite.Connection, chat_ids: Iterable[int], now: str) -> None:
    """Make sure chats rows exist (admin chats may never have talked to the bot)."""
    for chat_id in chat_ids:
        kind = "private" if chat_id > 0 else "group"
        await conn.execute(
            "INSERT OR IGNORE INTO chats (chat_id, kind, created_at) VALUES (?, ?, ?)",
            (chat_id, kind, now),
        )


_CLAIM = """
SELECT o.id FROM (
    SELECT id, chat_id, not_before AS due FROM outbox
     WHERE status = 'pending' AND not_before <= :now
    UNION ALL
    SELECT id, chat_id, lease_until AS due FROM outbox
     WHERE status = 'sending' AND lease_until <= :now
) AS o
WHERE o.id = (SELECT MIN(h.id) FROM outbox AS h
               WHERE h.chat_id = o.chat_id AND h.status IN ('pending', 'sending'))
  AND o.chat_id NOT IN (SELECT value FROM json_each(:excluded))
ORDER BY o.due, o.id
LIMIT :limit
"""


async def claim_due(
    db: Database, *, limit: int, lease_seconds: float, exclude: Iterable[int] = ()
) -> list[OutboxRow]:
    """Lease the oldest due row of up to `limit` chats (not in `exclude`) for sending."""
    now = db.clock.now()
    params = {
        "now": now.isoformat(timespec="seconds"),
        "excluded": json.dumps(list(exclude)),
        "limit": limit,
    }
    async with db.transaction() as conn:
        async with conn.execute(_CLAIM, params) as cur:
            ids = [r[0] for r in await cur.fetchall()]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        async with conn.execute(
            f"UPDATE outbox SET status = 'sending', lease_until = ?, attempts = attempts + 1"  # noqa: S608
            f" WHERE id IN ({marks}) RETURNING *",
            (after(lease_seconds, now), *ids),
        ) as cur:
            rows = [row_from_sql(r) for r in await cur.fetchall()]
    rows.sort(key=lambda row: ids.index(row.id))
    return rows


async def due_for_any(db: Database, chat_ids: Iterable[int]) -> bool:
    """Is a pending row due now for any of these chats?"""
    async with db.reader.execute(
        "SELECT 1 FROM outbox WHERE status = 'pending' AND not_before <= ?"
        " AND chat_id IN (SELECT value FROM json_each(?)) LIMIT 1",
        (stamp(db.clock.now()), json.dumps(list(chat_ids))),
    ) as cur:
        return await cur.fetchone() is not None


async def mark_sent(db: Database, row: OutboxRow, message_id: int | None) -> None:
    """Record a delivered row; a successful send also clears the chat's Forbidden strikes."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE outbox SET status = 'sent', sent_at = ?, message_id = ?, lease_until = NULL,"
            " error = NULL WHERE id = ?",
            (db.timestamp(), message_id, row.id),
        )
        await conn.execute(
            "UPDATE chats SET forbidden_strikes = 0 WHERE chat_id = ? AND forbidden_strikes > 0",
            (row.chat_id,),
        )


async def reschedule(
    conn: aiosqlite.Connection,
    row_id: int,
    delay: float,
    error: str,
    *,
    timeout_retry: bool,
    now: datetime,
) -> None:
    """Put a row back to pending, due after `delay` seconds."""
    await conn.execute(
        "UPDATE outbox SET status = 'pending', not_before = ?, lease_until = NULL, error = ?,"
        " timeout_retries = timeout_retries + ? WHERE id = ?",
        (after(delay, now), error[:500], int(timeout_retry), row_id),
    )


async def release(db: Database, row_ids: Iterable[int]) -> int:
    """Make waiting rows due now (Telegram answers again: their backoff no longer applies)."""
    ids = json.dumps(sorted(row_ids))
    now = stamp(db.clock.now())
    async with db.transaction() as conn:
        cur = await conn.execute(
            "UPDATE outbox SET not_before = ? WHERE status = 'pending' AND not_before > ?"
            " AND id IN (SELECT value FROM json_each(?))",
            (now, now, ids),
        )
    return cur.rowcount


async def move_row(conn: aiosqlite.Connection, row_id: int, chat_id: int) -> None:
    """Address one row to another chat (the chat migrated while the row was in flight)."""
    await conn.execute("UPDATE outbox SET chat_id = ? WHERE id = ?", (chat_id, row_id))


async def expire_open(conn: aiosqlite.Connection, written_before: datetime, reason: str) -> int:
    """Give up the unsent rows written before `written_before` (Telegram did not answer for
    that long): status 'dead'; returns how many. Admin notices are kept: the one that says
    alerts were given up must still arrive when Telegram answers again."""
    cur = await conn.execute(
        "UPDATE outbox SET status = 'dead', lease_until = NULL, error = ?"
        " WHERE status = 'pending' AND created_at < ? AND kind != ?",
        (reason, iso_utc(written_before), AlertKind.ADMIN),
    )
    return cur.rowcount


async def has_open_notice(conn: aiosqlite.Connection, chat_id: int, key_prefix: str) -> bool:
    """Is a notice whose dedup key starts with `key_prefix` still waiting to reach `chat_id`?"""
    cur = await conn.execute(
        "SELECT 1 FROM outbox WHERE chat_id = ? AND status IN ('pending', 'sending')"
        " AND substr(dedup_key, 1, length(?)) = ? LIMIT 1",
        (chat_id, key_prefix, key_prefix),
    )
    return await cur.fetchone() is not None


_DEAD_NOTICE = "admin:dead:"


def dead_notice_key(chat_id: int, row_id: int, admin: int) -> str:
    """The key of the admins' notice that row `row_id` to `chat_id` could not be sent. The
    notice names the chat, so the key does too: erasing the chat erases the notice."""
    return f"{_DEAD_NOTICE}{chat_id}:{row_id}:{admin}"


async def forget_dead_notices(conn: aiosqlite.Connection, chat_id: int) -> int:
    """Delete the admins' notices that name `chat_id` (its /radera); how many there were."""
    cur = await conn.execute(
        "DELETE FROM outbox WHERE kind = ? AND substr(dedup_key, 1, length(?)) = ?",
        (AlertKind.ADMIN, *(f"{_DEAD_NOTICE}{chat_id}:",) * 2),
    )
    removed = cur.rowcount
    await cur.close()
    return int(removed)


async def unclaim(db: Database, row_ids: Iterable[int]) -> None:
    """Hand claimed rows that were not sent back to the queue (the claim did not count)."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE outbox SET status = 'pending', lease_until = NULL, attempts = attempts - 1"
            " WHERE status = 'sending' AND id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(row_ids)),),
        )


async def mark_dead(conn: aiosqlite.Connection, row_id: int, error: str) -> None:
    await conn.execute(
        "UPDATE outbox SET status = 'dead', lease_until = NULL, error = ? WHERE id = ?",
        (error[:500], row_id),
    )


async def cancel_open(conn: aiosqlite.Connection, chat_id: int, reason: str) -> int:
    """Drop every unsent row of a chat that blocked or removed the bot (status 'dropped': not a
    dead letter, since nothing failed that an admin could act on; /status counts dead letters)."""
    cur = await conn.execute(
        "UPDATE outbox SET status = 'dropped', lease_until = NULL, error = ?"
        " WHERE chat_id = ? AND status IN ('pending', 'sending', 'held')",
        (reason, chat_id),
    )
    return cur.rowcount


async def withdraw_reminders(conn: aiosqlite.Connection, meeting_id: int, reason: str) -> int:
    """Unsent reminders of a meeting that was cancelled or moved are not sent (status
    'withdrawn'; not a dead letter: nothing failed). Returns the rows withdrawn."""
    cur = await conn.execute(
        "UPDATE outbox SET status = 'withdrawn', lease_until = NULL, error = ?"
        " WHERE meeting_id = ? AND kind = ? AND status = 'pending'",
        (reason, meeting_id, AlertKind.REMINDER),
    )
    return cur.rowcount


async def reply_target(db: Database, meeting_id: int, chat_id: int) -> int | None:
    """The message id of the first alert about this meeting sent to this chat, if any: the
    alert of one of the page's events (`agenda.events.PAGE_EVENTS`), its new agenda first."""
    async with db.reader.execute(
        "SELECT message_id FROM outbox WHERE meeting_id = ? AND chat_id = ? AND status = 'sent'"
        " AND message_id IS NOT NULL AND kind IN (SELECT value FROM json_each(?))"
        " ORDER BY kind = ? DESC, sent_at, part LIMIT 1",
        (meeting_id, chat_id, json.dumps(PAGE_EVENTS), EventKind.NEW),
    ) as cur:
        found = await cur.fetchone()
    return int(found[0]) if found else None


async def known_keys(db: Database, keys: Sequence[str]) -> set[str]:
    """Which of `keys` already have an outbox row (a job that runs often writes only new ones)."""
    if not keys:
        return set()
    async with db.reader.execute(
        "SELECT dedup_key FROM outbox WHERE dedup_key IN (SELECT value FROM json_each(?))",
        (json.dumps(list(keys)),),
    ) as cur:
        return {str(r[0]) for r in await cur.fetchall()}
