"""The documents behind a meeting's items: what was read, what it says, what changed.

Why: attachments (tjänsteskrivelser) and the minutes PDF carry the proposal, the decisions and
the case numbers. A document is known by (meeting, URL): listed as `pending` when the reader
first sees it, then stored with its text, its verdict and its content hash. Saving a read is one
transaction with its search index, its decisions, its case-number appearances and its events,
so a crash loses none of them and a re-read records nothing twice. What a read replaces and
which events it makes is `agenda.events.next_document` (a readable version is never replaced by
an HTML page or a cut file); this module records the answer. Events: `document` for an
attachment added after the meeting's first listing or changed after its first read
(kompletterande handlingar), `document_text` for an attachment read with new text (the keyword
watches read it), `decisions` when a minutes document gives decisions, `case` for each case
number seen somewhere new.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import aiosqlite

from agenda.casenumbers import find_case_numbers
from agenda.clock import iso_utc
from agenda.decisions import MinutesParagraph
from agenda.events import (
    DocumentKind,
    DocumentRef,
    DocumentVersion,
    PlannedEvent,
    case_source,
    document_events,
    next_document,
)
from agenda.stem import index_terms
from storage.cases import add_case_ref
from storage.db import Database
from storage.document_rows import (
    DOCUMENT_COLUMNS,
    Decision,
    DocumentRead,
    Listed,
    StoredDocument,
    document_from_row,
)
from storage.events import EventRow, insert_event
from storage.meetings import OnEvents
from storage.search import BODY_MARK

__all__ = [
    "DOCUMENT_COLUMNS",
    "Decision",
    "DocumentRead",
    "Listed",
    "Saved",
    "StoredDocument",
    "document_from_row",
    "documents_to_check",
    "list_documents",
    "mark_checked",
    "meetings_to_list",
    "record_cases",
    "save_read",
]


async def meetings_to_list(db: Database, start: date, end: date) -> tuple[list[int], list[int]]:
    """(meetings dated start..end that are not cancelled, those of them whose content changed
    since their documents were last listed, or never listed)."""
    async with db.reader.execute(
        "SELECT m.id, d.listed_hash IS NULL OR d.listed_hash != m.content_hash FROM meetings m"
        " LEFT JOIN document_meetings d ON d.meeting_id = m.id"
        " WHERE m.date >= ? AND m.date <= ? AND m.cancelled = 0 ORDER BY m.date, m.id",
        (start.isoformat(), end.isoformat()),
    ) as cur:
        rows = [(int(r[0]), bool(r[1])) for r in await cur.fetchall()]
    return [i for i, _ in rows], [i for i, stale in rows if stale]


async def list_documents(db: Database, meeting_id: int, listed: Sequence[Listed]) -> None:
    """Record the documents a meeting links now; new ones are `late` once it was listed."""
    now = db.timestamp()
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT 1 FROM document_meetings WHERE meeting_id = ?", (meeting_id,)
        ) as cur:
            first_listing = await cur.fetchone() is None
        await conn.execute(
            "INSERT INTO document_meetings (meeting_id, listed_hash, listed_at)"
            " SELECT id, content_hash, ? FROM meetings WHERE id = ?"
            " ON CONFLICT (meeting_id) DO UPDATE SET listed_hash = excluded.listed_hash,"
            " listed_at = excluded.listed_at",
            (now, meeting_id),
        )
        await conn.executemany(
            "INSERT INTO documents (meeting_id, url, kind, title, position, status, late,"
            " first_seen, changed_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)"
            " ON CONFLICT (meeting_id, url) DO UPDATE SET title = excluded.title,"
            " position = excluded.position",
            [
                (meeting_id, d.url, d.kind, d.title, d.position, int(not first_listing), now, now)
                for d in listed
            ],
        )
        await conn.execute(  # an attachment no longer linked belongs to no item
            "UPDATE documents SET position = NULL WHERE meeting_id = ? AND kind = ?"
            " AND url NOT IN (SELECT value FROM json_each(?))",
            (meeting_id, DocumentKind.ATTACHMENT, json.dumps([d.url for d in listed])),
        )


@dataclass(frozen=True, slots=True)
class Saved:
    """What `save_read` did: `stored` False when the read was not stored because the stored
    version is readable and this one is not (the last good text kept); the events recorded."""

    stored: bool
    events: list[EventRow] = field(default_factory=list)


async def save_read(
    db: Database, meeting_id: int, read: DocumentRead, *, on_events: OnEvents | None = None
) -> Saved:
    """Store a read of a listed document with its index, decisions, cases and events, as
    `agenda.events.next_document` says (an unreadable read never replaces a readable one)."""
    moment = db.clock.now()
    now = iso_utc(moment)
    async with db.transaction() as conn:
        async with conn.execute(
            f"SELECT {DOCUMENT_COLUMNS}, content_hash, (SELECT body_id FROM meetings m"  # noqa: S608
            " WHERE m.id = documents.meeting_id) AS body_id FROM documents"
            " WHERE meeting_id = ? AND url = ?",
            (meeting_id, read.url),
        ) as cur:
            row = await cur.fetchone()
        if row is None or row["content_hash"] == read.content_hash:
            return Saved(stored=True)
        old = document_from_row(row)
        update = next_document(
            attachment=old.kind == DocumentKind.ATTACHMENT,
            late=old.late,
            versions=old.versions,
            old=DocumentVersion(old.status, old.text),
            new=DocumentVersion(read.status, read.text),
            decisions=bool(read.decisions),
        )
        if not update.store:
            return Saved(stored=False)
        await _write(conn, old.id, read, now)
        await _index(conn, old.id, read, int(row["body_id"]))
        planned = document_events(update, _ref(old), read.content_hash)
        events = await _record(conn, meeting_id, planned, now)
        if read.decisions:
            await _write_decisions(conn, old.id, meeting_id, read.decisions)
        events += await record_cases(conn, meeting_id, old.position, old.kind, read, now=now)
        if events and on_events is not None:
            await on_events(conn, events, moment)
        return Saved(stored=True, events=events)


async def _write(
    conn: aiosqlite.Connection, document_id: int, read: DocumentRead, now: str
) -> None:
    await conn.execute(
        "UPDATE documents SET status = ?, detail = ?, text = ?, pages = ?, content_hash = ?,"
        " proposal = ?, proposal_heading = ?, case_numbers = ?, versions = versions + 1,"
        " changed_at = ? WHERE id = ?",
        (
            read.status,
            read.detail,
            read.text,
            read.pages,
            read.content_hash,
            read.proposal,
            read.proposal_heading,
            json.dumps(read.case_numbers, ensure_ascii=False),
            now,
            document_id,
        ),
    )


async def _index(
    conn: aiosqlite.Connection, document_id: int, read: DocumentRead, body_id: int
) -> None:
    await conn.execute("DELETE FROM documents_fts WHERE rowid = ?", (document_id,))
    if not read.text:
        return
    terms = index_terms(read.text)
    await conn.execute(
        "INSERT INTO documents_fts (rowid, stems) VALUES (?, ?)",
        (document_id, " ".join([*terms, f"{BODY_MARK}{body_id}"])),
    )
    await conn.executemany(
        "INSERT OR IGNORE INTO search_terms (term) VALUES (?)", [(t,) for t in set(terms)]
    )


def _ref(doc: StoredDocument) -> DocumentRef:
    return DocumentRef(doc.id, doc.meeting_id, doc.url, doc.title, doc.position)


async def _record(
    conn: aiosqlite.Connection, meeting_id: int, planned: list[PlannedEvent], now: str
) -> list[EventRow]:
    """Record the events `agenda.events.document_events` named (each once)."""
    events: list[EventRow] = []
    for p in planned:
        event = await insert_event(conn, meeting_id, p.kind, p.detail, p.key(meeting_id), now=now)
        events += [event] if event else []
    return events


async def _write_decisions(
    conn: aiosqlite.Connection,
    document_id: int,
    meeting_id: int,
    decisions: Sequence[tuple[int | None, MinutesParagraph]],
) -> None:
    await conn.execute("DELETE FROM decisions WHERE meeting_id = ?", (meeting_id,))
    await conn.executemany(
        "INSERT OR REPLACE INTO decisions (meeting_id, paragraph, position, title, decision,"
        " reservation, document_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (meeting_id, p.paragraph, pos, p.title, p.decision, p.reservation, document_id)
            for pos, p in decisions
        ],
    )


async def record_cases(
    conn: aiosqlite.Connection,
    meeting_id: int,
    position: int | None,
    kind: str,
    read: DocumentRead,
    *,
    now: str,
) -> list[EventRow]:
    """Record where the read's case numbers appear (a minutes § at its aligned item); a `case`
    event for each new appearance."""
    source = case_source(kind)
    events: list[EventRow] = []
    for aligned, paragraph in read.decisions:
        for case in find_case_numbers(*paragraph.case_numbers):
            events += await add_case_ref(
                conn, case.key, case.text, meeting_id, aligned, source, read.url, now=now
            )
    for case in find_case_numbers(*read.case_numbers, read.text):
        events += await add_case_ref(
            conn, case.key, case.text, meeting_id, position, source, read.url, now=now
        )
    return events


async def documents_to_check(
    db: Database, meeting_ids: Sequence[int], limit: int
) -> list[StoredDocument]:
    """Up to `limit` documents of these meetings still linked from the page, never-checked
    first, then the longest ago."""
    async with db.reader.execute(
        f"SELECT {DOCUMENT_COLUMNS} FROM documents"  # noqa: S608
        " WHERE meeting_id IN (SELECT value FROM json_each(?))"
        " AND (position IS NOT NULL OR kind = ?)"
        " ORDER BY checked_at IS NOT NULL, checked_at, id LIMIT ?",
        (json.dumps(list(meeting_ids)), DocumentKind.MINUTES, limit),
    ) as cur:
        return [document_from_row(r) for r in await cur.fetchall()]


async def mark_checked(db: Database, document_ids: Sequence[int]) -> None:
    now = db.timestamp()
    async with db.transaction() as conn:
        await conn.executemany(
            "UPDATE documents SET checked_at = ? WHERE id = ?",
            [(now, i) for i in document_ids],
        )
