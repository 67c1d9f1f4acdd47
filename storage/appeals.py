"""Appeal windows: when each meeting's approved minutes were posted, and the last day to appeal.

Why: members, the opposition and citizens track the three weeks in which a decision can be
appealed. A posting is read from a feed notice, an anslagstavla page or the minutes
(`sources.appeals`); which reading wins is the domain's rule (`agenda.appeal.merge_posting`),
recorded here in one transaction with its `appeal` event (`agenda.events.appeal_event`) and
the caller's alerts (`on_events`), so a window and its alerts are written together or not at
all, and reading the same notice again records nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import aiosqlite

from agenda.appeal import Posting, merge_posting
from agenda.events import appeal_event
from storage.appeal_rows import AppealWindow as AppealWindow
from storage.body_rows import body_from_row
from storage.db import Database
from storage.events import EventRow, insert_event
from storage.meeting_rows import parse_date
from storage.meetings import OnEvents


@dataclass(frozen=True, slots=True)
class Recorded:
    """The posting kept after a read, the one before it (None: first), and the events."""

    posting: Posting
    before: Posting | None
    events: list[EventRow]


async def _stored(conn: aiosqlite.Connection, meeting_id: int) -> Posting | None:
    async with conn.execute(
        "SELECT posted_on, posted_from, printed_last_day FROM appeal_windows WHERE meeting_id = ?",
        (meeting_id,),
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        return None
    return Posting(date.fromisoformat(row[0]), str(row[1]), parse_date(row[2]))


async def record_posting(
    db: Database,
    meeting_id: int,
    read: Posting,
    link: str | None,
    *,
    on_events: OnEvents | None = None,
) -> Recorded:
    """Merge a posting read somewhere into the meeting's window; an `appeal` event (and the
    caller's alerts) when the posting date or the last day is new."""
    moment = db.clock.now()
    now = db.timestamp()
    async with db.transaction() as conn:
        before = await _stored(conn, meeting_id)
        kept = merge_posting(before, read)
        await conn.execute(
            "INSERT INTO appeal_windows (meeting_id, posted_on, posted_from, printed_last_day,"
            " last_day, link, recorded_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (meeting_id) DO UPDATE SET posted_on = excluded.posted_on,"
            " posted_from = excluded.posted_from, printed_last_day = excluded.printed_last_day,"
            " last_day = excluded.last_day, link = coalesce(excluded.link, link),"
            " updated_at = excluded.updated_at",
            (
                meeting_id,
                kept.posted_on.isoformat(),
                kept.posted_from,
                kept.printed_last_day.isoformat() if kept.printed_last_day else None,
                kept.last_day.isoformat(),
                link,
                now,
                now,
            ),
        )
        events: list[EventRow] = []
        if before is None or (before.posted_on, before.last_day) != (kept.posted_on, kept.last_day):
            planned = appeal_event(
                kept.posted_on.isoformat(),
                kept.last_day.isoformat(),
                kept.printed_last_day is not None,
            )
            key = planned.key(meeting_id)
            event = await insert_event(conn, meeting_id, planned.kind, planned.detail, key, now=now)
            events += [event] if event else []
        if events and on_events is not None:
            await on_events(conn, events, moment)
    return Recorded(kept, before, events)


_WINDOW_SQL = (
    "SELECT a.meeting_id, a.posted_on, a.posted_from, a.printed_last_day,"
    " coalesce(m.minutes_url, a.link) AS link, m.date, b.id, b.portal, b.slug, b.name,"
    " b.organisation"
    " FROM appeal_windows a JOIN meetings m ON m.id = a.meeting_id"
    " JOIN bodies b ON b.id = m.body_id"
)


def _window(row: aiosqlite.Row) -> AppealWindow:
    posting = Posting(date.fromisoformat(row[1]), str(row[2]), parse_date(row[3]))
    body = body_from_row(row)
    return AppealWindow(int(row[0]), body, parse_date(row[5]), posting, row[4])


async def appeal_window(
    source: Database | aiosqlite.Connection, meeting_id: int
) -> AppealWindow | None:
    conn = source.reader if isinstance(source, Database) else source
    sql = f"{_WINDOW_SQL} WHERE a.meeting_id = ?"
    async with conn.execute(sql, (meeting_id,)) as cur:
        row = await cur.fetchone()
    return _window(row) if row else None


async def open_windows(db: Database, body_ids: Sequence[int], today: date) -> list[AppealWindow]:
    """The windows of these bodies still open on `today`, the soonest to close first."""
    async with db.reader.execute(
        f"{_WINDOW_SQL} WHERE a.last_day >= ?"  # noqa: S608
        " AND m.body_id IN (SELECT value FROM json_each(?)) ORDER BY a.last_day, m.date, m.id",
        (today.isoformat(), "[" + ",".join(str(int(b)) for b in body_ids) + "]"),
    ) as cur:
        return [_window(r) for r in await cur.fetchall()]


async def meeting_for_notice(
    db: Database, body_id: int, meeting_date: date | None, posted_on: date, earliest: date
) -> int | None:
    """The meeting a posting notice is about: the body's meeting on `meeting_date` when the
    notice names it, else its last meeting held between `earliest` and `posted_on`."""
    if meeting_date is not None:
        sql = "SELECT id FROM meetings WHERE body_id = ? AND date = ? ORDER BY id LIMIT 1"
        params: tuple[object, ...] = (body_id, meeting_date.isoformat())
    else:
        sql = (
            "SELECT id FROM meetings WHERE body_id = ? AND date <= ? AND date >= ?"
            " AND cancelled = 0 ORDER BY date DESC, start DESC, id DESC LIMIT 1"
        )
        params = (body_id, posted_on.isoformat(), earliest.isoformat())
    async with db.reader.execute(sql, params) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else None


async def case_keys_of(conn: aiosqlite.Connection, meeting_id: int) -> list[str]:
    """The cases dealt with at a meeting (on its agenda, in its documents or minutes)."""
    async with conn.execute(
        "SELECT DISTINCT case_key FROM case_refs WHERE meeting_id = ? ORDER BY case_key",
        (meeting_id,),
    ) as cur:
        return [str(r[0]) for r in await cur.fetchall()]
