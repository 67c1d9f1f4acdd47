"""Update processing: many chats at once, but each chat's updates strictly in order.

Why: sequential processing lets one slow chat (a getChatMember call, a long answer) hold up
everyone; fully concurrent processing can answer a member's `4` before the `/nasta` they typed
just before it. This processor keeps a FIFO lock per chat and runs different chats concurrently,
up to `max_concurrent_updates`.

Fairness: two limits per chat; an update over either is dropped before any handler runs.
- Waiting: a chat's waiting updates occupy processing slots (python-telegram-bot declares the
  slot-taking `process_update` final), so at most `max_waiting_per_chat` are kept.
- Pace, for what asks the bot (a command, a press, anything in a private chat): every answer is
  a message, and the application's rate limiter shares Telegram's 30 messages a second among
  all chats, so a chat answered as fast as it writes would take that budget from everyone
  (measured in `bench/flood.py`: the other chats' p50 about 15-20x slower during a
  1,000-message flood). A chat may burst `BURST` such updates, then one a second in a private
  chat (`FloodLimit.MESSAGES_PER_SECOND_PER_CHAT`) and twenty a minute in a group
  (`FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP`): no faster than Telegram lets us answer it.
A group's plain talk is not paced, and skipped silently when over the waiting limit; updates
that keep the books (membership, migration, service messages) are never skipped. The chat is
told once per flood (`on_flood`) that messages were skipped; the flood is over when the chat is
idle and its budget full again. A skipped press gets a toast instead (`on_skipped_press`), so
the button never spins.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from enum import Enum
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatType, FloodLimit
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger(__name__)

MAX_WAITING_PER_CHAT = 4
BURST = 20  # a member reading an agenda item by item, faster than one a second
PRIVATE_PER_SECOND = float(FloodLimit.MESSAGES_PER_SECOND_PER_CHAT)
GROUP_PER_SECOND = FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP / 60


def chat_key(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None


class UpdateKind(Enum):
    ASKS = "asks"  # the bot answers it: a press, a command, anything in a private chat
    TALK = "talk"  # a group's plain text: mostly not for the bot
    BOOKKEEPING = "bookkeeping"  # membership, migration, service messages: never skipped


def update_kind(update: object) -> UpdateKind:
    if not isinstance(update, Update):
        return UpdateKind.BOOKKEEPING
    if update.my_chat_member or update.chat_member or update.chat_join_request:
        return UpdateKind.BOOKKEEPING
    if update.callback_query is not None:
        return UpdateKind.ASKS
    message = update.effective_message
    if message is None:
        return UpdateKind.TALK
    if _keeps_the_books(message):
        return UpdateKind.BOOKKEEPING
    if message.chat.type == ChatType.PRIVATE or (message.text or "").startswith("/"):
        return UpdateKind.ASKS  # in a private chat a sticker or photo counts too
    return UpdateKind.TALK


def _keeps_the_books(message: Message) -> bool:
    """A service message the bot must see: a group upgraded, members joining or leaving."""
    return bool(
        message.migrate_to_chat_id
        or message.migrate_from_chat_id
        or message.new_chat_members
        or message.left_chat_member
        or message.group_chat_created
        or message.supergroup_chat_created
    )


def _per_second(update: object) -> float:
    chat = update.effective_chat if isinstance(update, Update) else None
    private = chat is None or chat.type == ChatType.PRIVATE
    return PRIVATE_PER_SECOND if private else GROUP_PER_SECOND


class PaceBudget:
    """A token bucket per chat (monotonic seconds): `BURST` at once, then `per_second`."""

    def __init__(self, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = float(burst)
        self.clock = clock
        self._buckets: dict[int, tuple[float, float]] = {}  # chat -> (tokens, at)

    def take(self, key: int, per_second: float) -> bool:
        """Spend one token of `key`'s bucket; False when it is empty (the update is skipped)."""
        tokens = self.tokens(key, per_second)
        self._buckets[key] = (tokens - 1 if tokens >= 1 else tokens, self.clock())
        return tokens >= 1

    def tokens(self, key: int, per_second: float) -> float:
        tokens, at = self._buckets.get(key, (self.burst, self.clock()))
        return min(self.burst, tokens + (self.clock() - at) * per_second)

    def forget_full(self, per_second: float) -> list[int]:
        """Drop the buckets that have refilled (memory stays bounded); returns their chats."""
        full = [k for k in self._buckets if self.tokens(k, per_second) >= self.burst]
        for key in full:
            del self._buckets[key]
        return full


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    def __init__(
        self,
        max_concurrent_updates: int,
        observe: Callable[[float], None] | None = None,
        max_waiting_per_chat: int = MAX_WAITING_PER_CHAT,
        burst: int = BURST,
    ) -> None:
        """`observe` gets each update's handling time in seconds (the metrics' histogram)."""
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}
        self._observe = observe
        self.max_waiting_per_chat = max_waiting_per_chat
        self.pace = PaceBudget(burst)
        self.on_flood: Callable[[int], Awaitable[None]] | None = None
        self.on_skipped_press: Callable[[Update], Awaitable[None]] | None = None
        self.dropped = 0
        self._told: set[int] = set()
        self._seen = 0

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        started = time.monotonic()
        try:
            await self._process_in_order(update, coroutine)
        finally:
            if self._observe is not None:
                self._observe(time.monotonic() - started)

    async def _process_in_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        if key is None:
            await coroutine
            return
        self._tidy()
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        if self._skips(key, update, users):
            await self._drop(key, update, coroutine)
            return
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def busy(self, key: int) -> bool:
        """Is an update of chat `key` being handled or waiting?"""
        return key in self._locks

    def _skips(self, key: int, update: object, waiting: int) -> bool:
        """Is this update over the chat's limits? Bookkeeping updates never are; a group's
        plain talk only counts against the waiting limit; the rest is also paced."""
        kind = update_kind(update)
        if kind is UpdateKind.BOOKKEEPING:
            return False
        if waiting >= self.max_waiting_per_chat:
            return True
        if kind is UpdateKind.TALK:
            return False
        per_second = _per_second(update)
        if waiting == 0 and self.pace.tokens(key, per_second) >= self.pace.burst:
            self._told.discard(key)  # idle and quiet long enough: any earlier flood is over
        return not self.pace.take(key, per_second)

    def _tidy(self) -> None:
        """Every 1,000 updates: forget refilled budgets; their floods are over."""
        self._seen += 1
        if self._seen % 1000 == 0:
            # The slower (group) rate: a private bucket full at that rate is surely full.
            self._told.difference_update(self.pace.forget_full(GROUP_PER_SECOND))

    async def _drop(self, key: int, update: object, coroutine: Awaitable[Any]) -> None:
        if isinstance(coroutine, Coroutine):
            coroutine.close()  # never run: the update is skipped
        self.dropped += 1
        if isinstance(update, Update) and update.callback_query is not None:
            # The toast says it; the chat-wide note would repeat it to everyone.
            await self._courtesy(self.on_skipped_press, update, "answering a skipped press")
            return
        if key in self._told or update_kind(update) is not UpdateKind.ASKS:
            return  # a group's plain talk was not for the bot: skipped without a word
        self._told.add(key)
        await self._courtesy(self.on_flood, key, f"telling chat {key} about skipped messages")

    async def _courtesy(
        self, call: Callable[[Any], Awaitable[None]] | None, arg: Any, what: str
    ) -> None:
        if call is None:
            return
        try:
            await call(arg)
        except Exception:  # a courtesy; a failure must not reach the processor
            log.exception("%s failed", what)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
