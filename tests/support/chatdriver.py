"""A member's side of a conversation with the real bot over the fake Bot API (test helper).

Why: every conversation test does the same dance — inject an update, wait until the bot has
answered over HTTP, look at what it sent. `Member.say` / `Member.press` do it in one line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from demo.fake_api import FakeBotApi
from demo.records import Call, SentMessage
from jobs.metrics import METRICS_KEY


@dataclass
class Member:
    fake: FakeBotApi
    chat_id: int
    user_id: int | None = None
    language_code: str | None = "sv"
    extra: dict[str, Any] = field(default_factory=dict)

    async def say(self, text: str, count: int = 1, **kwargs: Any) -> list[SentMessage]:
        """Write `text`; return the bot's next `count` message(s) to this chat."""
        mark = self.fake.mark()
        await self.fake.inject_message(
            self.chat_id,
            text,
            user_id=self.user_id,
            **{"language_code": self.language_code, **self.extra, **kwargs},
        )
        return await self.fake.wait_for_messages(self.chat_id, count, since=mark)

    async def say_one(self, text: str, **kwargs: Any) -> SentMessage:
        (sent,) = (await self.say(text, **kwargs))[:1]
        return sent

    async def press(self, message_id: int, data: str, method: str) -> Call:
        """Press a button with `data` under `message_id`; wait for `method` (after the answer)."""
        mark = self.fake.mark()
        await self.fake.inject_callback(
            self.chat_id, message_id, data, user_id=self.user_id, language_code=self.language_code
        )
        await self.fake.wait_for_call("answerCallbackQuery", since=mark)
        return await self.fake.wait_for_call(method, since=mark)

    async def silent_then(self, text: str, probe: str = "/hjalp") -> list[SentMessage]:
        """Write `text`, then `probe`; return everything sent in between and for the probe."""
        mark = self.fake.mark()
        await self.fake.inject_message(self.chat_id, text, user_id=self.user_id, **self.extra)
        await self.fake.inject_message(self.chat_id, probe, user_id=self.user_id, **self.extra)

        def probed() -> bool:
            sent = self.fake.sent_messages(self.chat_id, since=mark)
            return any("/start" in m.text for m in sent)

        await self.fake.wait_for(probed, what="the probe's answer")
        return self.fake.sent_messages(self.chat_id, since=mark)


async def press_then(member: Member, message_id: int, data: str) -> list[SentMessage]:
    """Press a button, then write /hjalp; return every message sent in between and for the
    probe (the chat's updates are handled in order, so the press is done by then)."""
    mark = member.fake.mark()
    await member.fake.inject_callback(member.chat_id, message_id, data, user_id=member.user_id)
    await member.fake.wait_for_call("answerCallbackQuery", since=mark)
    await member.fake.inject_message(member.chat_id, "/hjalp", user_id=member.user_id)

    def probed() -> bool:
        return any(
            "/start" in m.text for m in member.fake.sent_messages(member.chat_id, since=mark)
        )

    await member.fake.wait_for(probed, what="the probe's answer")
    return member.fake.sent_messages(member.chat_id, since=mark)


def button_data(message: SentMessage) -> list[str]:
    return [data or "" for _, data in message.buttons()]


def updates_handled(app: Any) -> int:
    """How many updates the bot has finished handling (its `namndbot_update_seconds` count)."""
    metrics = app.bot_data[METRICS_KEY]
    return int(metrics.registry.get_sample_value("namndbot_update_seconds_count") or 0)


async def until_handled(fake: FakeBotApi, app: Any, before: int, count: int) -> None:
    """Wait until `count` more updates than `before` were handled: a condition for updates that
    send nothing (a skipped press, a channel post the bot leaves alone)."""
    await fake.wait_for(
        lambda: updates_handled(app) >= before + count, what=f"{count} update(s) handled"
    )
