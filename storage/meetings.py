"""Stored meetings: the idempotent upsert with change detection, and the bot's lookups.

Why: the poller re-reads the same pages all day. `upsert_meeting` must cost nothing when a page
did not change (a content hash of the canonical JSON, checked on the read connection: no write,
no lock), and when it did change, record *what* changed as events, in the same transaction as
the new content and the caller's outbox rows (`on_events`), deduplicated so a re-run never
alerts twice. A parse that found no items never wipes a stored agenda. The reads are single,
index-backed queries (items of a meeting in one query) because the bot answers from them.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

import aiosqlite

from agenda.diff import diff_meetings
from agenda.model import Item, Meeting, meeting_to_json
from storage.bodies import upsert_body
from storage.db import Database, utcnow
from storage.events import EventRow, insert_event
from storage.meeting_rows import (
    ITEM_COLUMNS,
    MEETING_COLUMNS,
    MeetingRow,
    StoredMeeting,
    fmt_time,
    item_values,
    load_meeting,
    meeting_row,
)
from storage.search import index_item

__all__ = [
    "MeetingRow",
    "OnEvents",
    "StoredMeeting",
    "UpsertResult",
    "content_hash",
    "find_paragraph",
    "get_meeting",
    "latest_meeting",
    "list_meetings",
    "meeting_key",
    "meeting_on",
    "next_meeting",
    "upcoming_meetings",
    "upsert_meeting",
]

log = logging.getLogger(__name__)

OnEvents = Callable[[aiosqlite.Connection, list[EventRow]], Awaitable[None]]


@dataclass
class UpsertResult:
    meeting_id: int
    status: Literal["new", "unchanged", "changed"]
    events: list[EventRow]


def meeting_key(meeting: Meeting) -> str:
    """The page URL, else `portal/slug/date`."""
    if meeting.url:
        return meeting.url
    date_part = meeting.date.isoformat() if meeting.date else "undated"
    return f"{meeting.body.portal or ''}/{meeting.body.slug}/{date_part}"


def content_hash(meeting: Meeting) -> str:
    """sha256 of the canonical JSON of everything stored about the meeting."""
    data = meeting_to_json(meeting)
    data["inferred"] = [i.number_inferred for i in meeting.items]
    data["portal"] = meeting.body.portal
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


async def _find(conn: aiosqlite.Connection, key: str) -> tuple[int, str] | None:
    async with conn.execute("SELECT id, content_hash FROM meetings WHERE key = ?", (key,)) as cur:
        row = await cur.fetchone()
    return (int(row[0]), str(row[1])) if row else None


async def upsert_meeting(
    db: Database, meeting: Meeting, *, on_events: OnEvents | None = None
) -> UpsertResult:
    """Store a parsed meeting; report new / unchanged / changed and the events recorded.

    Everything happens in one transaction, `on_events` included; on any exception nothing is
    written. Unchanged content writes nothing at all.
    """
    key, digest = meeting_key(meeting), content_hash(meeting)
    found = await _find(db.reader, key)
    if found and found[1] == digest:
        return UpsertResult(found[0], "unchanged", [])
    async with db.transaction() as conn:
        found = await _find(conn, key)
        if found is None:
            result = await _insert(conn, meeting, key, digest)
        elif found[1] == digest:
            return UpsertResult(found[0], "unchanged", [])
        else:
            old = await load_meeting(conn, found[0])
            assert old is not None
            if not meeting.items and old.meeting.items:
                if not meeting.cancelled:
                    log.warning("empty parse of %s ignored: stored meeting keeps its items", key)
                    return UpsertResult(found[0], "unchanged", [])
                # A cancelled meeting's page drops its agenda ("Ingen agenda har publicerats");
                # members still need what was on it, so the stored items stay.
                meeting = replace(meeting, items=old.meeting.items)
            result = await _update(conn, old, found[1], meeting, digest)
        if result.events and on_events is not None:
            await on_events(conn, result.events)
    return result


def _meeting_values(meeting: Meeting) -> tuple[object, ...]:
    return (
        meeting.url,
        meeting.date.isoformat() if meeting.date else None,
        fmt_time(meeting.start),
        fmt_time(meeting.end),
        meeting.place,
        int(meeting.cancelled),
    )


async def _insert(
    conn: aiosqlite.Connection, meeting: Meeting, key: str, digest: str
) -> UpsertResult:
    body_id = await upsert_body(conn, meeting.body)
    now = utcnow()
    async with conn.execute(
        "INSERT INTO meetings (body_id, key, url, date, start, end, place, cancelled,"
        " minutes_url, content_hash, first_seen, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (body_id, key, *_meeting_values(meeting), meeting.minutes_url, digest, now, now),
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    meeting_id = int(row[0])
    await _write_items(conn, meeting_id, body_id, meeting.items)
    event = await insert_event(
        conn, meeting_id, "new", {"items": len(meeting.items)}, f"{meeting_id}:new"
    )
    return UpsertResult(meeting_id, "new", [event] if event else [])


async def _update(
    conn: aiosqlite.Connection, old: StoredMeeting, old_hash: str, meeting: Meeting, digest: str
) -> UpsertResult:
    body_id = await upsert_body(conn, meeting.body)
    # Minutes once published stay known even if a later fetch lacks the link.
    minutes_url = meeting.minutes_url or old.meeting.minutes_url
    await conn.execute(
        "UPDATE meetings SET body_id = ?, url = ?, date = ?, start = ?, end = ?, place = ?,"
        " cancelled = ?, minutes_url = ?, content_hash = ?, updated_at = ? WHERE id = ?",
        (body_id, *_meeting_values(meeting), minutes_url, digest, utcnow(), old.id),
    )
    await _write_items(conn, old.id, body_id, meeting.items)
    events: list[EventRow] = []
    for change in diff_meetings(old.meeting, meeting):
        if change.kind in ("changed", "moved"):
            dedup = f"{old.id}:{change.kind}:{old_hash[:16]}:{digest[:16]}"
        else:
            dedup = f"{old.id}:{change.kind}"
        event = await insert_event(conn, old.id, change.kind, change.detail, dedup)
        if event:
            events.append(event)
    return UpsertResult(old.id, "changed", events)


async def _write_items(
    conn: aiosqlite.Connection, meeting_id: int, body_id: int, items: list[Item]
) -> None:
    await conn.execute(
        "DELETE FROM items_fts WHERE rowid IN (SELECT id FROM items WHERE meeting_id = ?)",
        (meeting_id,),
    )
    await conn.execute("DELETE FROM items WHERE meeting_id = ?", (meeting_id,))
    columns = ITEM_COLUMNS.replace("id, position", "meeting_id, position", 1)
    placeholders = ", ".join("?" * (columns.count(",") + 1))
    for position, item in enumerate(items):
        async with conn.execute(
            f"INSERT INTO items ({columns}) VALUES ({placeholders}) RETURNING id",  # noqa: S608
            item_values(meeting_id, position, item),
        ) as cur:
            row = await cur.fetchone()
        assert row is not None
        await index_item(conn, int(row[0]), item, body_id=body_id)


# ---------------------------------------------------------------- reads


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


async def meeting_on(db: Database, body_id: int, on: date) -> StoredMeeting | None:
    """The body's meeting on that day (a held one before a cancelled one)."""
    sql = (
        "SELECT id FROM meetings WHERE body_id = :body AND date = :on"
        " ORDER BY cancelled, start, id LIMIT 1"
    )
    found = await _first_id(db, sql, {"body": body_id, "on": on.isoformat()})
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
