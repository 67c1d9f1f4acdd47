"""Reminders before meetings of followed bodies (run every 30 seconds by `jobs.reminders`).

Why: members forget. Reminders are OFF by default; a chat turns them on with `/paminn`:
`/paminn på` (= `1d morgon`: the day before, at the meeting's start time, and 07:00 on the day),
`/paminn 2d morgon`, `/paminn 3h`, `/paminn av`. Offsets: `Nd` (1-14 days before the start),
`Nh` (1-72 hours before), `morgon`/`morning` (07:00 Europe/Stockholm on the meeting day). A
meeting without a start time counts as starting at 09:00. Each run enqueues the reminders whose
time has come (within `GRACE` and before the meeting starts), with dedup keys
`remind:<meeting>:<chat>:<offset>`, so a reminder is never sent twice however often the job
runs. Reminders are timely and bypass the digest. In a party group of the meeting's body the
reminder also lists the group's lines (`/linje`), and only there.

Time: `Nh` is N real hours before the start (computed in UTC, so 24h stays 24h across the DST
changes of 2026-10-25 and 2027-03-28); `Nd` and `morgon` keep the wall clock (the day before at
the meeting's time). Every comparison is made in UTC: two datetimes sharing the Stockholm tzinfo
compare by wall clock, which is ambiguous in the repeated autumn hour. The dedup key also names
the meeting's date and start (`remind:<meeting>:<chat>:<offset>:<date>T<start>`), so a meeting
moved after its reminder went out is reminded again at its new time; an unsent reminder of a
meeting that is cancelled or moved is withdrawn by the fan-out (`alerts.fanout`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import aiosqlite

from agenda.alert_times import fire_time, meeting_start
from agenda.clock import STOCKHOLM, iso_utc
from agenda.events import AlertKind
from presentation.html import Html, b, fmt, join, t, tn
from presentation.render import cb_meeting
from presentation.render_party import reminder_lines
from presentation.texts import format_date, format_time_span, plain
from storage.alert_prefs import reminder_chats
from storage.chats import Follower, followers
from storage.db import Database
from storage.meeting_rows import MeetingRow
from storage.meetings import upcoming_meetings
from storage.outbox import Payload, enqueue, known_keys
from storage.party import lines_of, party_group

GRACE = timedelta(hours=6)
LOOKAHEAD_DAYS = 15


def reminder_text(meeting: MeetingRow, lang: str) -> Html:
    assert meeting.date is not None
    when = format_date(meeting.date, lang)
    span = format_time_span(meeting.start, None)
    lines = [
        t("alert_reminder", lang, when=f"{when} {span}".strip()),
        b(meeting.body.display_name),
    ]
    if meeting.place:
        lines.append(fmt("📍 {}", meeting.place))
    if meeting.item_count:
        lines.append(tn("alert_reminder_items", lang, meeting.item_count))
    return join("\n", lines)


async def _with_lines(
    conn: aiosqlite.Connection, chat_id: int, meeting: MeetingRow, lang: str
) -> Html:
    """The reminder; in the body's party group, with the group's lines (issue 21)."""
    text = reminder_text(meeting, lang)
    group = await party_group(conn, chat_id)
    if group is None or group.body.id != meeting.body.id:
        return text
    lines = reminder_lines(await lines_of(conn, chat_id, meeting.id), lang)
    return fmt("{}\n\n{}", text, lines) if lines else text


def _due(fire: datetime, now: datetime) -> bool:
    """Has the reminder's time come (and not passed by more than `GRACE`)? Compared in UTC."""
    at = fire.astimezone(UTC)
    return at <= now < at + GRACE


@dataclass(frozen=True, slots=True)
class _Due:
    key: str
    meeting: MeetingRow
    follower: Follower


async def _due_now(db: Database, now: datetime) -> list[_Due]:
    """Every reminder whose time has come (read only: no write unless one is due)."""
    specs = await reminder_chats(db)
    if not specs:
        return []
    today = now.astimezone(STOCKHOLM).date()
    meetings = await upcoming_meetings(db, today, today + timedelta(days=LOOKAHEAD_DAYS))
    due: list[_Due] = []
    for meeting in meetings:
        if meeting.cancelled or meeting.date is None:
            continue
        if now >= meeting_start(meeting.date, meeting.start).astimezone(UTC):
            continue
        moment = f"{meeting.date.isoformat()}T{meeting.start or ''}"
        for follower in await followers(db, meeting.body.id):
            for offset in specs.get(follower.chat_id, "").split(","):
                fire = fire_time(offset, meeting.date, meeting.start) if offset else None
                if fire is not None and _due(fire, now):
                    key = f"remind:{meeting.id}:{follower.chat_id}:{offset}:{moment}"
                    due.append(_Due(key, meeting, follower))
    return due


async def enqueue_due_reminders(db: Database) -> int:
    """Enqueue every reminder due now (by the database's clock); returns rows written. Runs
    every `jobs.reminders.INTERVAL_SECONDS`: a reminder leaves within that of its time (plus
    the sender's pace), and a run with nothing new to send writes nothing."""
    now = db.clock.now().astimezone(UTC)
    due = await _due_now(db, now)
    known = await known_keys(db, [d.key for d in due])
    due = [d for d in due if d.key not in known]
    if not due:
        return 0
    written = 0
    async with db.transaction() as conn:
        for found in due:
            lang = found.follower.language
            written += await enqueue(
                conn,
                now=iso_utc(now),
                chat_id=found.follower.chat_id,
                thread_id=found.follower.thread_id,
                dedup_key=found.key,
                kind=AlertKind.REMINDER,
                meeting_id=found.meeting.id,
                payload=Payload(
                    await _with_lines(conn, found.follower.chat_id, found.meeting, lang),
                    [[(plain("alert_show_meeting", lang), cb_meeting(found.meeting.id))]],
                ),
            )
    return written
