"""Members' writes first: the bot's writes go before the poll process's next transaction.

Why: the bot and its poll process (`bot.poll_process`) both write the SQLite file. SQLite lets
one writer in at a time and makes the other wait in its busy handler, which sleeps and tries
again (after 1, 2, 5 … 100 ms): it does not queue. During a first visit the poll process
commits a meeting every few milliseconds, and a member's write (what `/nasta` showed, a follow,
an alert marked sent) lost that race again and again: `/nasta`'s p99 was 2–3 s against 14 ms
idle (`bench/poll_latency.py`). A counter in shared memory says how many of the bot's writes
are under way; the background writer looks at it before each transaction and lets them go
first, for at most `give_way`'s `longest` seconds (a stuck bot cannot stop the polling). A
second value says that the background is inside a transaction: the bot waits for its end
itself, looking every `POLL_SECONDS`, rather than in the busy handler, which sleeps 5, 10 …
100 ms between tries and so added up to a hundred milliseconds after the lock was free. No
kept library coordinates writers of one SQLite file across processes; this is a few lines over
`multiprocessing.Value`.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

POLL_SECONDS = 0.001  # how often a waiting writer looks again
LONGEST_SECONDS = 1.0  # the most a background transaction waits for foreground writes


class WriteTurns:
    """Shared by the bot's `Database` (foreground) and one poll process's (background)."""

    def __init__(self, counter: Any, holding: Any) -> None:
        self._counter = counter  # a multiprocessing Value("i"): foreground writes under way
        self._holding = holding  # 1 while the background is inside a transaction

    @classmethod
    def create(cls) -> WriteTurns:
        """Values a spawned child can share (pass them in the child's arguments). Without a
        lock: each has one writer (the counter the bot's event loop, `holding` the child),
        and a child killed while it held a shared lock would freeze the bot for good."""
        context = multiprocessing.get_context("spawn")
        return cls(context.Value("i", 0, lock=False), context.Value("i", 0, lock=False))

    @property
    def waiting(self) -> int:
        return int(self._counter.value)

    @contextmanager
    def foreground(self) -> Iterator[None]:
        """Around a foreground write: background transactions wait until it is done."""
        self._counter.value += 1
        try:
            yield
        finally:
            self._counter.value -= 1

    async def give_way(self, longest: float = LONGEST_SECONDS) -> float:
        """Before a background transaction: wait while foreground writes are under way (at
        most `longest` seconds); returns the seconds waited."""
        if self._counter.value <= 0:
            return 0.0
        started = time.monotonic()
        # the counter lives in another process: no asyncio.Event can say when it drops
        while self._counter.value > 0 and time.monotonic() - started < longest:  # noqa: ASYNC110
            await asyncio.sleep(POLL_SECONDS)
        return time.monotonic() - started

    def background_gone(self) -> None:
        """The background process ended (perhaps killed inside a transaction): its flag no
        longer holds anyone back."""
        self._holding.value = 0

    @contextmanager
    def background(self) -> Iterator[None]:
        """Around a background transaction (BEGIN to COMMIT or ROLLBACK)."""
        self._holding.value = 1
        try:
            yield
        finally:
            self._holding.value = 0

    async def background_done(self, longest: float = LONGEST_SECONDS) -> None:
        """Before a foreground BEGIN: wait for the background's transaction under way to end
        (it starts no new one meanwhile), at most `longest` seconds; then SQLite's own busy
        timeout takes over."""
        started = time.monotonic()
        # the value lives in another process: no asyncio.Event can say when it drops
        while self._holding.value and time.monotonic() - started < longest:  # noqa: ASYNC110
            await asyncio.sleep(POLL_SECONDS)
