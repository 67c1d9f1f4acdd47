"""Where a case number appears (agendas, documents, minutes of any body) and who follows it.

Why: a case travels from a committee to the executive board to the assembly; members follow it
by its case number, the only thread through those meetings. Every appearance is one row keyed
by `agenda.casenumbers.case_key` (so `RS 912-2025` and `RS/912/2025` are one case), recorded
once; a new appearance is a `case` event (`agenda.events.case_event`), which alerts the case's
followers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import aiosqlite

from agenda.casenumbers import case_key, find_case_numbers
from agenda.events import case_event
from storage.bodies import BodyRow, body_from_row
from storage.db import Database
from storage.events import EventRow, insert_event
from storage.meeting_rows import parse_date
from storage.meetings import OnEvents


@dataclass(frozen=True, slots=True)
class Appearance:
    """One place a case was seen: meeting, item position, where (agenda/document/minutes)."""

    case_text: str
    meeting_id: int
    body: BodyRow
    date: date | None
    meeting_url: str | None
    position: int | None
    number: int | None
    title: str | None
    source: str
    ref: str


@dataclass(frozen=True, slots=True)
class CaseFollow:
    chat_id: int
    case_key: str
    case_text: str
    thread_id: int | None


async def add_case_ref(
    conn: aiosqlite.Connection,
    key: str,
    text: str,
    meeting_id: int,
    position: int | None,
    source: str,
    ref: str,
    *,
    now: str,
) -> list[EventRow]:
    """One appearance of a case inside a transaction at `now`; its `case` event when new."""
    async with conn.execute(
        "INSERT OR IGNORE INTO case_refs (case_key, case_text, meeting_id, position, source, ref,"
        " first_seen) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (key, text, meeting_id, position, source, ref, now),
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        return []
    planned = case_event(int(row[0]), key, text, source, position, ref)
    event = await insert_event(
        conn, meeting_id, planned.kind, planned.detail, planned.key(meeting_id), now=now
    )
    return [event] if event else []


async def record_agenda_cases(
    conn: aiosqlite.Connection, meeting_id: int, *, now: str
) -> list[EventRow]:
    """The case numbers of a stored meeting's items (title, texts) as `agenda` appearances."""
    async with conn.execute(
        "SELECT position, title, text, minutes_text, proposal, case_numbers FROM items"
        " WHERE meeting_id = ? ORDER BY position",
        (meeting_id,),
    ) as cur:
        rows = await cur.fetchall()
    events: list[EventRow] = []
    for row in rows:
        position = int(row["position"])
        texts = [row["title"], row["text"], row["minutes_text"], row["proposal"]]
        found = {case.key: case.text for case in find_case_numbers(*texts)}
        for text in json.loads(row["case_numbers"]):
            # the item's own list: a number the reader took out of the title (`Dnr 2018/14`)
            # is read without its label here, so each is keyed as a number typed alone
            key = case_key(text)
            if key is not None:
                found.setdefault(key, text)
        for key, text in found.items():
            events += await add_case_ref(
                conn, key, text, meeting_id, position, "agenda", "", now=now
            )
    return events


async def scan_agendas(
    db: Database, limit: int, *, on_events: OnEvents | None = None
) -> tuple[int, list[EventRow]]:
    """Record the agenda case numbers of up to `limit` meetings whose content changed since
    their last scan (never-scanned first), in one transaction; (meetings scanned, events)."""
    now = db.timestamp()
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT m.id FROM meetings m LEFT JOIN case_scans s ON s.meeting_id = m.id"
            " WHERE s.scanned_hash IS NULL OR s.scanned_hash != m.content_hash"
            " ORDER BY s.scanned_hash IS NOT NULL, m.id LIMIT ?",
            (limit,),
        ) as cur:
            ids = [int(r[0]) for r in await cur.fetchall()]
        events: list[EventRow] = []
        for meeting_id in ids:
            events += await record_agenda_cases(conn, meeting_id, now=now)
        await conn.executemany(
            "INSERT INTO case_scans (meeting_id, scanned_hash, scanned_at)"
            " SELECT id, content_hash, ? FROM meetings WHERE id = ?"
            " ON CONFLICT (meeting_id) DO UPDATE SET scanned_hash = excluded.scanned_hash,"
            " scanned_at = excluded.scanned_at",
            [(now, i) for i in ids],
        )
        if events and on_events is not None:
            await on_events(conn, events, db.clock.now())
    return len(ids), events


_APPEARANCES_SQL = (
    "SELECT r.case_text, r.meeting_id, r.position, r.source, r.ref, m.date, m.url,"
    " i.number, i.title, b.id AS b_id, b.portal AS b_portal, b.slug AS b_slug,"
    " b.name AS b_name, b.organisation AS b_organisation"
    " FROM case_refs r JOIN meetings m ON m.id = r.meeting_id"
    " JOIN bodies b ON b.id = m.body_id"
    " LEFT JOIN items i ON i.meeting_id = r.meeting_id AND i.position = r.position"
    " WHERE r.case_key = ? ORDER BY m.date IS NULL, m.date, m.start,"
    " CASE r.source WHEN 'agenda' THEN 0 WHEN 'document' THEN 1 ELSE 2 END, r.id"
)


async def appearances(db: Database, key: str) -> list[Appearance]:
    """Every appearance of a case, oldest meeting first (agenda, then documents, minutes)."""
    async with db.reader.execute(_APPEARANCES_SQL, (key,)) as cur:
        rows = await cur.fetchall()
    return [
        Appearance(
            case_text=str(r["case_text"]),
            meeting_id=int(r["meeting_id"]),
            body=body_from_row(r, "b_"),
            date=parse_date(r["date"]),
            meeting_url=r["url"],
            position=r["position"],
            number=r["number"],
            title=r["title"],
            source=str(r["source"]),
            ref=str(r["ref"]),
        )
        for r in rows
    ]


async def follow_case(
    db: Database, chat_id: int, key: str, text: str, thread_id: int | None = None
) -> bool:
    """Follow a case; False when the chat already did."""
    async with (
        db.transaction() as conn,
        conn.execute(
            "INSERT OR IGNORE INTO case_follows (chat_id, case_key, case_text, thread_id,"
            " created_at) VALUES (?, ?, ?, ?, ?) RETURNING chat_id",
            (chat_id, key, text, thread_id, db.timestamp()),
        ) as cur,
    ):
        return await cur.fetchone() is not None


async def unfollow_case(db: Database, chat_id: int, key: str) -> bool:
    async with db.transaction() as conn:
        cur = await conn.execute(
            "DELETE FROM case_follows WHERE chat_id = ? AND case_key = ?", (chat_id, key)
        )
        return cur.rowcount > 0


async def followed_cases(db: Database, chat_id: int) -> list[CaseFollow]:
    async with db.reader.execute(
        "SELECT chat_id, case_key, case_text, thread_id FROM case_follows WHERE chat_id = ?"
        " ORDER BY created_at, case_key",
        (chat_id,),
    ) as cur:
        return [CaseFollow(*tuple(r)) for r in await cur.fetchall()]


async def case_followers(conn: aiosqlite.Connection, key: str) -> list[CaseFollow]:
    """The chats following a case (inside the fan-out's transaction)."""
    async with conn.execute(
        "SELECT f.chat_id, f.case_key, f.case_text, f.thread_id FROM case_follows f"
        " JOIN chats c ON c.chat_id = f.chat_id WHERE f.case_key = ? AND c.active = 1",
        (key,),
    ) as cur:
        return [CaseFollow(*tuple(r)) for r in await cur.fetchall()]
