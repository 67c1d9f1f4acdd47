"""bench/deliver: N alerts through the real sender to the fake Bot API enforcing Telegram's limits.

The fake server runs in its own process (as Telegram's are elsewhere) and answers 429 whenever
a send would exceed the limits (global per second, per chat per second, per group per minute).
The sender runs with the same limits. Reported per scale (1 = Telegram's real limits, 10 = ten
times): achieved rate as a ratio of the global limit, messages lost, duplicates, 429s received.

    .venv/bin/python bench/deliver.py --count 10000 --scales 1,10
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from telegram import Bot
from telegram.request import HTTPXRequest

from agenda.clock import SystemClock
from alerts.sender import Sender, SenderSettings
from alerts.throttle import Limits
from bench.fake_process import FakeApiProcess
from demo.limits import TelegramLimits
from storage.db import Database
from storage.outbox import Payload, pending_count


@dataclass
class Result:
    scale: float
    count: int
    seconds: float
    rate: float
    limit: float
    lost: int
    duplicates: int
    too_many: int


async def _fill(db: Database, count: int, chats: int, groups: int) -> None:
    """`count` rows spread round-robin over `chats` chats (the last `groups` are groups)."""
    ids = [c + 1 for c in range(chats - groups)] + [-(c + 1) for c in range(groups)]
    now = db.timestamp()
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO chats (chat_id, kind, created_at) VALUES (?, ?, ?)",
            [(c, "private" if c > 0 else "group", now) for c in ids],
        )
        await conn.executemany(
            "INSERT INTO outbox (chat_id, dedup_key, kind, payload, not_before, created_at)"
            " VALUES (?, ?, 'new', ?, ?, ?)",
            [
                (ids[n % len(ids)], f"bench:{n}", Payload(f"alert {n}").to_json(), now, now)
                for n in range(count)
            ],
        )


async def run_one(scale: float, count: int, chats: int, groups: int) -> Result:
    server = FakeApiProcess(scale)
    with tempfile.TemporaryDirectory() as tmp, server as (token, base_url):
        db = await Database.open(Path(tmp) / "bench.sqlite3", SystemClock())
        await _fill(db, count, chats, groups)
        settings = SenderSettings(limits=Limits().scaled(scale), concurrency=64)
        request = HTTPXRequest(connection_pool_size=128)
        async with Bot(token, base_url=base_url, request=request) as bot:
            sender = Sender(db, bot, settings)
            while await pending_count(db):
                await sender.run_until_idle()
                await asyncio.sleep(0.05)
        await db.close()
    texts = Counter(server.texts)
    times = sorted(server.times)
    seconds = times[-1] - times[0] if len(times) > 1 else 0.0
    return Result(
        scale=scale,
        count=count,
        seconds=seconds,
        rate=(len(times) - 1) / seconds if seconds else 0.0,
        limit=float(TelegramLimits().scaled(scale).global_per_second),
        lost=count - len(texts),
        duplicates=sum(n - 1 for n in texts.values()),
        too_many=server.too_many,
    )


def table(results: list[Result]) -> str:
    lines = [
        "| limits | alerts | time (s) | rate (msg/s) | limit (msg/s) | ratio | lost | dup | 429s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        name = "Telegram (1x)" if r.scale == 1 else f"{r.scale:g}x Telegram"
        lines.append(
            f"| {name} | {r.count} | {r.seconds:.1f} | {r.rate:.1f} | {r.limit:.0f} |"
            f" {r.rate / r.limit:.1%} | {r.lost} | {r.duplicates} | {r.too_many} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="alerts per run")
    parser.add_argument("--chats", type=int, default=0, help="distinct chats (default: count)")
    parser.add_argument("--groups", type=int, default=0, help="how many of the chats are groups")
    parser.add_argument("--scales", default="1,10", help="limit factors, comma-separated")
    args = parser.parse_args()
    results = []
    for scale in (float(s) for s in args.scales.split(",")):
        started = time.monotonic()
        result = asyncio.run(run_one(scale, args.count, args.chats or args.count, args.groups))
        print(f"scale {scale:g}: done in {time.monotonic() - started:.1f}s", file=sys.stderr)
        results.append(result)
    print(table(results))


if __name__ == "__main__":
    main()
