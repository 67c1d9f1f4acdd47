"""Erasing a chat's data when its members ask (/radera): one statement, everything that follows.

Why: what the bot keeps about a chat — its settings (language, reminders, digest), follows,
keyword watches (political interests), followed cases, the calendar token, the alerts
waiting for it, its reading state per meeting and a party group's body, lines and topics — all
hang off the `chats` row with ON DELETE CASCADE, so deleting that row
erases them together, in one transaction,
with nothing left behind that a later schema change could forget. Meetings and bodies are public
data and stay. Then the WAL is checkpointed and truncated (`Database.checkpoint`); with
`secure_delete` on every connection, no file of the database (main, `-wal`, `-shm`) keeps the
chat's id, words or calendar token. Two things name the chat without hanging off its row and
are deleted by hand: a member's links to the channels they set up (`channel_admins.user_id`),
and the admins' notices that an alert to the chat could not be sent (`storage.outbox`).
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Database
from storage.outbox import forget_dead_notices


@dataclass(frozen=True)
class Erased:
    """What was deleted, for the confirmation."""

    follows: int
    watches: int
    alerts: int
    reading: int = 0  # meetings with a reading state (issue 21)
    lines: int = 0  # a party group's lines


async def erase_chat(db: Database, chat_id: int) -> Erased:
    """Delete the chat row and, by cascade, its follows (bodies and cases), watches, calendar
    token, outbox rows, reading state and party group with its lines and topics."""
    async with db.transaction() as conn:
        counts = []
        for table in (
            "follows",
            "case_follows",
            "watches",
            "outbox",
            "reading_state",
            "party_lines",
        ):
            sql = f"SELECT count(*) FROM {table} WHERE chat_id = ?"  # noqa: S608 (fixed names)
            async with conn.execute(sql, (chat_id,)) as cur:
                row = await cur.fetchone()
            counts.append(int(row[0]) if row else 0)
        await conn.execute("DELETE FROM chats WHERE chat_id = ?", (chat_id,))
        # a member's links to channels they set up (keyed by user id = their private chat id)
        await conn.execute("DELETE FROM channel_admins WHERE user_id = ?", (chat_id,))
        # the admins' notices that an alert to the chat could not be sent name the chat
        await forget_dead_notices(conn, chat_id)
    await db.checkpoint()
    bodies, cases, watches, alerts, reading, lines = counts
    return Erased(bodies + cases, watches, alerts, reading, lines)
