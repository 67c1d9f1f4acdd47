"""The one clock: what time it is, in UTC and in Stockholm.

Why: "now" decides which meetings are upcoming, when a reminder or the digest is due, when a
source has failed long enough, and every stored timestamp. If each module read the wall clock
itself, no test could say what day it is and the suite would change its verdict with the date.
So the composition root creates one `Clock` and passes it down like the database; everything
that decides by calendar time asks it. Tests pass a clock they control (`demo.clock`).

Meetings happen in Europe/Stockholm: `STOCKHOLM` is the one definition of that zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class Clock(Protocol):
    """Anything that says what time it is now, as an aware UTC datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The machine's wall clock (the only reader of it in the product)."""

    def now(self) -> datetime:
        return datetime.now(UTC)


def local_now(clock: Clock) -> datetime:
    """Now in Stockholm."""
    return clock.now().astimezone(STOCKHOLM)


def today(clock: Clock) -> date:
    """Today's date in Stockholm (a meeting on this date is today's, whatever UTC says)."""
    return local_now(clock).date()


def iso_utc(moment: datetime) -> str:
    """The stored form of a timestamp: ISO 8601 in UTC, whole seconds (sorts as text)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")
