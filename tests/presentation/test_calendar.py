"""The .ics file: read back with the library that made it; a moved meeting is the same event with
a higher SEQUENCE, a cancelled one says so; times in Stockholm; the items in the description."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from icalendar import Calendar

from agenda.clock import STOCKHOLM
from demo.clock import ManualClock
from presentation.calendar import meeting_uid, meetings_ics
from storage.db import Database
from storage.events import change_counts
from storage.meetings import StoredMeeting, get_meeting, upsert_meeting


async def _ics(db: Database, ids: list[int], clock: ManualClock) -> Calendar:
    meetings = [sm for i in ids if (sm := await get_meeting(db, i)) is not None]
    data = meetings_ics(meetings, await change_counts(db, ids), clock.now(), "sv")
    return Calendar.from_ical(data)


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


async def _stored(db: Database, meeting_id: int) -> StoredMeeting:
    sm = await get_meeting(db, meeting_id)
    assert sm is not None
    return sm


async def test_events_read_back_with_uid_times_place_link_and_items(
    seeded_db: Database, seed_ids: dict[str, int], clock: ManualClock
) -> None:
    rs = seed_ids["001"]
    events = _events(await _ics(seeded_db, [seed_ids["000"], rs], clock))
    event = events[meeting_uid(rs)]
    sm = await _stored(seeded_db, rs)
    assert sm.meeting.date is not None and sm.meeting.start is not None
    start = event["DTSTART"].dt  # type: ignore[index]
    assert start == datetime.combine(sm.meeting.date, sm.meeting.start, tzinfo=STOCKHOLM)
    assert str(event["STATUS"]) == "CONFIRMED" and int(event["SEQUENCE"]) == 0  # type: ignore[index]
    assert str(event["SUMMARY"]) == "Regionstyrelsen"  # type: ignore[index]
    assert "Hörsalen" in str(event["LOCATION"])  # type: ignore[index]
    assert str(event["URL"]) == sm.meeting.url  # type: ignore[index]
    description = str(event["DESCRIPTION"])  # type: ignore[index]
    assert all(item.title in description for item in sm.meeting.items if item.title)
    assert len(events) == 2


async def test_a_moved_then_cancelled_meeting_is_the_same_event_with_a_higher_sequence(
    seeded_db: Database, seed_ids: dict[str, int], clock: ManualClock
) -> None:
    rs = seed_ids["001"]
    before = _events(await _ics(seeded_db, [rs], clock))[meeting_uid(rs)]
    sm = await _stored(seeded_db, rs)
    assert sm.meeting.date is not None
    later = sm.meeting.date + timedelta(days=1)
    await upsert_meeting(seeded_db, replace(sm.meeting, date=later))
    moved = _events(await _ics(seeded_db, [rs], clock))[meeting_uid(rs)]
    assert int(moved["SEQUENCE"]) > int(before["SEQUENCE"])  # type: ignore[index]
    assert moved["DTSTART"].dt.date() == later  # type: ignore[index]
    await upsert_meeting(seeded_db, replace(sm.meeting, date=later, cancelled=True))
    cancelled = _events(await _ics(seeded_db, [rs], clock))[meeting_uid(rs)]
    assert str(cancelled["STATUS"]) == "CANCELLED"  # type: ignore[index]
    assert int(cancelled["SEQUENCE"]) > int(moved["SEQUENCE"])  # type: ignore[index]
