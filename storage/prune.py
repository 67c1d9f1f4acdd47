"""Forgetting what the bot no longer needs: sent alerts, events and poll records past a horizon.

Why: the database holds members' chat ids and every alert ever sent; keeping it all forever
serves nobody and grows without end. What replies and threads need stays: an alert about a
meeting is kept while the meeting is within the horizon (a later "changed" alert replies to
it), and nothing unsent (pending, sending, held) is ever touched.

Horizons (documented in README): finished outbox rows and events 180 days after they were
written, once their meeting is also 180 days past; poll records after 30 days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from agenda.clock import STOCKHOLM, iso_utc
from storage.db import Database
from storage.outbox_payload import OutboxStatus

ALERT_DAYS = 180
POLL_DAYS = 30
_FINISHED = tuple(str(s) for s in OutboxStatus.finished())


@dataclass(frozen=True, slots=True)
class Pruned:
    outbox: int
    events: int
    polls: int


async def prune(db: Database, now: datetime | None = None) -> Pruned:
    """Delete what is past its horizon, in one transaction; returns the rows deleted."""
    moment = now or db.clock.now()
    cutoff = iso_utc(moment - timedelta(days=ALERT_DAYS))
    cutoff_day = (moment - timedelta(days=ALERT_DAYS)).astimezone(STOCKHOLM).date().isoformat()
    old_meeting = "(meeting_id IS NULL OR meeting_id IN (SELECT id FROM meetings WHERE date < ?))"
    async with db.transaction() as conn:
        outbox = await conn.execute(
            f"DELETE FROM outbox WHERE status IN ({','.join('?' * len(_FINISHED))})"  # noqa: S608
            f" AND created_at < ? AND {old_meeting}",
            (*_FINISHED, cutoff, cutoff_day),
        )
        events = await conn.execute(
            f"DELETE FROM events WHERE created_at < ? AND {old_meeting}",  # noqa: S608
            (cutoff, cutoff_day),
        )
        polls = await conn.execute(
            "DELETE FROM polls WHERE finished_at IS NOT NULL AND started_at < ?",
            (iso_utc(moment - timedelta(days=POLL_DAYS)),),
        )
    return Pruned(outbox.rowcount, events.rowcount, polls.rowcount)
