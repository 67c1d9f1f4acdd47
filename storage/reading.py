"""Each chat's reading state per meeting (what it was shown, what it marked read).

Why: /nytt, the "new since you looked" line and /forbered's "7 av 12 lästa" compare what a
chat saw with what a meeting holds now; the rules are `agenda.reading`, the rows are here. A
row is the JSON of `agenda.reading.Seen`, written whole (one chat, one meeting: no two writers
race on it but the same chat's, which python-telegram-bot runs in order). The current side of
the comparison (`meeting_views`) reads the items, the documents' proposals and each item's
documents with their content hashes. Rows hang off `chats` and go with it (/radera).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from agenda.events import DocumentKind
from agenda.reading import ItemView, Seen, current_views
from storage.db import Database
from storage.document_reads import meeting_proposals
from storage.meeting_rows import StoredMeeting


@dataclass(frozen=True, slots=True)
class Reading:
    """A chat's reading state of one meeting and when it last looked (ISO UTC, '' never)."""

    meeting_id: int
    seen: Seen
    looked_at: str


async def get_reading(db: Database, chat_id: int, meeting_id: int) -> Reading:
    async with db.reader.execute(
        "SELECT state, looked_at FROM reading_state WHERE chat_id = ? AND meeting_id = ?",
        (chat_id, meeting_id),
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        return Reading(meeting_id, Seen(), "")
    return Reading(meeting_id, Seen.from_json(str(row[0])), str(row[1]))


async def readings(db: Database, chat_id: int, meeting_ids: Sequence[int]) -> dict[int, Reading]:
    """The chat's reading state of each of these meetings it has looked at."""
    async with db.reader.execute(
        "SELECT meeting_id, state, looked_at FROM reading_state WHERE chat_id = ?"
        " AND meeting_id IN (SELECT value FROM json_each(?))",
        (chat_id, "[" + ",".join(str(int(m)) for m in meeting_ids) + "]"),
    ) as cur:
        rows = await cur.fetchall()
    return {int(r[0]): Reading(int(r[0]), Seen.from_json(str(r[1])), str(r[2])) for r in rows}


async def save_reading(db: Database, chat_id: int, meeting_id: int, seen: Seen) -> None:
    """Keep `seen` as the chat's state of the meeting (the chat row must exist)."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO reading_state (chat_id, meeting_id, state, looked_at)"
            " SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM chats WHERE chat_id = ?)"
            " ON CONFLICT (chat_id, meeting_id) DO UPDATE SET state = excluded.state,"
            " looked_at = excluded.looked_at",
            (chat_id, meeting_id, seen.to_json(), db.timestamp(), chat_id),
        )


async def meeting_views(db: Database, sm: StoredMeeting) -> list[ItemView]:
    """The meeting's items now, as `agenda.reading` compares them."""
    proposals = await meeting_proposals(db, sm.id)
    documents: dict[int, list[tuple[str, str]]] = {}
    async with db.reader.execute(
        "SELECT position, url, coalesce(content_hash, '') FROM documents"
        " WHERE meeting_id = ? AND kind = ? AND position IS NOT NULL",
        (sm.id, DocumentKind.ATTACHMENT),
    ) as cur:
        for row in await cur.fetchall():
            documents.setdefault(int(row[0]), []).append((str(row[1]), str(row[2])))
    for position, item in enumerate(sm.meeting.items):  # listed on the page, not yet fetched
        known = {url for url, _ in documents.get(position, [])}
        for attachment in item.attachments:
            if attachment.url and attachment.url not in known:
                documents.setdefault(position, []).append((attachment.url, ""))
                known.add(attachment.url)
    return current_views(sm.meeting.items, proposals, documents)


async def reading_count(db: Database, chat_id: int) -> int:
    """How many meetings the chat has a reading state for (/integritet)."""
    async with db.reader.execute(
        "SELECT count(*) FROM reading_state WHERE chat_id = ?", (chat_id,)
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0
