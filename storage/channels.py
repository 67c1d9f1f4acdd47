"""Channels the bot administers and the members linked to them (who set them up privately).

Why: nobody can write commands to a bot in a channel, so a channel is set up from a private
chat: the admin who made the bot an admin there is linked to it, and `/kanal` in their private
chat lists it and changes what it follows. The channel's follows are ordinary follows of its chat
row, so it gets alerts like a group. Raw parameterised SQL, dataclasses out.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Database


@dataclass(frozen=True, slots=True)
class LinkedChannel:
    channel_id: int
    title: str


async def link_channel(db: Database, channel_id: int, user_id: int, title: str) -> None:
    """The member `user_id` made the bot an admin of the channel (its chats row must exist)."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO channel_admins (channel_id, user_id, title, created_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (channel_id, user_id)"
            " DO UPDATE SET title = excluded.title",
            (channel_id, user_id, title, db.timestamp()),
        )


async def linked_channels(db: Database, user_id: int) -> list[LinkedChannel]:
    """The active channels linked to the member, by title."""
    async with db.reader.execute(
        "SELECT a.channel_id, a.title FROM channel_admins a"
        " JOIN chats c ON c.chat_id = a.channel_id"
        " WHERE a.user_id = ? AND c.active = 1 ORDER BY a.title, a.channel_id",
        (user_id,),
    ) as cur:
        return [LinkedChannel(int(r[0]), str(r[1])) for r in await cur.fetchall()]


async def linked_channel(db: Database, user_id: int, channel_id: int) -> LinkedChannel | None:
    found = [c for c in await linked_channels(db, user_id) if c.channel_id == channel_id]
    return found[0] if found else None
