"""What the bot reads about documents: a meeting's documents, its decisions, an item's substance.

Why: the answers (/punkt, the alerts) read these; kept apart from the writes of
`storage.documents` (listing, saving a read with its events), as `storage.meeting_reads` is
from the meeting upsert.
"""

from __future__ import annotations

import aiosqlite

from storage.db import Database
from storage.document_rows import ItemSubstance as ItemSubstance
from storage.documents import DOCUMENT_COLUMNS, Decision, StoredDocument, document_from_row


async def documents_of(db: Database, meeting_id: int) -> list[StoredDocument]:
    """A meeting's documents in item order (minutes last)."""
    async with db.reader.execute(
        f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE meeting_id = ?"  # noqa: S608
        " ORDER BY position IS NULL, position, id",
        (meeting_id,),
    ) as cur:
        return [document_from_row(r) for r in await cur.fetchall()]


async def decisions_of(db: Database, meeting_id: int) -> list[Decision]:
    """A meeting's decisions in § order."""
    async with db.reader.execute(
        "SELECT paragraph, position, title, decision, reservation FROM decisions"
        " WHERE meeting_id = ? ORDER BY paragraph",
        (meeting_id,),
    ) as cur:
        return [Decision(*tuple(r)) for r in await cur.fetchall()]


async def decisions_taken(conn: aiosqlite.Connection, meeting_id: int) -> list[Decision]:
    """The meeting's decisions with a decision text, in § order (inside the transaction that
    stored them: the decisions alert)."""
    async with conn.execute(
        "SELECT paragraph, position, title, decision, reservation FROM decisions"
        " WHERE meeting_id = ? AND decision IS NOT NULL ORDER BY paragraph",
        (meeting_id,),
    ) as cur:
        return [Decision(*tuple(r)) for r in await cur.fetchall()]


async def document_text(conn: aiosqlite.Connection, document_id: int) -> str | None:
    """A stored document's text (None: no such document)."""
    async with conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)) as cur:
        row = await cur.fetchone()
    return str(row[0]) if row is not None else None


async def item_substance(db: Database, meeting_id: int, position: int) -> ItemSubstance:
    """The item's own documents (read ones first) and its aligned decision."""
    async with db.reader.execute(
        f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE meeting_id = ? AND position = ?"  # noqa: S608
        " ORDER BY status != 'ok', proposal IS NULL, id",
        (meeting_id, position),
    ) as cur:
        documents = [document_from_row(r) for r in await cur.fetchall()]
    async with db.reader.execute(
        "SELECT paragraph, position, title, decision, reservation FROM decisions"
        " WHERE meeting_id = ? AND position = ? ORDER BY paragraph LIMIT 1",
        (meeting_id, position),
    ) as cur:
        row = await cur.fetchone()
    return ItemSubstance(documents, Decision(*tuple(row)) if row else None)


async def meeting_proposals(db: Database, meeting_id: int) -> dict[int, str]:
    """Item position -> the operative line of its documents' proposal (the last line, verbatim),
    for a meeting's one-line-per-item view."""
    async with db.reader.execute(
        "SELECT position, proposal FROM documents WHERE meeting_id = ? AND status = 'ok'"
        " AND position IS NOT NULL AND proposal IS NOT NULL ORDER BY id DESC",
        (meeting_id,),
    ) as cur:
        rows = await cur.fetchall()
    return {int(r[0]): str(r[1]).strip().split("\n")[-1] for r in rows}


async def document_counts(db: Database) -> dict[str, int]:
    """How many documents are in each status (pending, ok, no_text, encrypted, ...)."""
    async with db.reader.execute("SELECT status, count(*) FROM documents GROUP BY status") as cur:
        return {str(r[0]): int(r[1]) for r in await cur.fetchall()}
