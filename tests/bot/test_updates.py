"""Fairness: a chat flooding the bot is capped; the other chats are still answered."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

from bot.updates import ChatOrderedUpdateProcessor
from demo.fake_api import FakeBotApi
from tests.handlers.chatdriver import Member

FLOODER = 5151
OTHER = 6262


async def test_a_flood_is_capped_with_one_note_and_others_are_answered(
    fake_api: FakeBotApi, bot_app: Application[Any, Any, Any, Any, Any, Any]
) -> None:
    processor = bot_app.update_processor
    assert isinstance(processor, ChatOrderedUpdateProcessor)
    for _ in range(200):
        await fake_api.inject_command(FLOODER, "hjalp")
    answer = await Member(fake_api, OTHER).say_one("/start")
    assert answer.text
    await fake_api.wait_consumed(timeout=30)

    def notes() -> list[str]:
        return [m.text for m in fake_api.sent_messages(FLOODER) if "hoppade över" in m.text]

    await fake_api.wait_for(lambda: len(notes()) >= 1, timeout=30, what="the flood note")
    assert processor.dropped > 0
    assert len(fake_api.sent_messages(FLOODER)) < 200  # capped, not every copy answered
    # One note per flood, not one per skipped message.
    assert len(notes()) <= 1 + 200 // (processor.max_waiting_per_chat + 1)
