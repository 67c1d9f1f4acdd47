"""What a backfill is, as the poller reports it: many new meetings stored without their alerts.

Why: a first visit of a portal, or one that suddenly shows many new meetings, is stored quietly
(`sources.ingest` decides it) and told to the admins in one notice. The poller (`jobs.poll`)
fills this record and the alert wing (`alerts.backfill`) words it; it lives here, below both,
so neither needs the other.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from agenda.model import Meeting


@dataclass(frozen=True, slots=True)
class Backfill:
    """New meetings a source brought at once, stored without per-meeting alerts."""

    source: str
    poll_id: int  # the cycle that found them (one notice per source and cycle)
    first_visit: bool
    stored: int  # new meetings stored
    agendas: list[Meeting]  # those with an agenda (a "new agenda" event not alerted)


OnBackfill = Callable[[Backfill], Awaitable[None]]
