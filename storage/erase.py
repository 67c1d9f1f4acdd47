"""Erasing a chat's data when its members ask (/radera): one statement, everything that follows.

Why: what the bot keeps about a chat — its settings (language, reminders, digest), follows,
keyword watches (political interests), followed cases, the calendar token and the alerts
waiting for it — all hang off the `chats` row with ON DELETE CASCADE, so deleting that row
erases them together, in one transaction,
with nothing left behind that a later schema change could forget. Meetings and bodies are public
data and stay.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Database


@dataclass(frozen=True)
class Erased:
    """What was deleted, for the confirmation."""

    follows: int
    watches: int
    alerts: int


async def erase_chat(db: Database, chat_id: int) -> Erased:
    """Delete the chat row and, by cascade, its follows (bodies and cases), watches, calendar
    token and outbox rows."""
    async with db.transaction() as conn:
        counts = []
        for table in ("follows", "case_follows", "watches", "outbox"):
            sql = f"SELECT count(*) FROM {table} WHERE chat_id = ?"  # noqa: S608 (fixed names)
            async with conn.execute(sql, (chat_id,)) as cur:
                row = await cur.fetchone()
            counts.append(int(row[0]) if row else 0)
        await conn.execute("DELETE FROM chats WHERE chat_id = ?", (chat_id,))
        # a member's links to channels they set up (keyed by user id = their private chat id)
        await conn.execute("DELETE FROM channel_admins WHERE user_id = ?", (chat_id,))
    bodies, cases, watches, alerts = counts
    return Erased(bodies + cases, watches, alerts)
