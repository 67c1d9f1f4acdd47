"""Per-chat alert preferences (reminders, daily digest) and the rows a digest is made of.

Why: reminders and the digest mode are settings of a chat (columns `chats.reminders` and
`chats.digest` of migration 0001); the digest job needs the alerts held back for a chat. Kept
apart from `storage.chats` (conversation settings) so the alert feature owns its own SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from storage.db import Database
from storage.outbox import Payload


@dataclass(frozen=True, slots=True)
class AlertPrefs:
    reminders: str  # canonical spec such as "2d,morning"; "" = off
    digest: bool


@dataclass(frozen=True, slots=True)
class HeldAlert:
    id: int
    kind: str
    meeting_id: int | None
    text: str
    part: int = 0  # > 0: the continuation of the alert before it


async def get_prefs(db: Database, chat_id: int) -> AlertPrefs:
    async with db.reader.execute(
        "SELECT reminders, digest FROM chats WHERE chat_id = ?", (chat_id,)
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        return AlertPrefs("", False)
    return AlertPrefs(str(row[0]), bool(row[1]))


async def set_reminders(db: Database, chat_id: int, spec: str) -> None:
    """Store the chat's reminder spec (the chats row must exist)."""
    async with db.transaction() as conn:
        await conn.execute("UPDATE chats SET reminders = ? WHERE chat_id = ?", (spec, chat_id))


async def set_digest(db: Database, chat_id: int, on: bool) -> None:
    """Switch digest mode; switching it off releases the held alerts to be sent now."""
    async with db.transaction() as conn:
        await conn.execute("UPDATE chats SET digest = ? WHERE chat_id = ?", (int(on), chat_id))
        if not on:
            await conn.execute(
                "UPDATE outbox SET status = 'pending' WHERE chat_id = ? AND status = 'held'",
                (chat_id,),
            )


async def reminder_chats(db: Database) -> dict[int, str]:
    """Active chats that asked for reminders: chat id → spec."""
    async with db.reader.execute(
        "SELECT chat_id, reminders FROM chats WHERE active = 1 AND reminders != ''"
    ) as cur:
        rows = await cur.fetchall()
    return {int(r[0]): str(r[1]) for r in rows}


async def held_chats(db: Database) -> list[tuple[int, str]]:
    """(chat id, language) of every active chat with alerts held for its digest."""
    async with db.reader.execute(
        "SELECT DISTINCT o.chat_id, c.language FROM outbox AS o"
        " JOIN chats AS c ON c.chat_id = o.chat_id"
        " WHERE o.status = 'held' AND c.active = 1 ORDER BY o.chat_id"
    ) as cur:
        rows = await cur.fetchall()
    return [(int(r[0]), str(r[1])) for r in rows]


async def held_alerts(conn: aiosqlite.Connection, chat_id: int) -> list[HeldAlert]:
    """The held rows of a chat in the order they were written."""
    async with conn.execute(
        "SELECT id, kind, meeting_id, payload, part FROM outbox"
        " WHERE chat_id = ? AND status = 'held' ORDER BY id",
        (chat_id,),
    ) as cur:
        rows = await cur.fetchall()
    return [HeldAlert(r[0], r[1], r[2], Payload.from_json(r[3]).text, int(r[4])) for r in rows]


async def mark_digested(conn: aiosqlite.Connection, ids: Sequence[int]) -> None:
    """Held rows folded into a digest message are done (status 'digested')."""
    await conn.executemany(
        "UPDATE outbox SET status = 'digested' WHERE id = ? AND status = 'held'",
        [(i,) for i in ids],
    )


async def held_count(db: Database, chat_id: int) -> int:
    """How many alerts wait for the chat's next digest."""
    async with db.reader.execute(
        "SELECT count(*) FROM outbox WHERE chat_id = ? AND status = 'held'", (chat_id,)
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0
