"""The members' side of the fake Bot API: update injection, queries and waiting.

Why: tests and the demo play the members. They inject the updates Telegram would send
(messages and commands, in private chats, groups and forum topics; channel posts; button
presses; the bot being blocked) and then wait for, and inspect, what the bot sent back. Kept
apart from the HTTP and fault machinery of `fake_api` so each module stays small.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from demo.fake_methods import BotState
from demo.fake_objects import JsonDict, chat_member_json, command_entities, now, user_json
from demo.fake_updates import UpdateQueue
from demo.records import Call, Recorder, SentDocument, SentMessage


class MembersSide:
    """Mixin for FakeBotApi: needs `state`, `updates` and `records`."""

    state: BotState
    updates: UpdateQueue
    records: Recorder

    @property
    def bot_username(self) -> str:
        return str(self.state.bot["username"])

    # -- queries --------------------------------------------------------------------------------
    def mark(self) -> int:
        return self.records.mark()

    def calls(self, method: str | None = None, *, since: int = 0) -> list[Call]:
        return self.records.calls(method, since=since)

    def sent_messages(self, chat_id: int | None = None, *, since: int = 0) -> list[SentMessage]:
        return self.records.sent_messages(chat_id, since=since)

    def sent_documents(self, chat_id: int | None = None, *, since: int = 0) -> list[SentDocument]:
        return self.records.sent_documents(chat_id, since=since)

    def commands_for(self, language_code: str = "", scope: JsonDict | None = None) -> list[str]:
        return self.state.commands_for(language_code, scope)

    def menu_for(
        self, language_code: str = "", scope: JsonDict | None = None
    ) -> list[tuple[str, str]]:
        return self.state.menu_for(language_code, scope)

    def message(self, chat_id: int, message_id: int) -> JsonDict | None:
        """The current state of a message (after edits), None when deleted or unknown."""
        return self.state.messages.get((chat_id, message_id))

    async def wait_for(
        self,
        predicate: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109
        what: str = "condition",
    ) -> None:
        await self.records.wait_for(predicate, timeout, what)

    async def wait_for_messages(
        self,
        chat_id: int | None = None,
        count: int = 1,
        *,
        since: int = 0,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[SentMessage]:
        """Wait until `count` messages were sent (to `chat_id`) after mark `since`."""
        await self.wait_for(
            lambda: len(self.sent_messages(chat_id, since=since)) >= count,
            timeout,
            f"{count} message(s) to chat {chat_id}",
        )
        return self.sent_messages(chat_id, since=since)

    async def wait_for_call(self, method: str, *, since: int = 0, timeout: float = 5.0) -> Call:  # noqa: ASYNC109
        await self.wait_for(lambda: bool(self.calls(method, since=since)), timeout, method)
        return self.calls(method, since=since)[0]

    async def wait_consumed(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109  # noqa: ASYNC109
        """Wait until the bot has fetched every injected update."""
        await self.wait_for(lambda: self.updates.undelivered() == 0, timeout, "getUpdates")

    # -- the members' side ----------------------------------------------------------------------
    async def inject_message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str | None = None,
        thread_id: int | None = None,
        is_topic: bool = False,
        username: str | None = "ledamot",
        first_name: str = "Ledamot",
        language_code: str | None = "sv",
        reply_to_message_id: int | None = None,
        chat_title: str | None = None,
    ) -> JsonDict:
        """A member writes `text` (a leading /command gets its entity); returns the update."""
        kind = chat_type or ("private" if chat_id > 0 else "supergroup" if is_topic else "group")
        chat = self.state.chat(
            chat_id, kind, title=chat_title, is_forum=is_topic, first_name=first_name
        )
        sender = user_json(
            user_id if user_id is not None else abs(chat_id),
            first_name=first_name,
            username=username,
            language_code=language_code,
        )
        message: JsonDict = {
            "message_id": next(self.state.message_ids),
            "date": now(),
            "chat": chat,
            "from": sender,
            "text": text,
        }
        entities = command_entities(text)
        if entities:
            message["entities"] = entities
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = is_topic
        if reply_to_message_id is not None:
            target = self.state.messages.get((chat_id, reply_to_message_id))
            if target is not None:
                message["reply_to_message"] = target
        self.state.messages[(chat_id, message["message_id"])] = message
        return await self.updates.put({"message": message})

    async def inject_command(
        self, chat_id: int, command: str, args: str = "", *, addressed: bool = False, **kwargs: Any
    ) -> JsonDict:
        """`/command args`, optionally addressed as `/command@bot` (groups)."""
        head = f"/{command.lstrip('/')}" + (f"@{self.bot_username}" if addressed else "")
        return await self.inject_message(chat_id, f"{head} {args}".strip(), **kwargs)

    async def inject_callback(
        self,
        chat_id: int,
        message_id: int,
        data: str,
        *,
        user_id: int | None = None,
        language_code: str | None = "sv",
    ) -> JsonDict:
        """A member presses an inline button with `data` under message `message_id`."""
        message = self.state.messages.get((chat_id, message_id)) or {
            "message_id": message_id,
            "date": now(),
            "chat": self.state.chat(chat_id),
        }
        query = {
            "id": f"cb{message_id}-{time.monotonic_ns()}",
            "chat_instance": str(chat_id),
            "from": user_json(
                user_id if user_id is not None else abs(chat_id), language_code=language_code
            ),
            "message": message,
            "data": data,
        }
        return await self.updates.put({"callback_query": query})

    async def inject_channel_post(self, chat_id: int, text: str) -> JsonDict:
        """An admin posts `text` in a channel: a `channel_post`, with no sender but the
        channel itself (a leading /command gets its entity)."""
        chat = self.state.chat(chat_id, "channel")
        post: JsonDict = {
            "message_id": next(self.state.message_ids),
            "date": now(),
            "chat": chat,
            "sender_chat": chat,
            "text": text,
        }
        entities = command_entities(text)
        if entities:
            post["entities"] = entities
        self.state.messages[(chat_id, post["message_id"])] = post
        return await self.updates.put({"channel_post": post})

    async def inject_my_chat_member(
        self, chat_id: int, old_status: str, new_status: str, *, user_id: int | None = None
    ) -> JsonDict:
        """The bot's own membership changed (e.g. 'member' -> 'kicked' when blocked)."""
        change = {
            "chat": self.state.chat(chat_id),
            "from": user_json(user_id if user_id is not None else abs(chat_id)),
            "date": now(),
            "old_chat_member": chat_member_json(self.state.bot, old_status),
            "new_chat_member": chat_member_json(self.state.bot, new_status),
        }
        return await self.updates.put({"my_chat_member": change})
