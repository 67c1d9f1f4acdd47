"""Outbox health for /status: pending, oldest pending age, dead letters, sent, held.

Why: an operator must see at a glance whether alerts are flowing or piling up; kept apart from
the queue operations so the sender's module stays about sending.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.db import Database
from storage.outbox_payload import stamp


@dataclass(frozen=True, slots=True)
class OutboxStats:
    pending: int
    oldest_pending_age_seconds: float | None
    dead: int
    sent_last_24h: int
    held: int = 0


async def outbox_stats(db: Database) -> OutboxStats:
    """Queue health for /status: pending (incl. sending), oldest pending age, dead letters."""
    now = db.clock.now()
    since = stamp(now - timedelta(days=1))
    async with db.reader.execute(
        "SELECT"
        " (SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')),"
        " (SELECT min(created_at) FROM outbox WHERE status IN ('pending', 'sending')),"
        " (SELECT count(*) FROM outbox WHERE status = 'dead'),"
        " (SELECT count(*) FROM outbox WHERE status = 'sent' AND sent_at >= ?),"
        " (SELECT count(*) FROM outbox WHERE status = 'held')",
        (since,),
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    oldest = None
    if row[1]:
        age = (now - datetime.fromisoformat(row[1])).total_seconds()
        oldest = max(0.0, math.floor(age))
    return OutboxStats(int(row[0]), oldest, int(row[2]), int(row[3]), int(row[4]))


async def pending_count(db: Database, chat_id: int | None = None) -> int:
    """Rows not sent yet (pending, or being sent; due now or later), of one chat if given."""
    sql = "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')"
    args: tuple[int, ...] = ()
    if chat_id is not None:
        sql, args = f"{sql} AND chat_id = ?", (chat_id,)
    async with db.reader.execute(sql, args) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


@dataclass(frozen=True, slots=True)
class OutboxMetrics:
    """Totals for /metrics and /healthz, read at scrape time (so they survive restarts)."""

    by_status: dict[str, int]
    retries: int  # send attempts beyond the first, over the rows kept
    due_lag_seconds: float  # how late the oldest due, unsent message is (0 when none)
    # due (created, or its not_before if later, as for reminders) -> sent, for the last hour
    lag_last_hour_avg_seconds: float
    lag_last_hour_max_seconds: float


async def outbox_metrics(db: Database, now: datetime) -> OutboxMetrics:
    async with db.reader.execute("SELECT status, count(*) FROM outbox GROUP BY status") as cur:
        by_status = {str(row[0]): int(row[1]) for row in await cur.fetchall()}
    hour_ago = stamp(now - timedelta(hours=1))
    async with db.reader.execute(
        "SELECT"
        " (SELECT coalesce(sum(max(attempts - 1, 0) + timeout_retries), 0) FROM outbox),"
        " (SELECT min(not_before) FROM outbox"
        "   WHERE status IN ('pending', 'sending') AND not_before <= ?)",
        (stamp(now),),
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    due = (now - datetime.fromisoformat(row[1])).total_seconds() if row[1] else 0.0
    async with db.reader.execute(
        "SELECT avg(lag), max(lag) FROM (SELECT"
        "  (julianday(sent_at) - julianday(max(created_at, not_before))) * 86400.0 AS lag"
        "  FROM outbox WHERE status = 'sent' AND sent_at >= ?)",
        (hour_ago,),
    ) as cur:
        lag = await cur.fetchone()
    assert lag is not None
    return OutboxMetrics(
        by_status, int(row[0]), max(0.0, due), float(lag[0] or 0.0), float(lag[1] or 0.0)
    )
