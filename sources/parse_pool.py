"""Parsing in a worker process, so a big page never slows the bot's answers.

Why: parsing is pure CPU. On the event loop a 5 MB page held every chat's `/start` for seconds;
in a thread it still shares the GIL, and the loop waits up to a switch interval each time it
wants the interpreter back (measured: `/start` p99 from 31 ms idle to 122 ms). A separate
process shares nothing. The composition root creates one `ParsePool` and closes it at shutdown;
ingest awaits `parse`. If the worker dies (killed, out of memory on a hostile page), the page
fails with a clear error and the next parse starts a fresh worker: one bad page never stops
the parsing of the others. Without a pool (tests, the CLI) `parse` runs in a thread.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from agenda.model import Meeting
from agenda.parse import ParseError, parse_page
from sources.pdfagenda import meeting_from_pdf

log = logging.getLogger(__name__)


class ParsePool:
    """One worker process for `agenda.parse.parse_page` and PDF agendas (started on first use)."""

    def __init__(self) -> None:
        self._executor: ProcessPoolExecutor | None = None

    async def parse(self, content: bytes, url: str | None) -> Meeting:
        return await self._run(parse_page, content, url)

    async def parse_pdf(self, content: bytes, url: str | None) -> Meeting:
        """A kallelse or protokoll PDF (`sources.pdfagenda.meeting_from_pdf`) in the worker."""
        return await self._run(meeting_from_pdf, content, url)

    async def _run(
        self, parse: Callable[[bytes, str | None], Meeting], content: bytes, url: str | None
    ) -> Meeting:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._pool(), parse, content, url)
        except BrokenProcessPool as exc:
            log.error("the parse worker died on %s; starting a new one", url)
            self._discard()
            raise ParseError("the parser process stopped while reading this page") from exc

    def close(self) -> None:
        self._discard()

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # spawn, not fork: the bot's process has threads (aiosqlite, the job queue).
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(max_workers=1, mp_context=context)
        return self._executor

    def _discard(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


async def parse_in_thread(content: bytes, url: str | None) -> Meeting:
    """The same call without a worker process (off the loop, but sharing the GIL)."""
    return await asyncio.to_thread(parse_page, content, url)
