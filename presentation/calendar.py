"""The followed bodies' meetings as an iCalendar file (.ics), made with the icalendar library.

Why: members live in their calendars. A calendar program recognises an event it has seen by its
UID and takes a newer version when SEQUENCE is higher, so each meeting keeps one UID for life
(`meeting-<id>@<host>`) and its SEQUENCE is the number of changes recorded for it (events
'changed', 'moved', 'cancelled': append-only, so it only grows). A cancelled meeting stays in the
file with STATUS:CANCELLED, which removes it from the member's calendar instead of leaving a
stale entry. Times are Europe/Stockholm wall-clock (TZID); a meeting without a start time is an
all-day event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from agenda.clock import STOCKHOLM
from agenda.summary import item_heading
from presentation.render import list_ref
from presentation.texts import plain
from storage.meeting_rows import StoredMeeting

PRODID = "-//Namndbot//Namndbot//SV"
UID_HOST = "namndbot"
DEFAULT_LENGTH = timedelta(hours=2)


def meeting_uid(meeting_id: int) -> str:
    return f"meeting-{meeting_id}@{UID_HOST}"


def _description(sm: StoredMeeting, lang: str) -> str:
    lines = [f"{list_ref(item)} {item_heading(item)}".strip() for item in sm.meeting.items]
    if sm.meeting.url:
        lines += ["", plain("calendar_portal", lang, url=sm.meeting.url)]
    return "\n".join(lines)


def meeting_event(sm: StoredMeeting, sequence: int, stamp: datetime, lang: str) -> Event | None:
    """One VEVENT for a dated meeting (None for an undated one)."""
    day = sm.meeting.date
    if day is None:
        return None
    event = Event()
    event.add("uid", meeting_uid(sm.id))
    event.add("sequence", sequence)
    event.add("dtstamp", stamp)
    event.add("summary", sm.body.display_name)
    if sm.meeting.start is not None:
        start = datetime.combine(day, sm.meeting.start, tzinfo=STOCKHOLM)
        end = (
            datetime.combine(day, sm.meeting.end, tzinfo=STOCKHOLM)
            if sm.meeting.end is not None and sm.meeting.end > sm.meeting.start
            else start + DEFAULT_LENGTH
        )
        event.add("dtstart", start)
        event.add("dtend", end)
    else:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
    event.add("status", "CANCELLED" if sm.meeting.cancelled else "CONFIRMED")
    if sm.meeting.place:
        event.add("location", sm.meeting.place)
    if sm.meeting.url:
        event.add("url", sm.meeting.url)
    event.add("description", _description(sm, lang))
    return event


def meetings_ics(
    meetings: Sequence[StoredMeeting], sequences: dict[int, int], stamp: datetime, lang: str
) -> bytes:
    """The calendar file: one event per dated meeting (`sequences`: meeting id -> SEQUENCE)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", plain("calendar_name", lang))
    for sm in meetings:
        event = meeting_event(sm, sequences.get(sm.id, 0), stamp, lang)
        if event is not None:
            calendar.add_component(event)
    calendar.add_missing_timezones()
    data: bytes = calendar.to_ical()
    return data


MAX_MEETINGS = 200  # meetings in one calendar file
