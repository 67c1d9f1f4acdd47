"""The worker processes die with the process that started them, even on `kill -9`, even in the
middle of a task; a task's exception comes back as itself; a closed pool refuses work."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from sources.workers import MB, WorkerLimits, WorkerPool, WorkerUnavailable
from tests.support.processes import alive, survivors

ROOT = Path(__file__).resolve().parents[2]
#: A stand-in for the bot: a parse pool with one worker stuck on a hostile page, a PDF worker
#: that has read a file; it prints the workers' pids, then waits to be killed.
PARENT = """
import asyncio, json, sys
from sources.parse_pool import ParsePool
from sources.pdftext import PdfReader
from sources.workers import WorkerLimits
from tests.support import pdfmaker
from tests.fixtures import seed_bytes
from tests.support.hostile import hostile_page
from tests.sources.test_parse_pool import URL

async def main() -> None:
    parser = ParsePool(WorkerLimits(seconds=600), size=2)
    pdf = PdfReader()
    page = seed_bytes("001")
    await asyncio.gather(parser.parse(page, URL, key="a"), parser.parse(page, URL, key="b"))
    await pdf.extract(pdfmaker.minutes_pdf())
    busy = asyncio.create_task(parser.parse(hostile_page(), URL))  # seconds of work
    await asyncio.sleep(0.3)
    print(json.dumps(parser.pids() + pdf.pids()), flush=True)
    await busy

asyncio.run(main())
"""


async def test_workers_die_with_their_parent_on_kill_9() -> None:
    parent = await asyncio.create_subprocess_exec(
        sys.executable, "-c", PARENT,
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        assert parent.stdout is not None
        line = await asyncio.wait_for(parent.stdout.readline(), timeout=30)
        workers = json.loads(line)
        assert len(workers) == 3 and all(alive(pid) for pid in workers)
        parent.send_signal(signal.SIGKILL)
        assert await parent.wait() == -signal.SIGKILL
        assert await survivors(workers) == []
    finally:
        if parent.returncode is None:
            parent.kill()
            await parent.wait()


async def test_an_exception_comes_back_as_itself_and_the_worker_stays() -> None:
    pool = WorkerPool("test", WorkerLimits(seconds=5, memory_bytes=256 * MB))
    try:
        with pytest.raises(ValueError, match="invalid literal"):
            await pool.run(int, "x")
        pids = pool.pids()
        assert await pool.run(int, "7") == 7
        assert pool.pids() == pids
    finally:
        await pool.close()
    with pytest.raises(RuntimeError, match="closed"):
        await pool.run(int, "7")


async def test_a_cancelled_task_kills_its_worker() -> None:
    pool = WorkerPool("test", WorkerLimits(seconds=30, memory_bytes=256 * MB))
    try:
        await pool.run(int, "1")
        (pid,) = pool.pids()
        task = asyncio.create_task(pool.run(time.sleep, 10))
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert await survivors([pid]) == []
        assert await pool.run(int, "2") == 2
    finally:
        await pool.close()


async def test_a_waiter_cancelled_as_the_slot_is_handed_on_leaks_nothing() -> None:
    """A source's deadline cancels a parse that waits for a worker just as the running one ends
    (its own cancel, here): the slot used to go to the cancelled wait (InvalidStateError in the
    other task) and was lost for good, so no later parse ever ran."""
    pool = WorkerPool("test", WorkerLimits(seconds=30, memory_bytes=256 * MB), size=1)
    try:
        await pool.run(int, "1")
        running = asyncio.create_task(pool.run(time.sleep, 10, key="a"))
        await asyncio.sleep(0.3)
        waiting = asyncio.create_task(pool.run(int, "2", key="b"))
        await asyncio.sleep(0.05)
        running.cancel()  # its step (which hands the slot on) runs first ...
        waiting.cancel()  # ... while this wait is already cancelled but still queued
        outcomes = await asyncio.gather(running, waiting, return_exceptions=True)
        assert [type(o) for o in outcomes] == [asyncio.CancelledError] * 2, outcomes
        async with asyncio.timeout(10):
            assert await pool.run(int, "3", key="c") == 3
    finally:
        await pool.close()


async def test_a_worker_that_cannot_start_is_not_the_tasks_fault() -> None:
    pool = WorkerPool("test", WorkerLimits(seconds=5), warm=("no_such_module_here",))
    try:
        with pytest.raises(WorkerUnavailable, match="did not start"):
            await pool.run(int, "1")
        assert pool.pids() == []
    finally:
        await pool.close()
