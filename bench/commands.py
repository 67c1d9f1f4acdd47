"""Benchmark: handling time of /nasta, /punkt and /sok on a large database.

Why: issue 4 sets p99 < 20 ms for lookups and < 50 ms for search with 100,000 meetings and
2 million items. This script bulk-generates such a database, then drives the REAL application
(`bot.app.build_application`, every handler registered) with `Application.process_update` and
times each update from dispatch to the answer accepted by the fake Bot API on 127.0.0.1.

Included in a sample: PTB's handler dispatch, our handler (argument parsing, body matching,
SQLite reads through `storage`, rendering), the `sendMessage` HTTP round trip to the fake
server (which validates the HTML). Not included: Telegram's network, getUpdates.

The data is bulk-generated with executemany straight into the schema (bulk is fine for
benchmark data): 200 bodies in 20 portals, meetings every 14 days per body, mostly past, 20
items each (3 procedural), titles and texts made of real sentences from the seed agendas,
indexed in items_fts exactly as `storage.search.indexed_text` would (checked on a sample).
Requests are paced (default 25/s) so the rate limiter's budget (30/s) never queues them.

Run: .venv/bin/python -m bench.commands [--meetings 100000] [--samples 300] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from agenda.clock import SystemClock
from bench.commands_data import QUERIES, generate, pick
from bench.fake_process import FakeApiProcess
from bot.app import build_application
from bot.config import Config
from demo.fake_objects import chat_json, command_entities, user_json
from demo.lifecycle import initialize_application, stop_application
from storage.chats import ensure_chat, follow
from storage.db import Database

CHAT_ID = 5001
WARMUP = 20
BASELINE_TEXT = "<b>Hälso- och sjukvårdsnämnden</b>\n" + "4 Svar på motion om vård i hemmet\n" * 20
BASELINE_KEYS = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton(str(n), callback_data=f"i:1:{n}") for n in range(r, r + 5)]
        for r in range(0, 20, 5)
    ]
)


async def measure(path: Path, samples: int, rate: float) -> tuple[dict[str, list[float]], str]:
    """Per command, the handling time (ms) of `samples` updates through process_update."""
    db = await Database.open(path, SystemClock())
    server = FakeApiProcess()
    with server as (token, base_url):
        config = Config(token=token, base_url=base_url, database_path=path)
        app = build_application(config, db.clock, db=db, start_jobs=False)
        await initialize_application(app)
        try:
            bodies = await _follow_some(db)
            results = await _run_samples(app, bodies, samples, rate)
        finally:
            await stop_application(app)
            await db.close()
    expected = 4 * (samples + WARMUP)
    if server.accepted < expected or server.refused:
        raise RuntimeError(
            f"fake API accepted {server.accepted}/{expected}, "
            f"refused {server.refused} sendMessage calls"
        )
    return results, f"{server.accepted} answers accepted by the fake Bot API, none refused."


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


async def _follow_some(db: Database) -> list[str]:
    await ensure_chat(db, CHAT_ID, "private")
    async with db.reader.execute("SELECT id, name FROM bodies ORDER BY id") as cur:
        rows = [(int(r[0]), str(r[1])) for r in await cur.fetchall()]
    for body_id, _ in rows[::67]:
        await follow(db, CHAT_ID, body_id, None)
    return [name for _, name in rows]


def _texts(command: str, i: int, bodies: list[str]) -> str:
    body = bodies[pick(i, 7, len(bodies))]
    if command == "/nasta":
        return "/nasta" if i % 2 else f"/nasta {body}"
    if command == "/punkt":
        return f"/punkt {4 + i % 16} {body}"
    return f"/sok {QUERIES[i % len(QUERIES)]}"


async def _run_samples(
    app: Any, bodies: list[str], samples: int, rate: float
) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {"/nasta": [], "/punkt": [], "/sok": [], "send": []}
    next_at = time.perf_counter()
    update_ids = itertools.count(1)
    for i in range(WARMUP + samples):
        for command, times in results.items():
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            next_at = time.perf_counter() + 1 / rate
            text = _texts(command, i, bodies)
            start = time.perf_counter()
            if command == "send":  # baseline: the sendMessage round trip alone
                await app.bot.send_message(CHAT_ID, BASELINE_TEXT, reply_markup=BASELINE_KEYS)
            else:
                await app.process_update(_update(app, next(update_ids), text))
            elapsed = (time.perf_counter() - start) * 1000
            if i >= WARMUP:
                times.append(elapsed)
    return results


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def report(results: dict[str, list[float]], meetings: int, items: int, gen_s: float) -> str:
    targets = {"/nasta": 20.0, "/punkt": 20.0, "/sok": 50.0, "send": 0.0}
    lines = [
        f"Database: {meetings:,} meetings, {items:,} items (generated in {gen_s:.0f} s); "
        f"{os.cpu_count()} CPUs.",
        "",
        "| command | samples | p50 ms | p99 ms | max ms | target p99 | met |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for command, times in results.items():
        p99, target = _pct(times, 99), targets[command]
        name = "sendMessage alone (baseline)" if command == "send" else f"`{command}`"
        verdict = "—" if not target else "yes" if p99 < target else "NO"
        lines.append(
            f"| {name} | {len(times)} | {statistics.median(times):.1f} | {p99:.1f} | "
            f"{max(times):.1f} | {f'< {target:.0f}' if target else '—'} | {verdict} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--items-per-meeting", type=int, default=20)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--rate", type=float, default=25.0, help="updates per second")
    parser.add_argument("--db", type=Path, help="reuse/create this database file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-commands-") as tmp:
        path = args.db or Path(tmp) / "bench.sqlite3"
        started = time.perf_counter()
        if not path.exists():
            generate(path, args.meetings, args.items_per_meeting)
        gen_s = time.perf_counter() - started
        with sqlite3.connect(path) as conn:
            meetings = conn.execute("SELECT count(*) FROM meetings").fetchone()[0]
            items = conn.execute("SELECT count(*) FROM items").fetchone()[0]
        results, answers = asyncio.run(measure(path, args.samples, args.rate))
        print(report(results, meetings, items, gen_s))
        print(f"\n{answers}")


if __name__ == "__main__":
    main()
