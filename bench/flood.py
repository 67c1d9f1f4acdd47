"""bench/flood: does one chat, or many chats together, flooding the bot delay other chats' answers?

Why: `bot.updates.ChatOrderedUpdateProcessor` serves chats fairly (the chat served least first,
`bot.fair_queue`), bounds what waits and paces each chat (a burst, then Telegram's per-chat
rate), and `bot.ratelimit` shares the 30 messages a second the same way, so neither one chat nor
many can take the processing slots or the shared sending budget. This measures it end to end:
the REAL application (`bot.app.build_application`, started with `Application.start`, so updates
go through its update queue, the update processor and every handler) against the fake Bot API in
its own process. The flood (`--shape`): `one` chat puts `--flood` `/hjalp` messages into the
update queue, `--rate` a second (0: as fast as the loop allows; with `--group`: members of one
group send `/hjalp@bot`); `chats`: `--chats` chats put `--each` `/hjalp` each (at `--rate`,
round-robin); `presses`: one chat presses a button (`c:hjalp`, answered with a message) `--flood`
times. Meanwhile another member sends `/start` every `--every` ms, a different member each time
(so that those chats are no flood themselves). Latency runs from putting the update into the
queue to the end of its handling (the answer accepted by the fake API), taken by a bench-only
handler in a later handler group. Idle: the others alone first, same pacing. "During": the
updates sent until every flood update was handled or skipped (at least 20).

    .venv/bin/python bench/flood.py            # --flood 1000 --rate 100 --every 50 --idle 100
    .venv/bin/python bench/flood.py --burst 1000000   # the pace limit off, for comparison
    .venv/bin/python bench/flood.py --shape chats --rate 0     # 50 chats x 20 commands at once
    .venv/bin/python bench/flood.py --shape presses --rate 0   # 1,000 presses from one chat
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from telegram import Update
from telegram.ext import ContextTypes, TypeHandler

from agenda.clock import SystemClock
from bench.fake_process import FakeApiProcess
from bot.app import build_application
from bot.config import Config
from bot.updates import ChatOrderedUpdateProcessor, PaceBudget
from demo.fake_objects import chat_json, command_entities, user_json
from demo.lifecycle import initialize_application, stop_application
from storage.db import Database

FLOODER = 7001  # the flooding chat, or the first of `--chats` flooding chats
OTHER = 9_000_001  # the other members, one new chat each


class Run:
    def __init__(self, app: Any, flooders: int = 1) -> None:
        self.app = app
        self.flooders = {c for f in range(FLOODER, FLOODER + flooders) for c in (f, -f)}
        self.ids = itertools.count(1)
        self.others = itertools.count(OTHER)
        self.put_at: dict[int, float] = {}
        self.done: dict[int, float] = {}
        self.flood_done = 0
        self.pending: set[int] = set()
        self.settled = asyncio.Event()

    def press(self, chat: int, data: str) -> Update:
        n = next(self.ids)
        query = {
            "id": f"q{n}",
            "chat_instance": str(chat),
            "from": user_json(chat),
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": chat_json(chat, "private"),
            },
            "data": data,
        }
        return Update.de_json({"update_id": n, "callback_query": query}, self.app.bot)

    def update(self, chat: int, text: str, user: int | None = None) -> Update:
        n = next(self.ids)
        message = {
            "message_id": n,
            "date": int(time.time()),
            "text": text,
            "chat": chat_json(chat, "private" if chat > 0 else "group", title="Nämnden"),
            "from": user_json(user or chat),
            "entities": command_entities(text),
        }
        return Update.de_json({"update_id": n, "message": message}, self.app.bot)

    async def record(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_chat and update.effective_chat.id in self.flooders:
            self.flood_done += 1
        else:
            self.done[update.update_id] = time.perf_counter()
            self.pending.discard(update.update_id)
            if not self.pending:
                self.settled.set()

    async def put(self, update: Update) -> None:
        self.put_at[update.update_id] = time.perf_counter()
        await self.app.update_queue.put(update)

    async def other(self, every: float, until: Any, at_least: int) -> list[int]:
        sent: list[int] = []
        while len(sent) < at_least or not until():
            # A different member each time: one chat writing every 50 ms would be a flood too.
            update = self.update(next(self.others), "/start")
            await self.put(update)
            sent.append(update.update_id)
            await asyncio.sleep(every)
        self.pending = {i for i in sent if i not in self.done}
        if self.pending:
            self.settled.clear()
            await self.settled.wait()
        return sent

    def latencies(self, ids: list[int]) -> list[float]:
        return [(self.done[i] - self.put_at[i]) * 1000 for i in ids]


def flood_updates(run: Run, args: argparse.Namespace) -> list[Update]:
    """The flood, in the order it is put into the update queue."""
    if args.shape == "chats":  # `--chats` chats, each writing `--each` commands at once
        return [
            run.update(FLOODER + c, "/hjalp") for _ in range(args.each) for c in range(args.chats)
        ]
    if args.shape == "presses":  # one chat pressing a button that answers with a message
        return [run.press(FLOODER, "c:hjalp") for _ in range(args.flood)]
    if args.group:  # members of one group, each asking for help
        text = f"/hjalp@{run.app.bot.username}"
        return [run.update(-FLOODER, text, user=FLOODER + 1 + n % 20) for n in range(args.flood)]
    return [run.update(FLOODER, "/hjalp") for _ in range(args.flood)]


async def measure(args: argparse.Namespace) -> tuple[list[float], list[float], int, int, float]:
    with tempfile.TemporaryDirectory() as tmp, FakeApiProcess() as (token, base_url):
        path = Path(tmp) / "flood.sqlite3"
        db = await Database.open(path, SystemClock())
        config = Config(token=token, base_url=base_url, database_path=path)
        app = build_application(config, db.clock, db=db, start_jobs=False)
        run = Run(app, args.chats if args.shape == "chats" else 1)
        app.add_handler(TypeHandler(Update, run.record), group=100)
        await initialize_application(app)
        await app.start()
        processor = app.update_processor
        assert isinstance(processor, ChatOrderedUpdateProcessor)
        if args.burst is not None:  # e.g. a huge burst: the pace limit off, for comparison
            processor.pace = PaceBudget(args.burst)
        try:
            every = args.every / 1000
            idle = run.latencies(await run.other(every, lambda: True, args.idle))
            updates = flood_updates(run, args)

            async def flood() -> None:
                for update in updates:
                    await run.put(update)
                    if args.rate:
                        await asyncio.sleep(1 / args.rate)

            started = time.perf_counter()
            dropped_before = processor.dropped
            feeder = asyncio.create_task(flood())

            def over() -> bool:
                accounted = run.flood_done + processor.dropped - dropped_before
                return feeder.done() and accounted >= len(updates)

            during = run.latencies(await run.other(every, over, 20))
            await feeder
            seconds = time.perf_counter() - started
        finally:
            await stop_application(app)
            await db.close()
    return idle, during, processor.dropped - dropped_before, run.flood_done, seconds


def _row(name: str, values: list[float]) -> str:
    p99 = statistics.quantiles(values, n=100, method="inclusive")[98]
    return (
        f"| {name} | {len(values)} | {statistics.median(values):.1f} | {p99:.1f} |"
        f" {max(values):.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flood", type=int, default=1000, help="messages from the flooding chat")
    parser.add_argument("--every", type=float, default=50, help="ms between the other's /start")
    parser.add_argument("--idle", type=int, default=100, help="/start samples before the flood")
    parser.add_argument(
        "--shape",
        choices=("one", "chats", "presses"),
        default="one",
        help="one chat's commands (default), many chats' commands, or one chat's presses",
    )
    parser.add_argument("--chats", type=int, default=50, help="--shape chats: flooding chats")
    parser.add_argument("--each", type=int, default=20, help="--shape chats: commands per chat")
    parser.add_argument("--group", action="store_true", help="the flood comes from a group")
    parser.add_argument(
        "--rate", type=float, default=100, help="flood messages a second (0: as fast as possible)"
    )
    parser.add_argument("--burst", type=int, help="pace budget per chat (default: the bot's)")
    args = parser.parse_args()
    idle, during, dropped, handled, seconds = asyncio.run(measure(args))
    print("| other chats' /start | samples | p50 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|")
    print(_row("idle", idle))
    if args.shape == "chats":
        what = f"during {args.chats} chats x {args.each} commands"
    elif args.shape == "presses":
        what = f"during {args.flood} presses from one chat"
    else:
        what = f"during a {args.flood}-message flood ({'group' if args.group else 'private chat'})"
    print(_row(what, during))
    print()
    print(
        f"p50 ratio flood/idle: {statistics.median(during) / statistics.median(idle):.2f}x;"
        f" flood: {handled} handled, {dropped} skipped, over {seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
