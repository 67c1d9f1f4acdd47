"""Chats and what they follow: the bot's memory of who wants to hear about which body.

Why: the conversation (follow/unfollow, language) and the alerts (who gets an alert, a chat that
blocked the bot, a group that became a supergroup) share these rows. Raw parameterised SQL,
results as dataclasses. Writes take the transaction connection so callers can combine them with
other writes atomically; reads take the Database (its reader) or any connection.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from storage.bodies import BodyRow, body_from_row, body_order
from storage.db import Database

LANGUAGES = ("sv", "en")
# A chat's reading state and party group (issue 21), merged like its follows on a migration.
# The tables a chat's rows move between on a merge (a new id that wrote to the bot first).
# The outbox is moved by status below; `tests/storage/test_chat_migration.py` checks the list
# against the schema.
_MOVED_TABLES = (
    "follows",
    "case_follows",
    "watches",
    "calendar_tokens",
    "alert_gathering",
    "reading_state",
    "party_groups",
    "party_lines",
    "party_topics",
)


@dataclass(frozen=True, slots=True)
class ChatRow:
    chat_id: int
    kind: str
    language: str
    active: bool
    forbidden_strikes: int
    digest: bool
    reminders: str
    language_chosen: bool


@dataclass(frozen=True, slots=True)
class Follower:
    """A chat that follows a body, and where/how to tell it."""

    chat_id: int
    thread_id: int | None
    language: str
    digest: bool


_CHAT_COLUMNS = (
    "chat_id, kind, language, active, forbidden_strikes, digest, reminders, language_chosen"
)


def _conn(source: Database | aiosqlite.Connection) -> aiosqlite.Connection:
    return source.reader if isinstance(source, Database) else source


def _chat(row: aiosqlite.Row) -> ChatRow:
    return ChatRow(
        chat_id=int(row["chat_id"]),
        kind=str(row["kind"]),
        language=str(row["language"]),
        active=bool(row["active"]),
        forbidden_strikes=int(row["forbidden_strikes"]),
        digest=bool(row["digest"]),
        reminders=str(row["reminders"]),
        language_chosen=bool(row["language_chosen"]),
    )


async def get_chat(source: Database | aiosqlite.Connection, chat_id: int) -> ChatRow | None:
    sql = f"SELECT {_CHAT_COLUMNS} FROM chats WHERE chat_id = ?"  # noqa: S608 (constant)
    async with _conn(source).execute(sql, (chat_id,)) as cur:
        row = await cur.fetchone()
    return _chat(row) if row else None


async def chat_language(source: Database | aiosqlite.Connection, chat_id: int) -> str:
    """The chat's language; Swedish (every chat's default) for a chat not stored."""
    chat = await get_chat(source, chat_id)
    return chat.language if chat is not None else "sv"


async def ensure_chat(db: Database, chat_id: int, kind: str, language: str = "sv") -> ChatRow:
    """The chat's row, created (in `language`, default Swedish; active) on first contact."""
    existing = await get_chat(db, chat_id)
    if existing is not None:
        return existing
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO chats (chat_id, kind, language, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (chat_id) DO NOTHING",
            (chat_id, kind, language if language in LANGUAGES else "sv", db.timestamp()),
        )
        found = await get_chat(conn, chat_id)
    assert found is not None
    return found


async def set_language(db: Database, chat_id: int, language: str) -> None:
    """The chat chose `language` (/sprak): it sticks, whatever the member's Telegram says."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE chats SET language = ?, language_chosen = 1 WHERE chat_id = ?",
            (language, chat_id),
        )


async def follow_telegram_language(db: Database, chat_id: int, language: str) -> bool:
    """Take the member's current Telegram language while the chat has not chosen one; True when
    the stored language changed (a chosen language is never touched)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    async with db.transaction() as conn:
        cur = await conn.execute(
            "UPDATE chats SET language = ? "
            "WHERE chat_id = ? AND language_chosen = 0 AND language <> ?",
            (language, chat_id, language),
        )
        changed = cur.rowcount > 0
        await cur.close()
    return changed


async def follow(db: Database, chat_id: int, body_id: int, thread_id: int | None) -> bool:
    """Follow a body; True when it was not followed before. A repeat moves it to `thread_id`."""
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT 1 FROM follows WHERE chat_id = ? AND body_id = ?", (chat_id, body_id)
        ) as cur:
            known = await cur.fetchone() is not None
        await conn.execute(
            "INSERT INTO follows (chat_id, body_id, thread_id, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (chat_id, body_id) DO UPDATE SET thread_id = excluded.thread_id",
            (chat_id, body_id, thread_id, db.timestamp()),
        )
    return not known


async def unfollow(db: Database, chat_id: int, body_id: int) -> bool:
    """Stop following; True when the body was followed."""
    async with db.transaction() as conn:
        cur = await conn.execute(
            "DELETE FROM follows WHERE chat_id = ? AND body_id = ?", (chat_id, body_id)
        )
        removed = cur.rowcount > 0
        await cur.close()
    return removed


async def following(source: Database | aiosqlite.Connection, chat_id: int) -> list[BodyRow]:
    """The bodies a chat follows, by name."""
    sql = (
        "SELECT b.id, b.portal, b.slug, b.name, b.organisation FROM follows f"
        " JOIN bodies b ON b.id = f.body_id WHERE f.chat_id = ?"
    )
    async with _conn(source).execute(sql, (chat_id,)) as cur:
        rows = await cur.fetchall()
    bodies = [body_from_row(r) for r in rows]
    return sorted(bodies, key=body_order)


async def followers(source: Database | aiosqlite.Connection, body_id: int) -> list[Follower]:
    """Active chats following a body (works inside a write transaction too)."""
    sql = (
        "SELECT f.chat_id, f.thread_id, c.language, c.digest FROM follows f "
        "JOIN chats c ON c.chat_id = f.chat_id WHERE f.body_id = ? AND c.active = 1 "
        "ORDER BY f.chat_id"
    )
    async with _conn(source).execute(sql, (body_id,)) as cur:
        rows = await cur.fetchall()
    return [
        Follower(
            chat_id=int(r["chat_id"]),
            thread_id=None if r["thread_id"] is None else int(r["thread_id"]),
            language=str(r["language"]),
            digest=bool(r["digest"]),
        )
        for r in rows
    ]


async def deactivate_chat(conn: aiosqlite.Connection, chat_id: int) -> None:
    """The bot was blocked or removed: keep the follows, stop sending."""
    await conn.execute("UPDATE chats SET active = 0 WHERE chat_id = ?", (chat_id,))


async def reactivate_chat(conn: aiosqlite.Connection, chat_id: int) -> None:
    """The bot is back in the chat: send again and forget earlier strikes."""
    await conn.execute(
        "UPDATE chats SET active = 1, forbidden_strikes = 0 WHERE chat_id = ?", (chat_id,)
    )


async def migrate_chat(conn: aiosqlite.Connection, old_id: int, new_id: int) -> None:
    """A group became a supergroup (new id): move its settings, follows, watches, pending rows.

    When the new id has no row yet, renaming the chat is enough (foreign keys cascade on update).
    Otherwise (the supergroup wrote to the bot first) the old chat's rows in `_MOVED_TABLES`
    (follows, cases, watches, calendar link, alerts waiting for a poll scope, reading state,
    party group) are merged into the new one, unsent and held outbox rows are moved, the alert
    settings, language and current meeting the new row still has at their defaults are taken
    over, and the old chat is removed.
    This is the one place a chat migration is handled (the sender and the update handlers both
    call it).
    """
    if old_id == new_id or await get_chat(conn, old_id) is None:
        return
    if await get_chat(conn, new_id) is None:
        await conn.execute(
            "UPDATE chats SET chat_id = ?, kind = 'supergroup' WHERE chat_id = ?", (new_id, old_id)
        )
        return
    await _carry_over(conn, old_id, new_id)
    for table in _MOVED_TABLES:
        await conn.execute(
            f"UPDATE OR IGNORE {table} SET chat_id = ? WHERE chat_id = ?",  # noqa: S608 (constant)
            (new_id, old_id),
        )
    await conn.execute(
        "UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND status IN ('pending', 'sending')",
        (new_id, old_id),
    )
    await conn.execute("DELETE FROM chats WHERE chat_id = ?", (old_id,))


async def _carry_over(conn: aiosqlite.Connection, old_id: int, new_id: int) -> None:
    """Move what deleting the old row would drop: held alerts and non-default settings."""
    await conn.execute(
        "UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND status = 'held'", (new_id, old_id)
    )
    await conn.execute(
        "UPDATE chats SET"
        " language = CASE WHEN chats.language = 'sv' THEN old.language ELSE chats.language END,"
        " digest = MAX(chats.digest, old.digest),"
        " language_chosen = MAX(chats.language_chosen, old.language_chosen),"
        " reminders = CASE WHEN chats.reminders = '' THEN old.reminders ELSE chats.reminders END,"
        " current_meeting_id = coalesce(chats.current_meeting_id, old.current_meeting_id)"
        " FROM (SELECT language, language_chosen, digest, reminders, current_meeting_id"
        " FROM chats"
        " WHERE chat_id = ?) AS old"
        " WHERE chats.chat_id = ?",
        (old_id, new_id),
    )


async def add_forbidden_strike(conn: aiosqlite.Connection, chat_id: int) -> int | None:
    """Count one more Forbidden answer for the chat; its strikes now (None: no such chat)."""
    async with conn.execute(
        "UPDATE chats SET forbidden_strikes = forbidden_strikes + 1 WHERE chat_id = ?"
        " RETURNING forbidden_strikes",
        (chat_id,),
    ) as cur:
        found = await cur.fetchone()
    return int(found[0]) if found else None


async def set_current_meeting(db: Database, chat_id: int, meeting_id: int) -> None:
    """Remember the meeting the chat is looking at (a bare `4` means its item 4)."""
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE chats SET current_meeting_id = ? WHERE chat_id = ?"
            " AND current_meeting_id IS NOT ?",
            (meeting_id, chat_id, meeting_id),
        )


async def current_meeting_id(db: Database, chat_id: int) -> int | None:
    """The meeting the chat last looked at, None when none (or it is gone)."""
    async with db.reader.execute(
        "SELECT current_meeting_id FROM chats WHERE chat_id = ?", (chat_id,)
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row and row[0] is not None else None
