"""Update processing: many chats at once, but each chat's updates strictly in order.

Why: sequential processing lets one slow chat (a getChatMember call, a long answer) hold up
everyone; fully concurrent processing can answer a member's `4` before the `/nasta` they typed
just before it. This processor keeps a FIFO lock per chat and runs different chats concurrently,
up to `max_concurrent_updates` (a chat flooding the bot can occupy several slots while its updates
wait for each other; python-telegram-bot declares the slot-taking `process_update` final).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def chat_key(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    def __init__(
        self, max_concurrent_updates: int, observe: Callable[[float], None] | None = None
    ) -> None:
        """`observe` gets each update's handling time in seconds (the metrics' histogram)."""
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}
        self._observe = observe

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

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
