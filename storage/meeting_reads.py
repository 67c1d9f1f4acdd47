"""Stored meetings, the bot's lookups: next, on a day, latest, by §, lists for a period.

Why: the bot answers from these, so each is a single index-backed query for the meeting id
(per body via `json_each`, so many followed bodies cost one statement) followed by one load of
the meeting with its items. Kept apart from the upsert and its change detection
(`storage.meetings`, which re-exports these names).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import aiosqlite

from agenda.model import Item
from storage.db import Database
from storage.meeting_rows import (
    ITEM_COLUMNS,
    MEETING_COLUMNS,
    MeetingRow,
    StoredMeeting,
    item_from_row,
    meeting_row,
    stored_meeting,
)

__all__ = [
    "StoredMinutes",
    "cancelled_meetings",
    "count_meetings",
    "find_paragraph",
    "get_meeting",
    "latest_held_meeting",
    "latest_meeting",
    "list_meetings",
    "load_meeting",
    "meeting_on",
    "minutes_by_date",
    "minutes_by_key",
    "next_meeting",
    "next_meetings",
    "paragraph_in_minutes",
    "upcoming_meetings",
]


async def load_meeting(conn: aiosqlite.Connection, meeting_id: int) -> StoredMeeting | None:
    """A meeting and all its items in two queries (items via the (meeting_id, position) key)."""
    async with conn.execute(
        f"SELECT {MEETING_COLUMNS} FROM meetings m JOIN bodies b ON b.id = m.body_id"  # noqa: S608
        " WHERE m.id = ?",
        (meeting_id,),
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        return None
    async with conn.execute(
        f"SELECT {ITEM_COLUMNS} FROM items WHERE meeting_id = ? ORDER BY position",  # noqa: S608
        (meeting_id,),
    ) as cur:
        items = [item_from_row(r) for r in await cur.fetchall()]
    return stored_meeting(row, items)


async def get_meeting(db: Database, meeting_id: int) -> StoredMeeting | None:
    return await load_meeting(db.reader, meeting_id)


def _bodies(body_ids: Sequence[int]) -> str:
    return json.dumps([int(b) for b in body_ids])


async def _first_id(db: Database, sql: str, params: dict[str, object]) -> int | None:
    async with db.reader.execute(sql, params) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row and row[0] is not None else None


async def next_meeting(db: Database, body_ids: Sequence[int], today: date) -> StoredMeeting | None:
    """The earliest not-cancelled meeting dated today or later of any of the bodies."""
    sql = (
        "SELECT m.id FROM meetings m WHERE m.id IN (SELECT (SELECT x.id FROM meetings x"
        " WHERE x.body_id = j.value AND x.date >= :today AND x.cancelled = 0"
        " ORDER BY x.date, x.start LIMIT 1) FROM json_each(:bodies) j)"
        " ORDER BY m.date, m.start, m.id LIMIT 1"
    )
    found = await _first_id(db, sql, {"today": today.isoformat(), "bodies": _bodies(body_ids)})
    return await get_meeting(db, found) if found else None


async def next_meetings(db: Database, body_ids: Sequence[int], today: date) -> list[StoredMeeting]:
    """Each body's earliest not-cancelled meeting dated today or later, soonest first."""
    sql = (
        "SELECT m.id FROM meetings m WHERE m.id IN (SELECT (SELECT x.id FROM meetings x"
        " WHERE x.body_id = j.value AND x.date >= :today AND x.cancelled = 0"
        " ORDER BY x.date, x.start LIMIT 1) FROM json_each(:bodies) j)"
        " ORDER BY m.date, m.start, m.id"
    )
    params = {"today": today.isoformat(), "bodies": _bodies(body_ids)}
    async with db.reader.execute(sql, params) as cur:
        ids = [int(r[0]) for r in await cur.fetchall()]
    found = [await get_meeting(db, i) for i in ids]
    return [sm for sm in found if sm is not None]


async def meeting_on(
    db: Database, body_id: int, on: date, until: date | None = None
) -> StoredMeeting | None:
    """The body's meeting on that day, or the first in on..until (held before cancelled)."""
    sql = (
        "SELECT id FROM meetings WHERE body_id = :body AND date >= :on AND date <= :until"
        " ORDER BY cancelled, date, start, id LIMIT 1"
    )
    params = {"body": body_id, "on": on.isoformat(), "until": (until or on).isoformat()}
    found = await _first_id(db, sql, params)
    return await get_meeting(db, found) if found else None


async def latest_meeting(db: Database, body_ids: Sequence[int]) -> StoredMeeting | None:
    """The bodies' meeting with the latest date (cancelled or not, past or future)."""
    sql = (
        "SELECT m.id FROM meetings m WHERE m.id IN (SELECT (SELECT x.id FROM meetings x"
        " WHERE x.body_id = j.value AND x.date IS NOT NULL"
        " ORDER BY x.date DESC, x.start DESC LIMIT 1) FROM json_each(:bodies) j)"
        " ORDER BY m.date DESC, m.start DESC, m.id DESC LIMIT 1"
    )
    found = await _first_id(db, sql, {"bodies": _bodies(body_ids)})
    return await get_meeting(db, found) if found else None


async def latest_held_meeting(db: Database, body_ids: Sequence[int]) -> StoredMeeting | None:
    """The bodies' latest meeting that is not cancelled and has items (for an item lookup: a
    cancelled meeting, or one listed before its agenda, has no item to show)."""
    sql = (
        "SELECT m.id FROM meetings m WHERE m.cancelled = 0 AND m.date IS NOT NULL"
        " AND m.body_id IN (SELECT value FROM json_each(:bodies))"
        " AND EXISTS (SELECT 1 FROM items i WHERE i.meeting_id = m.id)"
        " ORDER BY m.date DESC, m.start DESC, m.id DESC LIMIT 1"
    )
    found = await _first_id(db, sql, {"bodies": _bodies(body_ids)})
    return await get_meeting(db, found) if found else None


async def find_paragraph(
    db: Database, body_ids: Sequence[int], paragraph: int, year: int | None = None
) -> tuple[StoredMeeting, Item] | None:
    """The most recent meeting of the bodies whose minutes have § `paragraph` (in `year`)."""
    low, high = (f"{year:04d}", f"{year + 1:04d}") if year is not None else ("0", "A")
    sql = (
        "SELECT m.id FROM meetings m WHERE m.id IN (SELECT (SELECT x.id FROM meetings x"
        " CROSS JOIN items i ON i.meeting_id = x.id AND i.paragraph = :p"
        " WHERE x.body_id = j.value AND x.date >= :low AND x.date < :high"
        " ORDER BY x.date DESC LIMIT 1) FROM json_each(:bodies) j)"
        " ORDER BY m.date DESC, m.id DESC LIMIT 1"
    )
    params: dict[str, object] = {
        "p": paragraph,
        "low": low,
        "high": high,
        "bodies": _bodies(body_ids),
    }
    found = await _first_id(db, sql, params)
    stored = await get_meeting(db, found) if found else None
    if stored is None:
        return None
    item = stored.meeting.item_by_paragraph(paragraph)
    return (stored, item) if item else None


_ROW_SQL = (
    f"SELECT {MEETING_COLUMNS}, (SELECT count(*) FROM items i WHERE i.meeting_id = m.id)"  # noqa: S608
    " AS item_count FROM meetings m JOIN bodies b ON b.id = m.body_id"
    " WHERE m.id IN (SELECT value FROM json_each(:ids))"
)


async def _meeting_rows(db: Database, sql_ids: str, params: dict[str, object]) -> list[MeetingRow]:
    async with db.reader.execute(sql_ids, params) as cur:
        ids = [int(r[0]) for r in await cur.fetchall()]
    if not ids:
        return []
    async with db.reader.execute(_ROW_SQL, {"ids": json.dumps(ids)}) as cur:
        rows = {int(r["id"]): meeting_row(r) for r in await cur.fetchall()}
    return [rows[i] for i in ids if i in rows]


async def list_meetings(
    db: Database, body_ids: Sequence[int], today: date, upcoming: int = 5, recent: int = 5
) -> tuple[list[MeetingRow], list[MeetingRow]]:
    """(next `upcoming` meetings from today, soonest first; last `recent` before today, newest
    first) of the bodies."""
    params: dict[str, object] = {"today": today.isoformat(), "bodies": _bodies(body_ids)}
    where = "body_id IN (SELECT value FROM json_each(:bodies))"
    ahead = await _meeting_rows(
        db,
        f"SELECT id FROM meetings WHERE {where} AND date >= :today"  # noqa: S608
        " ORDER BY date, start, id LIMIT :n",
        {**params, "n": upcoming},
    )
    behind = await _meeting_rows(
        db,
        f"SELECT id FROM meetings WHERE {where} AND date < :today"  # noqa: S608
        " ORDER BY date DESC, start DESC, id DESC LIMIT :n",
        {**params, "n": recent},
    )
    return ahead, behind


async def upcoming_meetings(db: Database, start: date, end: date) -> list[MeetingRow]:
    """Every meeting (cancelled ones too, see `cancelled`) dated start..end inclusive."""
    return await _meeting_rows(
        db,
        "SELECT id FROM meetings WHERE date >= :start AND date <= :end ORDER BY date, start, id",
        {"start": start.isoformat(), "end": end.isoformat()},
    )


async def cancelled_meetings(
    db: Database, body_ids: Sequence[int], start: date, until: date | None
) -> list[MeetingRow]:
    """The bodies' cancelled meetings dated start..until (no end when until is None)."""
    return await _meeting_rows(
        db,
        "SELECT id FROM meetings WHERE cancelled = 1 AND date >= :start"
        " AND (:until IS NULL OR date <= :until)"
        " AND body_id IN (SELECT value FROM json_each(:bodies)) ORDER BY date, start, id",
        {
            "start": start.isoformat(),
            "until": until.isoformat() if until else None,
            "bodies": _bodies(body_ids),
        },
    )


async def count_meetings(db: Database, body_ids: Sequence[int], today: date) -> tuple[int, int]:
    """(meetings from today on, meetings before today) of the bodies, cancelled ones included."""
    sql = (
        "SELECT count(*) FILTER (WHERE date >= :today), count(*) FILTER (WHERE date < :today)"
        " FROM meetings WHERE body_id IN (SELECT value FROM json_each(:bodies))"
    )
    params = {"today": today.isoformat(), "bodies": _bodies(body_ids)}
    async with db.reader.execute(sql, params) as cur:
        row = await cur.fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


async def paragraph_in_minutes(
    db: Database, body_ids: Sequence[int], paragraph: int, year: int | None = None
) -> tuple[StoredMeeting, int | None, str | None, str | None] | None:
    """The most recent meeting of the bodies whose minutes PDF has § `paragraph` (in `year`):
    (meeting, the aligned item's position or None, the §'s title, its decision)."""
    low, high = (f"{year:04d}", f"{year + 1:04d}") if year is not None else ("0", "A")
    sql = (
        "SELECT d.meeting_id, d.position, d.title, d.decision FROM decisions d"
        " JOIN meetings m ON m.id = d.meeting_id WHERE d.paragraph = :p"
        " AND m.body_id IN (SELECT value FROM json_each(:bodies))"
        " AND m.date >= :low AND m.date < :high ORDER BY m.date DESC, m.id DESC LIMIT 1"
    )
    params = {"p": paragraph, "bodies": _bodies(body_ids), "low": low, "high": high}
    async with db.reader.execute(sql, params) as cur:
        row = await cur.fetchone()
    if row is None:
        return None
    stored = await get_meeting(db, int(row[0]))
    if stored is None:
        return None
    position = row[1] if row[1] is not None and row[1] < len(stored.meeting.items) else None
    return stored, position, row[2], row[3]


@dataclass(frozen=True, slots=True)
class StoredMinutes:
    """A stored meeting's key (its page URL) and the minutes it is known to have."""

    meeting_id: int
    key: str
    minutes_url: str | None


async def minutes_by_key(db: Database, keys: Iterable[str]) -> dict[str, StoredMinutes]:
    """The stored meetings among `keys` (page URLs), in one query."""
    sql = (
        "SELECT id, key, minutes_url FROM meetings"
        " WHERE key IN (SELECT value FROM json_each(:keys))"
    )
    async with db.reader.execute(sql, {"keys": json.dumps(list(keys))}) as cur:
        rows = await cur.fetchall()
    return {str(r[1]): StoredMinutes(int(r[0]), str(r[1]), r[2]) for r in rows}


async def minutes_by_date(
    db: Database, portal: str, slug: str, days: Iterable[date]
) -> dict[date, StoredMinutes]:
    """A body's stored meeting on each of `days` (a held one before a cancelled one, then the
    first stored), in one query."""
    sql = (
        "SELECT m.id, m.key, m.minutes_url, m.date FROM meetings m"
        " JOIN bodies b ON b.id = m.body_id WHERE b.portal = :portal AND b.slug = :slug"
        " AND m.date IN (SELECT value FROM json_each(:days)) ORDER BY m.cancelled DESC, m.id DESC"
    )
    params = {"portal": portal, "slug": slug, "days": json.dumps([d.isoformat() for d in days])}
    async with db.reader.execute(sql, params) as cur:
        rows = await cur.fetchall()
    return {date.fromisoformat(r[3]): StoredMinutes(int(r[0]), str(r[1]), r[2]) for r in rows}
