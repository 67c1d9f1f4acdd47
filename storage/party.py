"""Party groups: a group chat's body, its lines per item, the forum topics made for items.

Why: before each meeting a party's members on a committee agree on a position per item
(gruppmöte). A group chat becomes the party group of one body (`/partigrupp`); its lines are
kept per meeting and item number, belong to that chat alone (never read for any other chat)
and hang off `chats`, so /radera and a chat's removal take them along. The forum topic made
for an item is recorded before anything is sent into it, so a retried send never makes a
second topic, and a line written inside a topic knows its item.
"""

from __future__ import annotations

import aiosqlite

from storage.body_rows import body_from_row
from storage.db import Database
from storage.party_rows import PartyGroup as PartyGroup
from storage.party_rows import PartyLine as PartyLine


def _conn(source: Database | aiosqlite.Connection) -> aiosqlite.Connection:
    return source.reader if isinstance(source, Database) else source


_GROUP_SQL = (
    "SELECT p.chat_id, p.forum, b.id, b.portal, b.slug, b.name, b.organisation FROM party_groups p"
    " JOIN bodies b ON b.id = p.body_id"
)


def _group(row: aiosqlite.Row) -> PartyGroup:
    return PartyGroup(int(row["chat_id"]), body_from_row(row), bool(row["forum"]))


async def party_group(source: Database | aiosqlite.Connection, chat_id: int) -> PartyGroup | None:
    sql = f"{_GROUP_SQL} WHERE p.chat_id = ?"
    async with _conn(source).execute(sql, (chat_id,)) as cur:
        row = await cur.fetchone()
    return _group(row) if row else None


async def party_groups_of(conn: aiosqlite.Connection, body_id: int) -> list[PartyGroup]:
    """The active party groups of a body (inside the fan-out's transaction)."""
    sql = (
        f"{_GROUP_SQL} JOIN chats c ON c.chat_id = p.chat_id"
        " WHERE p.body_id = ? AND c.active = 1 ORDER BY p.chat_id"
    )
    async with conn.execute(sql, (body_id,)) as cur:
        return [_group(r) for r in await cur.fetchall()]


async def set_party_group(db: Database, chat_id: int, body_id: int, forum: bool) -> None:
    """Make the chat the party group of `body_id` (the chat row must exist)."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO party_groups (chat_id, body_id, forum, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (chat_id) DO UPDATE SET body_id = excluded.body_id,"
            " forum = excluded.forum",
            (chat_id, body_id, int(forum), db.timestamp()),
        )


async def end_party_group(db: Database, chat_id: int) -> bool:
    """The chat is no party group any more (its lines stay until /radera)."""
    async with db.transaction() as conn:
        cur = await conn.execute("DELETE FROM party_groups WHERE chat_id = ?", (chat_id,))
        return cur.rowcount > 0


async def set_line(
    db: Database, chat_id: int, meeting_id: int, number: int, title: str | None, line: str | None
) -> None:
    """Record the group's line on item `number` (None: clear it)."""
    async with db.transaction() as conn:
        if line is None:
            await conn.execute(
                "DELETE FROM party_lines WHERE chat_id = ? AND meeting_id = ? AND number = ?",
                (chat_id, meeting_id, number),
            )
            return
        await conn.execute(
            "INSERT INTO party_lines (chat_id, meeting_id, number, title, line, set_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, meeting_id, number) DO UPDATE"
            " SET title = excluded.title, line = excluded.line, set_at = excluded.set_at",
            (chat_id, meeting_id, number, title, line, db.timestamp()),
        )


async def lines_of(
    source: Database | aiosqlite.Connection, chat_id: int, meeting_id: int
) -> dict[int, PartyLine]:
    """The chat's lines for one meeting, by item number."""
    async with _conn(source).execute(
        "SELECT number, title, line FROM party_lines WHERE chat_id = ? AND meeting_id = ?"
        " ORDER BY number",
        (chat_id, meeting_id),
    ) as cur:
        return {int(r[0]): PartyLine(int(r[0]), r[1], str(r[2])) for r in await cur.fetchall()}


async def line_count(db: Database, chat_id: int) -> int:
    async with db.reader.execute(
        "SELECT count(*) FROM party_lines WHERE chat_id = ?", (chat_id,)
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def topic_thread(db: Database, chat_id: int, meeting_id: int, number: int) -> int | None:
    async with db.reader.execute(
        "SELECT thread_id FROM party_topics WHERE chat_id = ? AND meeting_id = ? AND number = ?",
        (chat_id, meeting_id, number),
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else None


async def save_topic(
    db: Database, chat_id: int, meeting_id: int, number: int, thread_id: int
) -> None:
    """Record the topic made for an item; nothing when the chat erased its data meanwhile
    (/radera while Telegram was making the topic)."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT OR REPLACE INTO party_topics (chat_id, meeting_id, number, thread_id,"
            " created_at) SELECT ?, ?, ?, ?, ? WHERE EXISTS"
            " (SELECT 1 FROM chats WHERE chat_id = ?)",
            (chat_id, meeting_id, number, thread_id, db.timestamp(), chat_id),
        )


async def topic_item(db: Database, chat_id: int, thread_id: int) -> tuple[int, int] | None:
    """(meeting id, item number) of the item topic `thread_id`, if it is one."""
    async with db.reader.execute(
        "SELECT meeting_id, number FROM party_topics WHERE chat_id = ? AND thread_id = ?"
        " ORDER BY created_at DESC LIMIT 1",
        (chat_id, thread_id),
    ) as cur:
        row = await cur.fetchone()
    return (int(row[0]), int(row[1])) if row else None
