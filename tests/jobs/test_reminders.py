"""Reminders: the spec a member types, when each reminder is due, and never twice."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from jobs.reminders import STOCKHOLM, enqueue_due_reminders, fire_time, parse_spec
from storage.alert_prefs import set_reminders
from storage.db import Database
from storage.meetings import get_meeting
from tests.jobs.outbox_helpers import add_follow


@pytest.mark.parametrize(
    ("words", "spec"),
    [
        (["2d", "morgon"], "2d,morning"),
        (["morning", "3h"], "morning,3h"),
        (["på"], "1d,morning"),
        (["av"], ""),
        (["OFF"], ""),
        (["2d", "2d"], "2d"),
        (["15d"], None),
        (["0h"], None),
        (["imorgon"], None),
        ([], None),
    ],
)
def test_parse_spec(words: list[str], spec: str | None) -> None:
    assert parse_spec(words) == spec


def test_fire_times_are_stockholm_wall_clock() -> None:
    day = date(2026, 12, 4)
    assert fire_time("morning", day, time(13, 0)) == datetime(2026, 12, 4, 7, 0, tzinfo=STOCKHOLM)
    assert fire_time("2d", day, time(13, 0)) == datetime(2026, 12, 2, 13, 0, tzinfo=STOCKHOLM)
    assert fire_time("3h", day, None) == datetime(2026, 12, 4, 6, 0, tzinfo=STOCKHOLM)


async def _keys(db: Database) -> list[str]:
    async with db.reader.execute("SELECT dedup_key FROM outbox ORDER BY id") as cur:
        return [r[0] for r in await cur.fetchall()]


async def test_due_reminders_are_enqueued_once(
    seeded_db: Database, seed_ids: dict[str, int]
) -> None:
    sm = await get_meeting(seeded_db, seed_ids["000"])
    assert sm is not None and sm.meeting.date is not None
    await add_follow(seeded_db, 21, sm.body.id)
    await add_follow(seeded_db, 22, sm.body.id)  # follows, but reminders are off by default
    await set_reminders(seeded_db, 21, "2d,morning")
    due = fire_time("2d", sm.meeting.date, sm.meeting.start)
    assert due is not None

    assert await enqueue_due_reminders(seeded_db, due - timedelta(minutes=1)) == 0
    assert await enqueue_due_reminders(seeded_db, due + timedelta(minutes=1)) == 1
    assert await enqueue_due_reminders(seeded_db, due + timedelta(minutes=16)) == 0
    morning = datetime.combine(sm.meeting.date, time(7, 5), STOCKHOLM)
    assert await enqueue_due_reminders(seeded_db, morning) == 1
    assert await _keys(seeded_db) == [f"remind:{sm.id}:21:2d", f"remind:{sm.id}:21:morning"]
    # Long after the time (beyond the grace period) nothing is sent late.
    await set_reminders(seeded_db, 22, "2d")
    assert await enqueue_due_reminders(seeded_db, due + timedelta(hours=7)) == 0
