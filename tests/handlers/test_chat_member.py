"""my_chat_member: blocking the bot deactivates the chat at once; unblocking reactivates it."""

from __future__ import annotations

from typing import Any

from demo.fake_api import FakeBotApi
from handlers import chat_member
from storage.chats import followers, get_chat
from storage.db import Database
from tests.handlers.test_alerts import wire_first
from tests.support.outbox import add_body, add_follow, put, status_of


async def test_block_deactivates_at_once_and_unblock_reactivates(
    bot_app: Any, fake_api: FakeBotApi, seeded_db: Database
) -> None:
    wire_first(bot_app, chat_member.register)
    body = await add_body(seeded_db, "testorgan")
    await add_follow(seeded_db, 601, body)
    await put(seeded_db, 601, "new:1:601:0")
    await fake_api.inject_my_chat_member(601, "member", "kicked")

    async def inactive() -> bool:
        chat = await get_chat(seeded_db, 601)
        return chat is not None and not chat.active

    await _eventually(inactive)
    assert await followers(seeded_db, body) == []
    assert (await status_of(seeded_db, "new:1:601:0"))[0] == "dropped"  # not a dead letter

    await fake_api.inject_my_chat_member(601, "kicked", "member")

    async def active() -> bool:
        chat = await get_chat(seeded_db, 601)
        return chat is not None and chat.active

    await _eventually(active)
    assert [f.chat_id for f in await followers(seeded_db, body)] == [601]


async def _eventually(check: Any) -> None:
    import asyncio

    for _ in range(100):
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not reached")
