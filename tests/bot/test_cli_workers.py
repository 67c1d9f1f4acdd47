"""The bot's worker processes as an operator sees them, through real `namndbot` processes:
`kill -9` of `namndbot run` leaves no process behind (the poll process, its parse workers, the
PDF worker, multiprocessing's resource tracker), even with a worker busy parsing a hostile
page; `namndbot poll --once` reads a PDF bomb with the bot's own memory far
under 1 GB, and carries on."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from datetime import timedelta
from pathlib import Path

from agenda.clock import today
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.sample_portal import SamplePortal
from tests.bot.test_cli_poll import poll_env, portal, write_sources
from tests.bot.test_cli_run import _env
from tests.support.hostile import bomb_pdf, hostile_page
from tests.support.processes import children, command_line, descendants, peak_rss_bytes, survivors

__all__ = ["portal"]
MB = 1024 * 1024


async def test_kill_9_of_the_bot_leaves_no_process_behind(
    tmp_path: Path, fake_api: FakeBotApi, portal: SamplePortal, clock: ManualClock
) -> None:
    hostile = portal.publish_meeting("regionstyrelsen", today(clock) + timedelta(days=10))
    portal.serve(hostile, hostile_page())  # its parse runs for ~10 s: a worker is busy
    env = _env(tmp_path, fake_api, fake_api.token, tmp_path / "nb.sqlite3", "ERROR")
    write_sources(tmp_path, portal)
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env
    )
    try:
        await _until(lambda: portal.requests[hostile] > 0, "the hostile page fetched")
        await asyncio.sleep(0.5)  # its parse has started
        below = descendants(bot.pid)  # the poll process, its parse workers, the PDF worker, …
        lines = [command_line(pid) for pid in below]
        assert any("sources.worker_child" in line for line in lines), lines
        assert any("multiprocessing" in line for line in lines), lines  # the poll process
        busy = [pid for pid in below if "sources.worker_child" in command_line(pid)]
        assert set(busy) - set(children(bot.pid))  # a parse worker of the poll process
        bot.send_signal(signal.SIGKILL)
        assert await bot.wait() == -signal.SIGKILL
        assert await survivors(below, seconds=15) == [], [command_line(p) for p in below]
    finally:
        if bot.returncode is None:
            bot.kill()
            await bot.wait()


async def test_poll_once_reads_a_pdf_bomb_and_stays_small(
    tmp_path: Path, portal: SamplePortal, clock: ManualClock
) -> None:
    """The bomb's reader hits its memory cap; the `poll` process itself (sampled every 20 ms
    while it runs) never comes near 1 GB, and finishes its work."""
    path = portal.publish_meeting("regionstyrelsen", today(clock) + timedelta(days=10))
    portal.add_attachment(path, 2, "Bilaga", "bombpdf", bomb_pdf())
    write_sources(tmp_path, portal)
    env = {**poll_env(tmp_path), "LOG_LEVEL": "ERROR"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "poll", "--once",
        cwd=tmp_path, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    peak = 0
    try:
        output = asyncio.create_task(process.communicate())
        while not output.done():
            with contextlib.suppress(OSError, LookupError):
                peak = max(peak, peak_rss_bytes(process.pid))
            await asyncio.sleep(0.02)
        out, err = (part.decode() for part in await output)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == 0, err
    documents = next(line for line in out.splitlines() if line.startswith("documents:"))
    assert " 0 failed" not in documents, documents  # the bomb: a verdict, counted
    assert portal.requests[f"{path}/agenda/bombpdf"] == 1
    assert 0 < peak < 300 * MB, peak  # a reader in the bot's own process went past 2.5 GB


async def _until(predicate: object, what: str, seconds: float = 30) -> None:
    for _ in range(int(seconds / 0.05)):
        if predicate():  # type: ignore[operator]
            return
        await asyncio.sleep(0.05)
    raise TimeoutError(what)
