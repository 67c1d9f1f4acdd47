"""Stored meetings: the idempotent upsert with change detection (reads: `meeting_reads`).

Why: the poller re-reads the same pages all day. `upsert_meeting` must cost nothing when a page
did not change (a content hash of the canonical JSON, checked on the read connection: no write,
no lock), and when it did change, record *what* changed as events, in the same transaction as
the new content and the caller's outbox rows (`on_events`), deduplicated so a re-run never
alerts twice. A parse that found no items never wipes a stored agenda. The reads are single,
index-backed queries (items of a meeting in one query) because the bot answers from them; they
live in `storage.meeting_reads` and are re-exported here.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

import aiosqlite

from agenda import patterns as P
from agenda.events import PlannedEvent, first_version, next_version
from agenda.model import Body, Item, Meeting, meeting_to_json
from storage.bodies import upsert_body
from storage.db import Database
from storage.events import EventRow, insert_event
from storage.meeting_reads import (
    cancelled_meetings,
    count_meetings,
    find_paragraph,
    get_meeting,
    latest_meeting,
    list_meetings,
    load_meeting,
    meeting_on,
    next_meeting,
    upcoming_meetings,
)
from storage.meeting_rows import (
    ITEM_COLUMNS,
    MeetingRow,
    StoredMeeting,
    fmt_time,
    item_values,
)
from storage.search import index_items

__all__ = [
    "MeetingRow",
    "OnEvents",
    "StoredMeeting",
    "StoredVersion",
    "UpsertResult",
    "cancelled_meetings",
    "content_hash",
    "count_meetings",
    "find_paragraph",
    "get_meeting",
    "latest_meeting",
    "list_meetings",
    "meeting_key",
    "meeting_on",
    "next_meeting",
    "stored_version",
    "upcoming_meetings",
    "upsert_meeting",
]

log = logging.getLogger(__name__)

# (the open transaction, the events just recorded, now): the alerts written with the events.
OnEvents = Callable[[aiosqlite.Connection, list[EventRow], datetime], Awaitable[None]]


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


def _uncancelled_key(key: str) -> str | None:
    """`…/mote-2024-02-01-installt` → `…/mote-2024-02-01`; None for any other key."""
    parts = urlsplit(key)
    path = parts.path.rstrip("/")
    if not (P.MEETING_PATH_RE.search(path) and P.CANCELLED_SLUG_RE.search(path)):
        return None
    return urlunsplit(parts._replace(path=P.CANCELLED_SLUG_RE.sub("", path)))


async def _find(conn: aiosqlite.Connection, key: str) -> tuple[int, str] | None:
    """(id, content hash) of the stored meeting: by key, and a cancelled page published under
    `…-installt` (inställt, cancelled) is the meeting stored under the slug without that suffix."""
    for candidate in (key, _uncancelled_key(key)):
        if candidate is None:
            continue
        sql = "SELECT id, content_hash FROM meetings WHERE key = ?"
        async with conn.execute(sql, (candidate,)) as cur:
            row = await cur.fetchone()
        if row:
            return int(row[0]), str(row[1])
    return None


@dataclass(frozen=True)
class StoredVersion:
    """What is stored for a page about to be upserted: the meeting (None: none yet), its content
    hash, the stored name of the body its URL names, and the meeting's id."""

    meeting: Meeting | None
    content_hash: str | None
    body_name: str | None
    meeting_id: int | None = None


async def stored_version(db: Database, meeting: Meeting) -> StoredVersion:
    """The stored counterpart of a freshly parsed `meeting` (read connection, no lock)."""
    found = await _find(db.reader, meeting_key(meeting))
    stored = await load_meeting(db.reader, found[0]) if found else None
    async with db.reader.execute(
        "SELECT name FROM bodies WHERE portal = ? AND slug = ?",
        (meeting.body.portal or "", meeting.body.slug),
    ) as cur:
        row = await cur.fetchone()
    return StoredVersion(
        stored.meeting if stored else None,
        found[1] if found else None,
        str(row[0]) if row and row[0] else None,
        found[0] if found else None,
    )


async def upsert_meeting(
    db: Database, meeting: Meeting, *, on_events: OnEvents | None = None
) -> UpsertResult:
    """Store a parsed meeting; report new / unchanged / changed and the events recorded.

    Which version is kept and which events it produces is decided by `agenda.events`; this
    records that answer. Everything happens in one transaction, `on_events` included; on any
    exception nothing is written. Unchanged content writes nothing at all.
    """
    key, digest = meeting_key(meeting), content_hash(meeting)
    found = await _find(db.reader, key)
    if found and found[1] == digest:
        return UpsertResult(found[0], "unchanged", [])
    async with db.transaction() as conn:
        found = await _find(conn, key)
        if found is None:
            result = await _insert(conn, meeting, key, digest, db.timestamp())
        elif found[1] == digest:
            return UpsertResult(found[0], "unchanged", [])
        else:
            old = await load_meeting(conn, found[0])
            assert old is not None
            update = next_version(old.meeting, meeting, found[1], digest)
            if update.keep is None:
                log.warning("empty parse of %s ignored: stored meeting keeps its items", key)
                return UpsertResult(found[0], "unchanged", [])
            now = db.timestamp()
            await _update(conn, old.id, update.keep, digest, now)
            events = await _record(conn, old.id, update.events, now)
            result = UpsertResult(old.id, "changed", events)
        if result.events and on_events is not None:
            await on_events(conn, result.events, db.clock.now())
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


async def _record(
    conn: aiosqlite.Connection, meeting_id: int, planned: list[PlannedEvent], now: str
) -> list[EventRow]:
    """Record the planned events; those already recorded (same dedup key) are skipped."""
    events: list[EventRow] = []
    for p in planned:
        event = await insert_event(conn, meeting_id, p.kind, p.detail, p.key(meeting_id), now=now)
        if event:
            events.append(event)
    return events


async def _insert(
    conn: aiosqlite.Connection, meeting: Meeting, key: str, digest: str, now: str
) -> UpsertResult:
    body_id = await _body_id(conn, meeting.body)
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
    events = await _record(conn, meeting_id, first_version(meeting), now)
    return UpsertResult(meeting_id, "new", events)


async def _update(
    conn: aiosqlite.Connection, meeting_id: int, meeting: Meeting, digest: str, now: str
) -> None:
    body_id = await _body_id(conn, meeting.body)
    await conn.execute(
        "UPDATE meetings SET body_id = ?, url = ?, date = ?, start = ?, end = ?, place = ?,"
        " cancelled = ?, minutes_url = ?, content_hash = ?, updated_at = ? WHERE id = ?",
        (body_id, *_meeting_values(meeting), meeting.minutes_url, digest, now, meeting_id),
    )
    await _write_items(conn, meeting_id, body_id, meeting.items)


async def _body_id(conn: aiosqlite.Connection, body: Body) -> int:
    """The body's id; a meeting page's header names a body only while it has no name.

    One page's header never renames a body: the name comes from the portal's list of bodies,
    and a wrong page served at a meeting's URL must not rename the body for everyone.
    """
    async with conn.execute(
        "SELECT id, name FROM bodies WHERE portal = ? AND slug = ?", (body.portal or "", body.slug)
    ) as cur:
        row = await cur.fetchone()
    if row is not None and row[1]:
        body = replace(body, name=None)  # keeps the name; the source's organisation still counts
    return await upsert_body(conn, body)


async def _write_items(
    conn: aiosqlite.Connection, meeting_id: int, body_id: int, items: list[Item]
) -> None:
    await conn.execute(
        "DELETE FROM items_fts WHERE rowid IN (SELECT id FROM items WHERE meeting_id = ?)",
        (meeting_id,),
    )
    await conn.execute("DELETE FROM items WHERE meeting_id = ?", (meeting_id,))
    if not items:
        return
    columns = ITEM_COLUMNS.replace("id, position", "meeting_id, position", 1)
    placeholders = ", ".join("?" * (columns.count(",") + 1))
    await conn.executemany(  # a few statements per meeting, not a few per item: short
        f"INSERT INTO items ({columns}) VALUES ({placeholders})",  # noqa: S608 (constant)
        [item_values(meeting_id, position, item) for position, item in enumerate(items)],
    )
    async with conn.execute(
        "SELECT id, position FROM items WHERE meeting_id = ?", (meeting_id,)
    ) as cur:
        ids = {int(r[1]): int(r[0]) for r in await cur.fetchall()}
    await index_items(conn, [(ids[p], item) for p, item in enumerate(items)], body_id=body_id)
