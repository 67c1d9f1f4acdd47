"""Benchmark: `/start` and `/nasta` latency while a nationwide poll cycle runs (issue 23).

Why: the poll job runs on the event loop that answers members. A member must never wait for a
cycle: `/start` and `/nasta` p99 during a cycle should stay within 1.5x of idle. This drives the
REAL application (`bot.app.build_application`, answers to the fake Bot API in its own process)
with `/start` and `/nasta` updates through `Application.process_update`, and a member's write
(`storage.chats.set_current_meeting`, what `4` refers to, to another meeting each time: a
repeated `/nasta` writes nothing), in turn, one every `--every` ms (25 a second: under the rate
limiter's 30), while the production poller (the parse
worker process, the alert fan-out) polls the generated nationwide portal of `bench/poll.py`
(served by its own process) as the `poll` job runs it: in its own process (`bot.poll_process`),
or with `--in-loop` on the bot's event loop, as before issue 23. Phases, one after the other:

- idle: no cycle running;
- unchanged cycle: cycles of the already-visited portal (304s) back to back;
- first visit: a second copy of the portal, on another port, that the database has never seen
  (every meeting fetched, parsed and stored); sampled for its first `--samples` updates.

The database is the nationwide one `bench/poll.py --db PATH` leaves (made here first if it is
missing), copied so the run does not change it. The chat follows three bodies with meetings.

    .venv-bench/bin/python bench/poll_latency.py --db /tmp/nation.sqlite3   # --samples 400
    .venv-bench/bin/python bench/poll_latency.py --db /tmp/nation.sqlite3 --no-turns  # before
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from telegram import Update

from alerts.fanout import enqueue_alerts
from bench.fake_process import FakeApiProcess
from bench.poll import CLOCK, KEPT_DB_PORT, serve
from bench.poll import bench as first_visit
from bot.app import build_application
from bot.config import Config
from bot.poll_process import PollProcess
from demo.fake_objects import chat_json, command_entities, user_json
from demo.lifecycle import initialize_application, stop_application
from jobs.poll import CycleRunner, Poller, PollSettings
from sources.config import SourceConfig
from sources.http import HttpSettings, make_http_client
from sources.parse_pool import ParsePool
from storage.chats import ensure_chat, follow, set_current_meeting
from storage.db import Database
from storage.write_turns import WriteTurns

CHAT_ID = 5001
WRITE = "a member's write"
COMMANDS = ("/start", "/nasta", WRITE)


def _update(app: Any, n: int, text: str) -> Update:
    message = {
        "message_id": n,
        "date": int(time.time()),
        "text": text,
        "chat": chat_json(CHAT_ID, "private"),
        "from": user_json(CHAT_ID),
        "entities": command_entities(text),
    }
    return Update.de_json({"update_id": n, "message": message}, app.bot)


class Driver:
    """Sends the alternating commands at a fixed pace and keeps each one's handling time."""

    def __init__(self, app: Any, db: Database, every_ms: float) -> None:
        self.app = app
        self.db = db
        self.meetings: tuple[int, int] = (0, 0)
        self.every = every_ms / 1000
        self.ids = itertools.count(1)

    async def samples(self, count: int) -> dict[str, list[float]]:
        times: dict[str, list[float]] = {c: [] for c in COMMANDS}
        next_at = time.perf_counter()
        for n in range(count):
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            next_at = time.perf_counter() + self.every
            command = COMMANDS[n % len(COMMANDS)]
            started = time.perf_counter()
            if command == WRITE:  # what `4` refers to, set to another meeting each time
                await set_current_meeting(self.db, CHAT_ID, self.meetings[n % 2])
            else:
                await self.app.process_update(_update(self.app, next(self.ids), command))
            times[command].append((time.perf_counter() - started) * 1000)
        return times


async def _follow_three(db: Database) -> tuple[int, int]:
    """The chat follows three bodies; returns two meetings (for the member's writes)."""
    await ensure_chat(db, CHAT_ID, "private")
    async with db.reader.execute(
        "SELECT DISTINCT body_id FROM meetings WHERE date >= ? ORDER BY body_id LIMIT 3",
        (CLOCK.now().date().isoformat(),),
    ) as cur:
        bodies = [int(r[0]) for r in await cur.fetchall()]
    for body_id in bodies:
        await follow(db, CHAT_ID, body_id, None)
    async with db.reader.execute("SELECT id FROM meetings ORDER BY id LIMIT 2") as cur:
        first, second = [int(r[0]) for r in await cur.fetchall()]
    return first, second


SETTINGS = PollSettings(  # as bench/poll.py: the whole portal in one cycle
    http=HttpSettings(per_host=4, timeout_seconds=30),
    page_budget=10**9,
    source_deadline_seconds=3600.0,
)


def _runner(
    db: Database,
    client: Any,
    url: str,
    name: str,
    parser: ParsePool,
    in_loop: bool,
    turns: WriteTurns | None,
) -> CycleRunner:
    """The production poller with the benchmark's settings: in a child process as the bot
    runs it (the bot's writes first when `turns`), or (`--in-loop`, before issue 23) on the
    bot's event loop."""
    source = SourceConfig("meetingsplus", name, url)
    if not in_loop:
        config = Config(token="1:x", database_path=db.path, log_level="WARNING")
        return PollProcess(config, [source], settings=SETTINGS, clock=CLOCK, turns=turns)
    return Poller(db, client, [source], on_events=enqueue_alerts, settings=SETTINGS, parser=parser)


async def _during(poller: CycleRunner, driver: Driver, count: int, repeat: bool) -> tuple[Any, int]:
    """Samples while `poller` runs (cycle after cycle when `repeat`); cycles finished."""
    done = 0
    stop = asyncio.Event()

    async def cycles() -> None:
        nonlocal done
        while not stop.is_set():
            await poller.run_cycle()
            done += 1
            if not repeat:
                return

    task = asyncio.create_task(cycles())
    await asyncio.sleep(0.5)  # the cycle is under way
    times = await driver.samples(count)
    stop.set()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    return times, done


async def measure(
    path: Path, urls: tuple[str, str], samples: int, every: float, in_loop: bool, turns: bool
) -> list[Any]:
    db = await Database.open(path, CLOCK)
    shared = WriteTurns.create() if turns and not in_loop else None
    if shared is not None:  # as `namndbot run` wires it (bot.app)
        db.share_writes(shared, background=False)
    meetings = await _follow_three(db)
    parser = ParsePool()
    results: list[Any] = []
    with FakeApiProcess() as (token, base_url):
        config = Config(token=token, base_url=base_url, database_path=path)
        app = build_application(config, db.clock, db=db, start_jobs=False)
        await initialize_application(app)
        try:
            async with make_http_client(Config().user_agent) as client:
                driver = Driver(app, db, every)
                driver.meetings = meetings
                await driver.samples(40)  # warm-up
                unchanged = _runner(db, client, urls[0], "Generated", parser, in_loop, shared)
                fresh = _runner(db, client, urls[1], "Generated copy", parser, in_loop, shared)
                results.append(("idle", await driver.samples(samples), 0))
                times, done = await _during(unchanged, driver, samples, repeat=True)
                results.append(("during unchanged cycles", times, done))
                results.append(("idle", await driver.samples(samples), 0))
                times, done = await _during(fresh, driver, samples, repeat=False)
                results.append(("during a first visit", times, done))
        finally:
            await parser.close()
            for runner in (unchanged, fresh):
                if isinstance(runner, PollProcess):
                    runner.close()
            await stop_application(app)
            await db.close()
    return results


def _p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def _table(results: list[Any]) -> str:
    idle = {
        c: _p99([t for name, r, _ in results if name == "idle" for t in r[c]]) for c in COMMANDS
    }
    lines = [
        "| phase | command | samples | cycles done | p50 ms | p99 ms | max ms | p99 / idle p99 |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, times, done in results:
        for command in COMMANDS:
            values = times[command]
            lines.append(
                f"| {name} | `{command}` | {len(values)} | {done} "
                f"| {statistics.median(values):.1f} | {_p99(values):.1f} | {max(values):.1f} "
                f"| {_p99(values) / idle[command]:.2f}x |"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="the nationwide database")
    parser.add_argument("--bodies", type=int, default=5000)
    parser.add_argument("--meetings", type=int, default=50000)
    parser.add_argument("--samples", type=int, default=400)
    parser.add_argument("--every", type=float, default=40.0, help="ms between updates")
    parser.add_argument("--switch-ms", type=float, help="the interpreter's switch interval")
    parser.add_argument("--in-loop", action="store_true", help="poll on the bot's loop")
    parser.add_argument(
        "--no-turns", action="store_true", help="the bot's writes wait in SQLite's busy handler"
    )
    args = parser.parse_args()
    if args.switch_ms:
        sys.setswitchinterval(args.switch_ms / 1000)
    ctx = multiprocessing.get_context("fork")
    servers, urls = [], []
    for port in (KEPT_DB_PORT, 0):  # the visited portal where the database knows it; a copy
        parent, child = ctx.Pipe()
        server = ctx.Process(target=serve, args=(args.bodies, args.meetings, False, child, port))
        server.daemon = True
        server.start()
        servers.append(server)
        urls.append(parent.recv())
    try:
        if not args.db.exists():
            print(f"making {args.db} (a first visit of the portal) …", file=sys.stderr)
            asyncio.run(first_visit(urls[0], 4, cycles=1, db_path=args.db))
        with tempfile.TemporaryDirectory(prefix="bench-poll-latency-") as tmp:
            path = Path(tmp) / "bench.sqlite3"
            shutil.copy(args.db, path)
            results = asyncio.run(
                measure(
                    path,
                    (urls[0], urls[1]),
                    args.samples,
                    args.every,
                    args.in_loop,
                    not args.no_turns,
                )
            )
    finally:
        for server in servers:
            server.terminate()
            server.join()
    where = "on the bot's event loop" if args.in_loop else "in its own process (as the bot runs)"
    if not args.in_loop and args.no_turns:
        where += ", the bot's writes not first"
    print(
        f"`/start`, `/nasta` and a member's write in turn, one every {args.every:g} ms; "
        f"polling {where}; "
        f"portal of {args.bodies} bodies and {args.meetings} meetings; "
        f"{multiprocessing.cpu_count()} CPUs\n"
    )
    print(_table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
