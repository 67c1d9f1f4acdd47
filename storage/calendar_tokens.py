"""The private calendar feed's token per chat: whoever has the link sees the chat's meetings.

Why: a phone subscribes to a URL and fetches it without Telegram; the URL must not reveal or
let anyone guess another chat's follows (political interests). `secrets.token_urlsafe(24)`
(192 random bits) per chat, created on first use, erased with the chat.
"""

from __future__ import annotations

import secrets

from storage.db import Database

TOKEN_BYTES = 24


async def token_for(db: Database, chat_id: int) -> str:
    """The chat's token, created on first use. The chats row must exist."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO calendar_tokens (chat_id, token, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT (chat_id) DO NOTHING",
            (chat_id, secrets.token_urlsafe(TOKEN_BYTES), db.timestamp()),
        )
        async with conn.execute(
            "SELECT token FROM calendar_tokens WHERE chat_id = ?", (chat_id,)
        ) as cur:
            row = await cur.fetchone()
    assert row is not None
    return str(row[0])


async def chat_for_token(db: Database, token: str) -> int | None:
    async with db.reader.execute(
        "SELECT chat_id FROM calendar_tokens WHERE token = ?", (token,)
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else None
