"""Writing the sender's bookkeeping through a database lock held by another writer.

Why: once Telegram has accepted a message, recording it must not fail, or the row would be sent
again. SQLite's busy timeout bounds the wait for a lock; an outside writer (a backup, an
operator's sqlite3 shell) can hold it longer. The write is then retried with a growing pause
until it succeeds: the bookkeeping waits, the message is never sent again for it.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")
FIRST_PAUSE = 0.05
LONGEST_PAUSE = 5.0


async def bookkeep(what: str, work: Callable[[], Awaitable[T]]) -> T:
    """Run the database write `work` until it succeeds while another writer holds the lock."""
    delay = FIRST_PAUSE
    while True:
        try:
            return await work()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            log.warning("%s: %s; retrying (the message is not sent again)", what, exc)
        await asyncio.sleep(delay)
        delay = min(2 * delay, LONGEST_PAUSE)
