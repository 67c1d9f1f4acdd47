"""What a chat's calendar file shows: its language, its followed bodies' meetings from a day on,
and how often each was revised (its SEQUENCE).

Why: `/kalender` and the private feed (`bot.web`) build the same file
(`presentation.calendar.meetings_ics`, composed in `handlers.calendar.chat_calendar`) from these
reads; the presentation renders what it is given and runs no query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.chats import chat_language, following
from storage.db import Database
from storage.events import change_counts
from storage.meeting_reads import get_meeting, list_meetings
from storage.meeting_rows import StoredMeeting


@dataclass(frozen=True, slots=True)
class ChatCalendar:
    language: str
    meetings: list[StoredMeeting]
    sequences: dict[int, int]  # meeting id → revisions recorded


async def chat_calendar_rows(db: Database, chat_id: int, day: date, limit: int) -> ChatCalendar:
    """Up to `limit` meetings of the chat's followed bodies from `day` on, with their
    revision counts, in the chat's language."""
    language = await chat_language(db, chat_id)
    bodies = await following(db, chat_id)
    rows, _ = await list_meetings(db, [b.id for b in bodies], day, upcoming=limit, recent=0)
    meetings = [sm for r in rows if (sm := await get_meeting(db, r.id)) is not None]
    sequences = await change_counts(db, [sm.id for sm in meetings])
    return ChatCalendar(language, meetings, sequences)
