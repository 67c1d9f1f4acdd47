"""Reminders before meetings of followed bodies (job id "reminders", every 15 minutes).

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
meeting that is cancelled or moved is withdrawn by the fan-out (`jobs.fanout`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import aiosqlite
from telegram.ext import ContextTypes, Job, JobQueue

from agenda.alert_times import fire_time, meeting_start
from agenda.clock import STOCKHOLM, iso_utc
from presentation.render import cb_meeting, esc
from presentation.render_party import reminder_lines
from presentation.texts import format_date, format_time_span, t, tn
from storage.alert_prefs import reminder_chats
from storage.chats import followers
from storage.db import Database
from storage.meeting_rows import MeetingRow
from storage.meetings import upcoming_meetings
from storage.outbox import Payload, enqueue
from storage.party import lines_of, party_group

GRACE = timedelta(hours=6)
LOOKAHEAD_DAYS = 15


def reminder_text(meeting: MeetingRow, lang: str) -> str:
    assert meeting.date is not None
    when = format_date(meeting.date, lang)
    span = format_time_span(meeting.start, None)
    lines = [
        t("alert_reminder", lang, when=f"{when} {span}".strip()),
        f"<b>{esc(meeting.body.display_name)}</b>",
    ]
    if meeting.place:
        lines.append(f"📍 {esc(meeting.place)}")
    if meeting.item_count:
        lines.append(tn("alert_reminder_items", lang, meeting.item_count))
    return "\n".join(lines)


async def _with_lines(
    conn: aiosqlite.Connection, chat_id: int, meeting: MeetingRow, lang: str
) -> str:
    """The reminder; in the body's party group, with the group's lines (issue 21)."""
    text = reminder_text(meeting, lang)
    group = await party_group(conn, chat_id)
    if group is None or group.body.id != meeting.body.id:
        return text
    lines = reminder_lines(await lines_of(conn, chat_id, meeting.id), lang)
    return f"{text}\n\n{lines}" if lines else text


def _due(fire: datetime, now: datetime) -> bool:
    """Has the reminder's time come (and not passed by more than `GRACE`)? Compared in UTC."""
    at = fire.astimezone(UTC)
    return at <= now < at + GRACE


async def enqueue_due_reminders(db: Database) -> int:
    """Enqueue every reminder due now (by the database's clock); returns rows written."""
    now = db.clock.now().astimezone(UTC)
    stamp = iso_utc(now)
    specs = await reminder_chats(db)
    if not specs:
        return 0
    today = now.astimezone(STOCKHOLM).date()
    meetings = await upcoming_meetings(db, today, today + timedelta(days=LOOKAHEAD_DAYS))
    written = 0
    async with db.transaction() as conn:
        for meeting in meetings:
            if meeting.cancelled or meeting.date is None:
                continue
            if now >= meeting_start(meeting.date, meeting.start).astimezone(UTC):
                continue
            moment = f"{meeting.date.isoformat()}T{meeting.start or ''}"
            for follower in await followers(conn, meeting.body.id):
                for offset in specs.get(follower.chat_id, "").split(","):
                    fire = fire_time(offset, meeting.date, meeting.start) if offset else None
                    if fire is None or not _due(fire, now):
                        continue
                    written += await enqueue(
                        conn,
                        now=stamp,
                        chat_id=follower.chat_id,
                        thread_id=follower.thread_id,
                        dedup_key=f"remind:{meeting.id}:{follower.chat_id}:{offset}:{moment}",
                        kind="reminder",
                        meeting_id=meeting.id,
                        payload=Payload(
                            await _with_lines(conn, follower.chat_id, meeting, follower.language),
                            [
                                [
                                    (
                                        t("alert_show_meeting", follower.language),
                                        cb_meeting(meeting.id),
                                    )
                                ]
                            ],
                        ),
                    )
    return written


async def _reminders_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    assert context.job is not None and isinstance(context.job.data, Database)
    await enqueue_due_reminders(context.job.data)


def schedule_reminders(
    job_queue: JobQueue[ContextTypes.DEFAULT_TYPE], db: Database, interval_seconds: float = 900
) -> Job[ContextTypes.DEFAULT_TYPE]:
    """Check for due reminders every `interval_seconds` (job id "reminders")."""
    return job_queue.run_repeating(
        _reminders_job,
        interval=interval_seconds,
        first=5,
        name="reminders",
        data=db,
        job_kwargs={
            "id": "reminders",
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": 300,
        },
    )
