"""Update processing: many chats at once, but each chat's updates strictly in order.

Why: sequential processing lets one slow chat (a getChatMember call, a long answer) hold up
everyone; fully concurrent processing can answer a member's `4` before the `/nasta` they typed
just before it. This processor keeps a FIFO lock per chat and runs different chats concurrently,
up to `max_concurrent_updates`.

Fairness: a chat's waiting updates occupy processing slots (python-telegram-bot declares the
slot-taking `process_update` final), so a chat flooding the bot could hold them all and delay
every other chat. At most `max_waiting_per_chat` updates of one chat are kept; more are dropped
while they wait, and the chat is told once per flood (`on_flood`) that messages were skipped.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

log = logging.getLogger(__name__)


def chat_key(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None


MAX_WAITING_PER_CHAT = 4


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    def __init__(
        self,
        max_concurrent_updates: int,
        observe: Callable[[float], None] | None = None,
        max_waiting_per_chat: int = MAX_WAITING_PER_CHAT,
    ) -> None:
        """`observe` gets each update's handling time in seconds (the metrics' histogram)."""
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}
        self._observe = observe
        self.max_waiting_per_chat = max_waiting_per_chat
        self.on_flood: Callable[[int], Awaitable[None]] | None = None
        self.dropped = 0
        self._told: set[int] = set()

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
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        if users >= self.max_waiting_per_chat:
            await self._drop(key, coroutine)
            return
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
                self._told.discard(key)  # the flood is over
            else:
                self._locks[key] = (lock, users - 1)

    async def _drop(self, key: int, coroutine: Awaitable[Any]) -> None:
        if isinstance(coroutine, Coroutine):
            coroutine.close()  # never run: the update is skipped
        self.dropped += 1
        if key in self._told or self.on_flood is None:
            return
        self._told.add(key)
        try:
            await self.on_flood(key)
        except Exception:  # the note is a courtesy; a failure must not reach the processor
            log.exception("telling chat %s about skipped messages failed", key)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
