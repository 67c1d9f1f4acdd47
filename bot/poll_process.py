"""The poll cycle in a process of its own, so that a cycle never slows a member's answer.

Why: on the bot's event loop a nationwide cycle (15,000 conditional requests, or a first visit
of 50,000 pages) keeps the loop and the interpreter busy for seconds at a time, and a command
waits behind it: each of its database reads hands its result back through the loop and the
GIL. Measured with `bench/poll_latency.py` (issue 23): `/nasta`'s p99 was 2-7x its idle value
during a cycle on the loop, also with a shorter switch interval. A thread would share the GIL;
a process shares nothing but the SQLite file (WAL; the bot's writes go before the child's next
transaction, `storage.write_turns`: SQLite's busy handler does not queue), and it runs at a
lower CPU priority (`NICENESS`), so on a small machine the bot's answers get the CPU first.
The child builds the same `Poller` as the in-process path (`bot.app.make_poller`) on its own
database handle, HTTP client and parse worker; the alerts it writes go to the outbox in the
same transaction as the change, and the bot's deliver job sends them. Only the cycle's report
comes back (for the log and `/metrics`).

`PollProcess` is what the `poll` job runs when the bot runs for real (`namndbot run`); tests and
the demo keep the poller in the process (their clock is theirs). The child starts with the first
cycle; one that died is started again for the next cycle (the failed cycle raises, the job logs
it); `close` stops it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from agenda.clock import Clock, SystemClock
from bot.config import Config
from bot.logs import setup_logging, token_secrets
from jobs.poll import CycleReport, PollSettings
from sources.config import SourceConfig
from sources.http import make_http_client
from sources.parse_pool import ParsePool
from storage.db import Database
from storage.write_turns import WriteTurns

log = logging.getLogger(__name__)
STOP = "stop"
CYCLE = "cycle"
STOP_SECONDS = 10.0
NICENESS = 10  # the child's (and its parse worker's) CPU priority below the bot's


class PollProcess:
    """Runs `Poller.run_cycle` in a child process; one cycle at a time."""

    def __init__(
        self,
        config: Config,
        sources: list[SourceConfig],
        *,
        settings: PollSettings | None = None,
        clock: Clock | None = None,
        turns: WriteTurns | None = None,
    ) -> None:
        """`settings`: the poller's (default: production's, from `config`); `clock`: the
        child's (default: the system clock; a benchmark's frozen clock must be picklable);
        `turns`: shared with the bot's database, whose writes then go first."""
        self.config = config
        self.turns = turns
        self.sources = sources
        self.settings = settings
        self.clock = clock
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._lock = asyncio.Lock()

    async def run_cycle(self) -> CycleReport:
        """One cycle in the child; returns at once (skipped) if one is already running."""
        if self._lock.locked():
            log.info("poll skipped: the previous cycle is still running")
            return CycleReport(skipped=True)
        async with self._lock:
            conn = self._started()
            loop = asyncio.get_running_loop()
            try:
                conn.send(CYCLE)
                report = await loop.run_in_executor(None, conn.recv)
            except (EOFError, OSError) as exc:
                self._discard()
                raise RuntimeError(f"the poll process stopped during a cycle ({exc!r})") from exc
            if not isinstance(report, CycleReport):
                raise RuntimeError(f"the poll process failed: {report}")
            return report

    def close(self) -> None:
        """Stop the child (it finishes nothing: a cycle cut short continues next time)."""
        conn, process = self._conn, self._process
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.send(STOP)
        if process is not None:
            process.join(STOP_SECONDS)
            if process.is_alive():
                process.terminate()
                process.join(STOP_SECONDS)
        self._discard()

    def _started(self) -> Connection:
        if self._conn is not None and self._process is not None and self._process.is_alive():
            return self._conn
        self._discard()
        # spawn, not fork: the bot's process has threads (aiosqlite, the job queue)
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(
            target=serve,
            args=(self.config, self.sources, child, self.settings, self.clock, self.turns),
            name="namndbot-poll",
        )
        process.daemon = False  # it starts a parse worker of its own; it ends when told, or
        process.start()  # when the bot's end of the pipe closes
        child.close()
        self._process, self._conn = process, parent
        return parent

    def _discard(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = self._process = None
        if self.turns is not None:  # a child killed inside a transaction holds no one back
            self.turns.background_gone()


def serve(
    config: Config,
    sources: list[SourceConfig],
    conn: Connection,
    settings: PollSettings | None = None,
    clock: Clock | None = None,
    turns: WriteTurns | None = None,
) -> None:
    """The child: cycles on request until told to stop or the parent goes away."""
    setup_logging(config.log_level, config.log_format, token_secrets(config.token))
    with contextlib.suppress(OSError, AttributeError):  # AttributeError: no os.nice (Windows)
        os.nice(NICENESS)  # on a small machine the bot's answers get the CPU first
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(config, sources, conn, settings, clock or SystemClock(), turns))


async def _serve(
    config: Config,
    sources: list[SourceConfig],
    conn: Connection,
    settings: PollSettings | None,
    clock: Clock,
    turns: WriteTurns | None,
) -> None:
    from bot.app import make_poller  # the composition root wires the child's poller too

    db = await Database.open(config.database_path, clock)
    if turns is not None:
        db.share_writes(turns, background=True)  # a member's write goes before the next page's
    parser = ParsePool()
    loop = asyncio.get_running_loop()

    def receive() -> asyncio.Future[object]:
        return loop.run_in_executor(None, _receive, conn)

    try:
        async with make_http_client(config.user_agent) as client:
            poller = make_poller(config, db, client, sources, parser, settings)
            message = receive()
            while await message == CYCLE:
                message = receive()  # a stop (or the bot gone) also ends a running cycle
                cycle = asyncio.create_task(poller.run_cycle())
                either: set[asyncio.Future[Any]] = {cycle, message}
                await asyncio.wait(either, return_when=asyncio.FIRST_COMPLETED)
                if not cycle.done():
                    cycle.cancel()  # what it stored stays; the rest continues next time
                    await asyncio.gather(cycle, return_exceptions=True)
                    return
                conn.send(_outcome(cycle))
    finally:
        await parser.close()
        await db.close()


def _receive(conn: Connection) -> object:
    try:
        return conn.recv()
    except (EOFError, OSError):
        return STOP  # the bot went away


def _outcome(cycle: asyncio.Task[CycleReport]) -> CycleReport | str:
    exc = cycle.exception()
    if exc is None:
        return cycle.result()
    log.error("poll cycle failed", exc_info=exc)
    return f"{type(exc).__name__}: {exc}"  # reported to the parent, which raises it
