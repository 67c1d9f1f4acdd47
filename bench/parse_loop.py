"""Benchmark: `/start` latency while a 5 MB meeting page is parsed, on and off the event loop.

Why: issue 9 measured `/start` waiting 20 s while one page parsed on the event loop. Ingest now
parses in a worker process (`sources.parse_pool.ParsePool`). This drives the REAL application
(`bot.app.build_application`) with `/start` updates through `Application.process_update`, the
answers going to the fake Bot API in its own process, in four phases: idle; while the worker
process parses a 5 MB page over and over (as ingest does); and, for contrast, while the same
parse runs in a thread (sharing the GIL: the loop gets the interpreter back only every switch
interval, 5 ms) and on the event loop (as it first did).

Run: `.venv/bin/python -m bench.parse_loop [--samples 200]`
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from telegram import Update

from agenda.clock import SystemClock
from agenda.parse import MAX_PAGE_BYTES, parse_page
from bench.fake_process import FakeApiProcess
from bot.app import build_application
from bot.config import Config
from demo.fake_objects import chat_json, command_entities, user_json
from demo.lifecycle import initialize_application, stop_application
from sources.parse_pool import ParsePool
from storage.db import Database

CHAT_ID = 5001
URL = "https://forum.regionjh.se/committees/regionstyrelsen/mote-2020-01-01"
SENTENCE = "Regionstyrelsen föreslås besluta att godkänna redovisningen av uppdraget. "


def big_page() -> bytes:
    """Just under 5 MB: 1,500 entries (under the entry cap) with long descriptions."""
    entry = "".join(f"<p>{SENTENCE * 6}</p>" for _ in range(7))
    parts = ['<html><body><h1>Möte 2020-01-01</h1><div id="agenda"><ul class="agenda-list">']
    parts += [
        f'<li class="agenda-item"><span class="item-number">{n % 1000}</span>'
        f"<h3>Ärende {n}</h3>{entry}</li>"
        for n in range(1, 1501)
    ]
    parts.append("</ul></div></body></html>")
    data = "".join(parts).encode("utf-8")
    assert len(data) <= MAX_PAGE_BYTES
    return data


def _update(app: Any, n: int) -> Update:
    message = {
        "message_id": n,
        "date": int(time.time()),
        "text": "/start",
        "chat": chat_json(CHAT_ID, "private"),
        "from": user_json(CHAT_ID),
        "entities": command_entities("/start"),
    }
    return Update.de_json({"update_id": n, "message": message}, app.bot)


async def _samples(app: Any, ids: itertools.count[int], count: int) -> list[float]:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        await app.process_update(_update(app, next(ids)))
        times.append((time.perf_counter() - start) * 1000)
        await asyncio.sleep(0.02)
    return times


async def _while(
    background: Callable[[], Awaitable[None]], app: Any, ids: itertools.count[int], count: int
) -> tuple[list[float], int]:
    """Samples while `background` repeats; also how many parses finished meanwhile."""
    done = 0
    stop = asyncio.Event()

    async def loop() -> None:
        nonlocal done
        while not stop.is_set():
            await background()
            done += 1

    task = asyncio.create_task(loop())
    await asyncio.sleep(0.05)
    times = await _samples(app, ids, count)
    stop.set()
    await task
    return times, done


async def measure(samples: int) -> dict[str, tuple[list[float], int]]:
    page = big_page()
    with tempfile.TemporaryDirectory(prefix="bench-parse-loop-") as tmp:
        db = await Database.open(Path(tmp) / "bench.sqlite3", SystemClock())
        with FakeApiProcess() as (token, base_url):
            config = Config(token=token, base_url=base_url, database_path=Path(tmp) / "x")
            app = build_application(config, db.clock, db=db, start_jobs=False)
            await initialize_application(app)
            ids = itertools.count(1)
            pool = ParsePool()
            try:
                await _samples(app, ids, 20)  # warm-up
                results = {"idle": (await _samples(app, ids, samples), 0)}

                async def in_process() -> None:
                    await pool.parse(page, URL)

                async def in_thread() -> None:
                    await asyncio.to_thread(parse_page, page, URL)

                async def on_loop() -> None:
                    parse_page(page, URL)
                    await asyncio.sleep(0)

                await pool.parse(page, URL)  # the worker is started
                results["5 MB page parsing in a worker process (now)"] = await _while(
                    in_process, app, ids, samples
                )
                results["5 MB page parsing in a thread"] = await _while(
                    in_thread, app, ids, samples
                )
                results["5 MB page parsing on the loop (before)"] = await _while(
                    on_loop, app, ids, max(10, samples // 10)
                )
            finally:
                await pool.close()
                await stop_application(app)
                await db.close()
    return results


def _p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    started = time.perf_counter()
    parse_page(big_page(), URL)
    print(
        f"One parse of the {len(big_page()) / 2**20:.1f} MB page alone: "
        f"{time.perf_counter() - started:.2f} s\n"
    )
    results = asyncio.run(measure(args.samples))
    print("| phase | samples | parses done | p50 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for phase, (times, done) in results.items():
        print(
            f"| {phase} | {len(times)} | {done} | {statistics.median(times):.1f} | "
            f"{_p99(times):.1f} | {max(times):.1f} |"
        )


if __name__ == "__main__":
    main()
