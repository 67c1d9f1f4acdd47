"""Work of many chats, a few at a time: each chat's in order, and the chat served least first.

Why: python-telegram-bot hands every update to the update processor at once, and a first come,
first served queue lets a busy chat, or many busy chats together, hold everyone else's answers:
when 50 chats sent 20 commands each, another chat's `/start` waited behind all 1,000 (32.5 s,
`bench/flood.py --shape chats`). Here each chat has its own queue; `workers` jobs run at once,
at most one per chat (so a chat's updates are handled in the order they were written), and when
a worker is free it takes the next job of the waiting chat that has been served least in its
current busy spell: a chat's n-th waiting update goes after every other chat's (n-1)-th, so a
chat that asks for the first time goes before the second, or the twentieth, update of a busy
chat. A chat's spell ends when nothing of it waits or runs. First come, first served among
equals. The bounds (how much may wait) are the caller's (`bot.updates`): here `waiting` counts.
No kept library schedules round-robin across keys with per-key order (asyncio's queues and
semaphores are first come, first served), hence by hand.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections import deque
from collections.abc import Awaitable, Coroutine, Hashable
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class _Chat:
    turns: deque[asyncio.Future[None]] = field(default_factory=deque)
    running: bool = False
    served: int = 0  # jobs started in this busy spell


class FairQueue:
    """`await queue.run(key, job)`: waits for `key`'s turn, then awaits `job`."""

    def __init__(self, workers: int) -> None:
        if workers < 1:
            raise ValueError("a fair queue needs at least one worker")
        self.workers = workers
        self.waiting = 0  # jobs that wait for their turn, all chats together
        self._chats: dict[Hashable, _Chat] = {}
        self._ready: list[tuple[int, int, Hashable]] = []  # (served, arrival, key): a heap
        self._arrivals = itertools.count()
        self._running = 0

    def waiting_of(self, key: Hashable) -> int:
        """How many jobs of `key` wait (the running one not counted)."""
        chat = self._chats.get(key)
        return len(chat.turns) if chat is not None else 0

    def served(self, key: Hashable) -> int:
        """How many jobs of `key` started in its busy spell (the running one's rank)."""
        chat = self._chats.get(key)
        return chat.served if chat is not None else 0

    def busy(self, key: Hashable) -> bool:
        """Does a job of `key` run or wait?"""
        return key in self._chats

    async def run(self, key: Hashable, job: Awaitable[Any]) -> None:
        turn = self._enqueue(key)
        try:
            await turn
        except asyncio.CancelledError:
            self._withdraw(key, turn)
            if isinstance(job, Coroutine):
                job.close()  # never started: its update is not handled
            raise
        try:
            await job
        finally:
            self._finish(key)

    def _enqueue(self, key: Hashable) -> asyncio.Future[None]:
        chat = self._chats.setdefault(key, _Chat())
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        chat.turns.append(turn)
        self.waiting += 1
        if not chat.running and len(chat.turns) == 1:
            self._mark_ready(key, chat)
        self._dispatch()
        return turn

    def _mark_ready(self, key: Hashable, chat: _Chat) -> None:
        heapq.heappush(self._ready, (chat.served, next(self._arrivals), key))

    def _dispatch(self) -> None:
        while self._running < self.workers and self._ready:
            _, _, key = heapq.heappop(self._ready)
            chat = self._chats.get(key)
            if chat is None or chat.running or not chat.turns:
                continue  # a stale entry: the chat left, or is already served
            turn = chat.turns.popleft()
            self.waiting -= 1
            if turn.done():  # its wait was cancelled and its task has not withdrawn yet
                if chat.turns:
                    self._mark_ready(key, chat)
                else:
                    del self._chats[key]
                continue
            chat.running = True
            chat.served += 1
            self._running += 1
            turn.set_result(None)

    def _withdraw(self, key: Hashable, turn: asyncio.Future[None]) -> None:
        """A cancelled wait: leave the queue, or give back the turn it was just granted."""
        chat = self._chats.get(key)
        if chat is not None and turn in chat.turns:
            chat.turns.remove(turn)
            self.waiting -= 1
            if not chat.running and not chat.turns:
                del self._chats[key]
        elif turn.done() and not turn.cancelled():
            self._finish(key)

    def _finish(self, key: Hashable) -> None:
        chat = self._chats[key]
        chat.running = False
        self._running -= 1
        if chat.turns:
            self._mark_ready(key, chat)
        else:
            del self._chats[key]  # the spell is over: next time the chat starts afresh
        self._dispatch()
