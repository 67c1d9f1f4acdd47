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


async def pending_count(db: Database) -> int:
    async with db.reader.execute(
        "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')"
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0
