"""The poll job's cycles in a child process: the same poller, the same database file, the
report handed back; the bot's own loop is free meanwhile, and the child goes at close."""

from __future__ import annotations

import asyncio
import contextlib
import time
from pathlib import Path

from bot.config import Config
from bot.poll_process import PollProcess
from demo.clock import ManualClock
from demo.sample_portal import SamplePortal
from sources.config import SourceConfig
from storage.chats import ensure_chat
from storage.db import Database
from storage.write_turns import WriteTurns


async def test_cycles_run_in_a_child_process(tmp_path: Path, clock: ManualClock) -> None:
    path = tmp_path / "nb.sqlite3"
    db = await Database.open(path, clock)
    turns = WriteTurns.create()  # as bot.app wires it: the members' writes first
    db.share_writes(turns, background=False)
    config = Config(token="1:x", database_path=path, log_level="WARNING")
    async with SamplePortal(clock=clock) as portal:
        source = SourceConfig("meetingsplus", "Exempel", portal.base_url)
        runner = PollProcess(config, [source], turns=turns)
        try:
            cycle = asyncio.create_task(runner.run_cycle())
            lags = []  # the parent's loop while the child polls: it never waits for the cycle
            while not cycle.done():
                started = time.perf_counter()
                await asyncio.sleep(0.01)
                lags.append(time.perf_counter() - started - 0.01)
                await ensure_chat(db, 700 + len(lags), "private")  # a member's write meanwhile
            first = await cycle
            child = runner._process
            second = await runner.run_cycle()
        finally:
            runner.close()
        async with db.reader.execute("SELECT count(*) FROM meetings") as cur:
            row = await cur.fetchone()
        await db.close()
    assert first.total("new") > 0 and row is not None and row[0] == first.total("new")
    assert second.parses == 0 and second.total("new") == second.total("changed") == 0
    assert second.statuses[304] >= second.requests > 0  # the pages (and documents) unchanged
    assert child is not None and not child.is_alive() and runner._process is None
    assert sorted(lags)[len(lags) // 2] < 0.05
    assert turns.waiting == 0


async def test_a_child_gone_inside_a_transaction_holds_no_member_back(
    tmp_path: Path, clock: ManualClock
) -> None:
    """Killed between BEGIN and COMMIT, the child leaves its "inside a transaction" flag set;
    the bot's writes would wait a second each until a new child cleared it."""
    path = tmp_path / "nb.sqlite3"
    await (await Database.open(path, clock)).close()
    turns = WriteTurns.create()
    config = Config(token="1:x", database_path=path, log_level="WARNING")
    async with SamplePortal(clock=clock) as portal:
        source = SourceConfig("meetingsplus", "Exempel", portal.base_url)
        runner = PollProcess(config, [source], turns=turns)
        try:
            await runner.run_cycle()
            assert runner._process is not None
            inside = turns.background()  # the flag as the child left it: never exited
            inside.__enter__()
            runner._process.kill()
            runner._process.join(10)
        finally:
            runner.close()  # (a cycle would also find the child dead and discard it)
    started = time.perf_counter()
    await turns.background_done()
    assert time.perf_counter() - started < 0.5 and inside is not None


async def test_a_child_that_died_is_started_again(tmp_path: Path, clock: ManualClock) -> None:
    path = tmp_path / "nb.sqlite3"
    await (await Database.open(path, clock)).close()
    config = Config(token="1:x", database_path=path, log_level="WARNING")
    async with SamplePortal(clock=clock) as portal:
        runner = PollProcess(config, [SourceConfig("meetingsplus", "Exempel", portal.base_url)])
        try:
            await runner.run_cycle()
            assert runner._process is not None and runner._conn is not None
            runner._conn.send("stop")  # the child ends (as after a crash, minus the orphans)
            runner._process.join(10)
            report = await runner.run_cycle()  # a new child
        finally:
            runner.close()
    assert report.requests > 0 and not report.skipped


async def test_close_stops_a_running_cycle(tmp_path: Path, clock: ManualClock) -> None:
    path = tmp_path / "nb.sqlite3"
    await (await Database.open(path, clock)).close()
    config = Config(token="1:x", database_path=path, log_level="WARNING")
    async with SamplePortal(clock=clock, slow_seconds=30.0) as portal:
        portal.inject("/committees", "slow")  # the cycle waits on the portal
        runner = PollProcess(config, [SourceConfig("meetingsplus", "Exempel", portal.base_url)])
        cycle = asyncio.create_task(runner.run_cycle())
        while not portal.requests["/committees"]:  # noqa: ASYNC110 (another process asks)
            await asyncio.sleep(0.05)
        child = runner._process
        started = time.perf_counter()
        await asyncio.to_thread(runner.close)
        stopped = time.perf_counter() - started
        with contextlib.suppress(RuntimeError):
            await cycle
    assert child is not None and not child.is_alive() and child.exitcode == 0
    assert stopped < 5.0  # told to stop, not killed after STOP_SECONDS
