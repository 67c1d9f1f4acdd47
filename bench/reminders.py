"""bench/reminders: how late reminders leave over simulated days, per reminders-job interval.

A member reported `/paminn 1h` for a meeting at 17:23 arriving at 16:36: the job ran every 15
minutes on its own grid. This simulates one day of the real job (`enqueue_due_reminders` over a
real SQLite file) with a test clock: `--meetings` meetings spread over the day at odd minutes,
followed by `--chats` chats with mixed settings (`1h`, `3h`, `1d`, `2d,morning`, `morgon`);
the job runs every `interval` seconds from a grid offset chosen at random, as after a restart.
Lateness is the time from a reminder's due moment to the run that enqueued it (the sender then
adds its own pace, measured by bench/deliver.py). Both intervals run in the same process, one
after the other, over the same meetings.

    .venv/bin/python bench/reminders.py   # --meetings 40 --chats 60 --intervals 900,30 --restarts 3
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agenda.alert_times import fire_time
from agenda.clock import STOCKHOLM
from agenda.model import Body, Item, Meeting
from alerts.reminders import enqueue_due_reminders
from demo.clock import ManualClock
from storage.alert_prefs import set_reminders
from storage.chats import ensure_chat, follow
from storage.db import Database
from storage.meetings import upsert_meeting

SPECS = ("1h", "3h", "1d", "2d,morning", "morning")


async def _fill(db: Database, day: datetime, meetings: int, chats: int, rng: random.Random) -> None:
    bodies = [Body(f"organ-{n}", f"Organ {n}", "https://example.invalid") for n in range(8)]
    for n in range(meetings):
        body = bodies[n % len(bodies)]
        when = day.date() + timedelta(days=n % 3)
        start = time(8 + rng.randrange(10), rng.randrange(60))
        meeting = Meeting(
            body=body,
            url=f"https://example.invalid/committees/{body.slug}/mote-{n}",
            date=when,
            start=start,
            items=[Item(1, title="Ärende")],
        )
        await upsert_meeting(db, meeting)
    ids = [r[0] for r in await (await db.reader.execute("SELECT id FROM bodies")).fetchall()]
    for chat in range(1, chats + 1):
        await ensure_chat(db, chat, "private")
        for body_id in rng.sample(ids, 2):
            await follow(db, chat, int(body_id), None)
        await set_reminders(db, chat, SPECS[chat % len(SPECS)])


async def _lateness(db: Database, clock: ManualClock) -> list[float]:
    """Seconds from each enqueued reminder's due moment to its enqueueing."""
    sql = (
        "SELECT o.dedup_key, o.created_at, m.date, m.start FROM outbox o"
        " JOIN meetings m ON m.id = o.meeting_id WHERE o.kind = 'reminder'"
    )
    late: list[float] = []
    for key, created, day, start in await (await db.reader.execute(sql)).fetchall():
        offset = str(key).split(":")[3]
        due = fire_time(
            offset, datetime.fromisoformat(day).date(), time.fromisoformat(start) if start else None
        )
        assert due is not None
        late.append((datetime.fromisoformat(created) - due.astimezone(UTC)).total_seconds())
    return late


async def run(meetings: int, chats: int, interval: float, seed: int) -> list[float]:
    """One simulated day (00:00 to 24:00 on 2026-12-01) of the job every `interval` seconds;
    meetings that day and the two after, so `1h`, `3h`, `morning`, `1d` and `2d` all fall due."""
    rng = random.Random(seed)
    start = datetime(2026, 12, 1, 0, 0, tzinfo=STOCKHOLM)
    clock = ManualClock(start)
    with tempfile.TemporaryDirectory() as tmp:
        db = await Database.open(Path(tmp) / "bench.sqlite3", clock)
        try:
            await _fill(db, start, meetings, chats, rng)
            now = start + timedelta(seconds=rng.uniform(0, interval))  # the grid after a restart
            end = start + timedelta(days=1)
            while now < end:
                clock.set(now)
                await enqueue_due_reminders(db)
                now += timedelta(seconds=interval)
            return await _lateness(db, clock)
        finally:
            await db.close()


def _report(interval: float, late: list[float]) -> str:
    ordered = sorted(late)
    p50 = statistics.median(ordered)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return (
        f"| {interval:.0f} s | {len(ordered)} | {p50:.1f} | {p95:.1f} | {max(ordered):.1f} |"
        f" {sum(1 for x in ordered if x > 60)} |"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=40)
    parser.add_argument("--chats", type=int, default=60)
    parser.add_argument("--intervals", default="900,30")
    parser.add_argument("--restarts", type=int, default=3, help="grid offsets (days) per interval")
    args = parser.parse_args()
    print("| job interval | reminders | p50 s late | p95 s | max s | over a minute |")
    print("|---|---:|---:|---:|---:|---:|")
    for interval in (float(x) for x in args.intervals.split(",")):
        late: list[float] = []
        for seed in range(args.restarts):  # another day: other meetings, another grid offset
            late += await run(args.meetings, args.chats, interval, seed)
        print(_report(interval, late), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
