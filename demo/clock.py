"""A clock the caller sets and steps: for tests, benchmarks and scenario runs.

Why: a test that asks "is this meeting upcoming?" or "is the 07:00 digest due?" must decide
what day it is, not find out. `ManualClock` satisfies `agenda.clock.Clock`; it starts where it is
told and, by default, moves only when stepped, so a week of reminders runs in milliseconds.

A `running` clock also moves with real elapsed time (a monotonic timer) from its start: the
outbox sender's retries and leases are due "in 2 seconds", and a test of the sender needs those
seconds to pass while still choosing what day it is.
"""

from __future__ import annotations

import time as _time
from datetime import UTC, date, datetime, time, timedelta

from agenda.clock import STOCKHOLM


class ManualClock:
    """Frozen (or running from its start) until `advance` or `set` moves it."""

    def __init__(self, start: datetime, *, running: bool = False) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualClock needs an aware datetime")
        self._base = start.astimezone(UTC)
        self._running = running
        self._t0 = _time.monotonic()

    @classmethod
    def at_local(cls, day: date, at: time = time(12, 0), *, running: bool = False) -> ManualClock:
        """A clock at `day` `at` Stockholm time."""
        return cls(datetime.combine(day, at, tzinfo=STOCKHOLM), running=running)

    def now(self) -> datetime:
        if not self._running:
            return self._base
        return self._base + timedelta(seconds=_time.monotonic() - self._t0)

    def advance(self, delta: timedelta) -> None:
        self._base += delta

    def set(self, moment: datetime) -> None:
        self._base = moment.astimezone(UTC)
        self._t0 = _time.monotonic()
