"""Parsing in worker processes, each page under a deadline and a memory cap.

Why: parsing is pure CPU, and a hostile page can make it slow or big (300,000 attributes on one
element parsed for 385 s). On the event loop a 5 MB page held every chat's `/start` for
seconds; in a thread it still shares the GIL (measured: `/start` p99 from 31 ms idle to 122 ms).
In one shared worker a slow page held every other source's new agenda. So pages are parsed by
a small pool of worker processes (`sources.workers`): a page past its deadline (20 s) or its
memory cap is stopped, raised as `PageOverLimits` (a `ParseError`: that page's problem, counted
on its source) and its worker replaced; one source holds at most all workers but one, and a
free worker goes first to the source with the fewest pages being parsed, so the other sources
go on. `sources.ingest` remembers such a page by content hash and does not parse it again until
its bytes change. The composition root creates one `ParsePool` (`poll --once` its own) and
closes it at shutdown. Without a pool (tests of other things) `parse_in_thread` runs the same
parse in a thread, with no limits.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from agenda.model import Meeting
from agenda.parse import ParseError, parse_page
from sources.pdfagenda import meeting_from_pdf
from sources.workers import MB, LimitExceeded, WorkerLimits, WorkerPool

PARSE_LIMITS = WorkerLimits(seconds=20.0, memory_bytes=384 * MB)
PARSE_WORKERS = 2


class PageOverLimits(ParseError):
    """The parse broke its time or memory limit (`reason`: time, memory or crash)."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class ParsePool:
    """`size` parse workers (started on first use), each page or PDF agenda within `limits`."""

    def __init__(self, limits: WorkerLimits = PARSE_LIMITS, size: int = PARSE_WORKERS) -> None:
        self.limits = limits
        self._workers = WorkerPool("parse", limits, size=size, warm=("agenda.parse",))

    async def parse(self, content: bytes, url: str | None, *, key: str = "") -> Meeting:
        """The page's meeting; `key` (the source) shares the workers fairly between sources."""
        return await self._run(parse_page, content, url, key)

    async def parse_pdf(self, content: bytes, url: str | None, *, key: str = "") -> Meeting:
        """A kallelse or protokoll PDF (`sources.pdfagenda.meeting_from_pdf`) in a worker."""
        return await self._run(meeting_from_pdf, content, url, key)

    async def _run(
        self,
        parse: Callable[[bytes, str | None], Meeting],
        content: bytes,
        url: str | None,
        key: str,
    ) -> Meeting:
        try:
            return await self._workers.run(parse, content, url, key=key)
        except LimitExceeded as exc:
            raise PageOverLimits(f"parse stopped: {exc}", exc.reason) from None

    def pids(self) -> list[int]:
        return self._workers.pids()

    async def close(self) -> None:
        await self._workers.close()


async def parse_in_thread(content: bytes, url: str | None, *, key: str = "") -> Meeting:
    """The same call without a worker process (off the loop, but sharing the GIL, no limits)."""
    return await asyncio.to_thread(parse_page, content, url)
