"""Telling "one chat has a problem" from "Telegram is slow or unreachable", for the sender.

Why: a network failure of one send says little; network failures of several chats in a row,
with no success between them, mean Telegram (or our link to it) is down or too slow. Then
sending more only burns attempts and, for sends that time out after leaving, makes duplicates.
The sender asks this watch whether to pause (`down`), probes Telegram while paused, and on the
first answer calls `recovered()`, which hands back the rows that failed meanwhile so their
backoff can be cleared: the queue drains at the full allowed rate at once.

The watch also paces dispatch while answers are late (`stalled`): when the oldest send in
flight has waited much longer than sends usually take, no new send leaves until it resolves.
That bounds the sends whose outcome becomes unknown at the start of a slowdown to the few
that left before it was noticed (the duplicates the delivery guarantee allows).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable

log = logging.getLogger(__name__)


class OutageWatch:
    """In-memory state of one sender; `clock` is monotonic seconds."""

    def __init__(
        self,
        chats_to_declare: int = 3,
        stall_floor: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.chats_to_declare = chats_to_declare
        self.stall_floor = stall_floor
        self.clock = clock
        self.down = False
        self.incident: str | None = None  # when the current outage was declared (stored form)
        self.timed_out = False  # the outage showed as late answers, not refused connections
        self._failing: set[int] = set()
        self._parked: set[int] = set()
        self._latency: float | None = None

    def failure(self, chat_id: int, row_id: int, *, timed_out: bool, now: str) -> None:
        """A send to `chat_id` failed on the network; declares an outage after enough chats."""
        self._failing.add(chat_id)
        self._parked.add(row_id)
        self.timed_out = self.timed_out or timed_out
        if not self.down and len(self._failing) >= self.chats_to_declare:
            self.down = True
            self.incident = self.incident or now
            log.warning(
                "Telegram unreachable or too slow (%d chats failed in a row): pausing, probing",
                len(self._failing),
            )

    def success(self, latency: float) -> None:
        """A send was answered after `latency` seconds."""
        self._failing.clear()
        previous = self._latency if self._latency is not None else latency
        self._latency = 0.8 * previous + 0.2 * latency
        if not self.down:
            self.incident = None

    def recovered(self, latency: float) -> set[int]:
        """A probe was answered: resume, and return the rows to make due now."""
        log.warning("Telegram answers again (after %.2f s): sending resumes", latency)
        self.down = False
        self.timed_out = False
        self._failing.clear()
        self._latency = latency
        parked, self._parked = self._parked, set()
        return parked

    def stall_after(self) -> float:
        """How long the oldest send may wait before no new send leaves."""
        usual = 3.0 * self._latency if self._latency is not None else 0.0
        return max(self.stall_floor, usual)

    def stalled(self, started: Iterable[float]) -> bool:
        oldest = min(started, default=None)
        return oldest is not None and self.clock() - oldest > self.stall_after()
