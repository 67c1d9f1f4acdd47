"""Reminders: the spec a member types, when each reminder is due, and never twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest

from agenda.alert_times import fire_time, parse_spec
from agenda.clock import STOCKHOLM
from agenda.model import Meeting
from alerts.fanout import enqueue_alerts
from alerts.reminders import enqueue_due_reminders
from demo.clock import ManualClock
from presentation.texts import format_date
from storage.alert_prefs import set_reminders
from storage.db import Database
from storage.meetings import get_meeting, upsert_meeting
from storage.outbox import Payload
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


async def _remind_at(db: Database, moment: datetime) -> int:
    """Step the test's clock to `moment` and run the reminders job once."""
    assert isinstance(db.clock, ManualClock)
    db.clock.set(moment)
    return await enqueue_due_reminders(db)


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

    assert await _remind_at(seeded_db, due - timedelta(minutes=1)) == 0
    assert await _remind_at(seeded_db, due + timedelta(minutes=1)) == 1
    assert await _remind_at(seeded_db, due + timedelta(minutes=16)) == 0
    morning = datetime.combine(sm.meeting.date, time(7, 5), STOCKHOLM)
    assert await _remind_at(seeded_db, morning) == 1
    moment = f"{sm.meeting.date.isoformat()}T{sm.meeting.start or ''}"
    assert await _keys(seeded_db) == [
        f"remind:{sm.id}:21:2d:{moment}",
        f"remind:{sm.id}:21:morning:{moment}",
    ]
    # Long after the time (beyond the grace period) nothing is sent late.
    await set_reminders(seeded_db, 22, "2d")
    assert await _remind_at(seeded_db, due + timedelta(hours=7)) == 0


def test_hour_offsets_are_real_hours_across_the_dst_changes() -> None:
    """`24h` means 24 hours on the clock of the world, also on 2026-10-25 and 2027-03-28."""
    autumn = fire_time("24h", date(2026, 10, 25), time(13, 0))
    assert autumn == datetime(2026, 10, 24, 12, 0, tzinfo=UTC)  # 14:00 CEST, not 13:00
    spring = fire_time("24h", date(2027, 3, 28), time(13, 0))
    assert spring == datetime(2027, 3, 27, 11, 0, tzinfo=UTC)  # 12:00 CET, not 13:00
    early = fire_time("3h", date(2026, 10, 25), time(5, 30))
    assert early == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 CET (the second 02:30)
    # Days keep the wall clock: the day before at the meeting's time, whatever the offset.
    assert fire_time("1d", date(2026, 10, 26), time(9, 0)) == datetime(
        2026, 10, 25, 9, 0, tzinfo=STOCKHOLM
    )
    assert fire_time("morning", date(2027, 3, 28), None) == datetime(
        2027, 3, 28, 7, 0, tzinfo=STOCKHOLM
    )


async def _store(db: Database, meeting: Meeting) -> None:
    await upsert_meeting(db, meeting, on_events=enqueue_alerts)


async def test_reminders_around_the_dst_change_fire_once_at_the_right_hour(
    seeded_db: Database, seed_ids: dict[str, int]
) -> None:
    sm = await get_meeting(seeded_db, seed_ids["000"])
    assert sm is not None
    meeting = replace(sm.meeting, date=date(2026, 10, 25), start=time(13, 0))
    await _store(seeded_db, meeting)
    await add_follow(seeded_db, 23, sm.body.id)
    await set_reminders(seeded_db, 23, "24h")
    due = datetime(2026, 10, 24, 12, 0, tzinfo=UTC)
    assert await _remind_at(seeded_db, due - timedelta(minutes=10)) == 0
    assert await _remind_at(seeded_db, due + timedelta(minutes=5)) == 1
    assert await _remind_at(seeded_db, due + timedelta(hours=2)) == 0


async def test_a_moved_meeting_is_reminded_again_at_its_new_time(
    seeded_db: Database, seed_ids: dict[str, int]
) -> None:
    sm = await get_meeting(seeded_db, seed_ids["000"])
    assert sm is not None and sm.meeting.date is not None
    await add_follow(seeded_db, 24, sm.body.id)
    await set_reminders(seeded_db, 24, "1d")
    first = fire_time("1d", sm.meeting.date, sm.meeting.start)
    assert first is not None
    assert await _remind_at(seeded_db, first + timedelta(minutes=1)) == 1
    later = sm.meeting.date + timedelta(days=7)
    await _store(seeded_db, replace(sm.meeting, date=later))
    again = fire_time("1d", later, sm.meeting.start)
    assert again is not None
    assert await _remind_at(seeded_db, again + timedelta(minutes=1)) == 1
    texts = await _texts(seeded_db, 24, "reminder")
    assert len(texts) == 2 and format_date(later, "sv") in texts[1]


async def test_an_unsent_reminder_is_withdrawn_when_the_meeting_is_cancelled_or_moved(
    seeded_db: Database, seed_ids: dict[str, int]
) -> None:
    sm = await get_meeting(seeded_db, seed_ids["000"])
    assert sm is not None and sm.meeting.date is not None
    await add_follow(seeded_db, 25, sm.body.id)
    await set_reminders(seeded_db, 25, "1d")
    first = fire_time("1d", sm.meeting.date, sm.meeting.start)
    assert first is not None
    assert await _remind_at(seeded_db, first + timedelta(minutes=1)) == 1
    await _store(seeded_db, replace(sm.meeting, cancelled=True))
    assert await _statuses(seeded_db, 25, "reminder") == ["withdrawn"]
    assert await _statuses(seeded_db, 25, "cancelled") == ["pending"]
    # Cancelled: no reminder is written any more.
    assert await _remind_at(seeded_db, first + timedelta(minutes=20)) == 0


async def _texts(db: Database, chat_id: int, kind: str) -> list[str]:
    async with db.reader.execute(
        "SELECT payload FROM outbox WHERE chat_id = ? AND kind = ? ORDER BY id", (chat_id, kind)
    ) as cur:
        return [Payload.from_json(r[0]).text for r in await cur.fetchall()]


async def _statuses(db: Database, chat_id: int, kind: str) -> list[str]:
    async with db.reader.execute(
        "SELECT status FROM outbox WHERE chat_id = ? AND kind = ? ORDER BY id", (chat_id, kind)
    ) as cur:
        return [str(r[0]) for r in await cur.fetchall()]


async def test_a_reminder_is_enqueued_within_a_minute_of_its_time(
    seeded_db: Database, seed_ids: dict[str, int]
) -> None:
    """The report: `/paminn 1h`, a meeting at 17:23, the reminder at 16:36: the job ran on its
    own 15-minute grid, which had just passed the reminder's time. Whatever the grid, runs every
    `INTERVAL_SECONDS` catch a reminder within a minute."""
    from jobs.reminders import INTERVAL_SECONDS

    sm = await get_meeting(seeded_db, seed_ids["000"])
    assert sm is not None and sm.meeting.date is not None
    await add_follow(seeded_db, 26, sm.body.id)
    await set_reminders(seeded_db, 26, "1h")
    due = fire_time("1h", sm.meeting.date, sm.meeting.start)
    assert due is not None
    run = due - timedelta(seconds=2)  # the grid's last run just before the time
    while not await _remind_at(seeded_db, run):
        run += timedelta(seconds=INTERVAL_SECONDS)
        assert run < due + timedelta(hours=1)
    assert timedelta(0) <= run - due < timedelta(minutes=1)
