"""bench/db_year: the database's size after a simulated year of a portal, with and without pruning.

Why: the README promises the SQLite file stays small on a small server. This builds a real
database through the product's own write paths, stepping a `ManualClock` day by day through
`--days` days: `--bodies` bodies each hold a meeting about every 15 days (agenda published ten
days ahead with `--items` items, then `--changes` agenda changes on later days, then minutes after
the meeting), stored with `storage.meetings.upsert_meeting` and `alerts.fanout.enqueue_alerts` as
`on_events`, so every event writes outbox rows for the followers (`--chats` private chats, each
following `--follows` bodies via `storage.chats.follow`). Each day's due rows are leased with
`storage.outbox.claim_due` and marked with `storage.outbox.mark_sent`, as the sender does.

Poll records (one per 5 minutes, 288 a day) are written per day in one `executemany` of the same
columns `storage.sources.start_poll`/`finish_poll` fill: two transactions per record through
those functions would take most of the run (about 105,000 records a year); one day is also
written through the functions themselves, so their rows are in the table.

The year is built once without pruning and measured (WAL checkpointed by closing); then
`storage.prune.prune` runs once at the end, as the nightly job's first run after a long pause
would (its deletions depend only on the moment, so the rows left are those the nightly job
leaves). SQLite does not shrink a file on DELETE, so the pruned file is reported as is, as live
pages, and after VACUUM.

    .venv/bin/python bench/db_year.py            # --bodies 100 --days 365
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agenda.clock import STOCKHOLM, iso_utc
from agenda.model import Body, Item, Meeting
from alerts.fanout import enqueue_alerts
from demo.clock import ManualClock
from storage.chats import ensure_chat, follow
from storage.db import Database
from storage.meetings import upsert_meeting
from storage.outbox import claim_due, mark_sent
from storage.prune import prune
from storage.sources import finish_poll, start_poll

PORTAL = "https://bench.example"
PERIOD = 15  # days between a body's meetings (about two a month)
PUBLISH_AHEAD = 10  # agenda published this many days before the meeting
POLLS_PER_DAY = 24 * 12


def _meeting(body: int, day: date, items: int, version: int, minutes: bool) -> Meeting:
    """Body `body`'s meeting on `day`; `version` renames one item per agenda change."""
    return Meeting(
        body=Body(f"namnd-{body:03d}", f"Nämnd {body}", PORTAL),
        url=f"{PORTAL}/namnd-{body:03d}/{day.isoformat()}",
        date=day,
        start=dtime(9, 0),
        end=dtime(12, 0),
        place="Sammanträdesrummet",
        minutes_url=f"{PORTAL}/protokoll/{body}/{day.isoformat()}" if minutes else None,
        items=[
            Item(
                number=n,
                title=f"Ärende {n} om verksamhet {body}"
                + (f" rev {version}" if n <= version else ""),
                text=f"Förvaltningen föreslår att nämnden beslutar i ärende {n}. " * 3,
                case_numbers=[f"NR-{day.year}-{body * 100 + n:05d}"],
            )
            for n in range(1, items + 1)
        ],
    )


def _versions_on(body: int, day: date, args: argparse.Namespace) -> list[tuple[date, int, bool]]:
    """The (meeting day, version, minutes) this body's portal page shows anew on `day`."""
    out = []
    for ahead in range(-PUBLISH_AHEAD, 8):
        meeting_day = day - timedelta(days=ahead)
        if (meeting_day.toordinal() + body) % PERIOD:
            continue
        if ahead == -PUBLISH_AHEAD:
            out.append((meeting_day, 0, False))
        elif -PUBLISH_AHEAD < ahead < 0 and (-ahead) in _change_days(args.changes):
            out.append((meeting_day, _change_days(args.changes).index(-ahead) + 1, False))
        elif ahead == 7:
            out.append((meeting_day, args.changes, True))
    return out


def _change_days(changes: int) -> list[int]:
    """Days before the meeting on which the agenda changes (spread over the ten days)."""
    return [PUBLISH_AHEAD - 1 - k * (PUBLISH_AHEAD - 2) // max(changes, 1) for k in range(changes)]


async def _polls(db: Database, clock: ManualClock, day_start: datetime, real: bool) -> None:
    if real:  # one day's worth through the storage functions
        for n in range(POLLS_PER_DAY):
            clock.set(day_start + timedelta(minutes=5 * n))
            poll = await start_poll(db)
            await finish_poll(db, poll, new=0, changed=0, unchanged=3, failed=0)
        return
    rows = [
        (
            iso_utc(day_start + timedelta(minutes=5 * n)),
            iso_utc(day_start + timedelta(minutes=5 * n, seconds=20)),
        )
        for n in range(POLLS_PER_DAY)
    ]
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO polls (started_at, finished_at, new, changed, unchanged, failed)"
            " VALUES (?, ?, 0, 0, 3, 0)",
            rows,
        )


async def _deliver(db: Database) -> int:
    sent = 0
    while rows := await claim_due(db, limit=1000, lease_seconds=60):
        for row in rows:
            await mark_sent(db, row, message_id=row.id)
        sent += len(rows)
    return sent


async def build(path: Path, args: argparse.Namespace) -> dict[str, int]:
    start = datetime(2026, 1, 1, 0, 0, tzinfo=STOCKHOLM)
    clock = ManualClock(start)
    db = await Database.open(path, clock)
    counts = {"upserts": 0, "events": 0, "sent": 0}
    for body in range(args.bodies):  # the bodies exist before anyone follows them
        clock.set(start)
        await upsert_meeting(db, _meeting(body, start.date() - timedelta(days=400), 1, 0, True))
    async with db.reader.execute("SELECT id FROM bodies ORDER BY id") as cur:
        body_ids = [int(r[0]) for r in await cur.fetchall()]
    for chat in range(args.chats):
        await ensure_chat(db, 1000 + chat, "private")
        for k in range(args.follows):
            await follow(db, 1000 + chat, body_ids[(chat * 7 + k * 31) % len(body_ids)], None)
    for d in range(args.days):
        day_start = start + timedelta(days=d)
        await _polls(db, clock, day_start.astimezone(UTC), real=d == 0)
        clock.set(day_start + timedelta(hours=10))
        for body in range(args.bodies):
            for meeting_day, version, minutes in _versions_on(body, day_start.date(), args):
                meeting = _meeting(body, meeting_day, args.items, version, minutes)
                result = await upsert_meeting(db, meeting, on_events=enqueue_alerts)
                counts["upserts"] += 1
                counts["events"] += len(result.events)
        clock.set(day_start + timedelta(hours=11))
        counts["sent"] += await _deliver(db)
        if d % 30 == 29:
            print(f"day {d + 1}: {counts}", file=sys.stderr)
    clock.set(start + timedelta(days=args.days))
    await db.close()
    return counts


def measure(path: Path) -> tuple[int, int, dict[str, int]]:
    """File size (no WAL left: the last connection closed), live bytes, rows per table."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        rows = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    return path.stat().st_size, (pages - free) * size, rows


async def prune_at(path: Path, moment: datetime) -> tuple[int, int, int]:
    db = await Database.open(path, ManualClock(moment))
    pruned = await prune(db)
    await db.close()
    return pruned.outbox, pruned.events, pruned.polls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=100)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--items", type=int, default=15)
    parser.add_argument("--changes", type=int, default=3, help="agenda changes per meeting")
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--follows", type=int, default=3, help="bodies each chat follows")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "year.sqlite3"
        started = time.monotonic()
        counts = asyncio.run(build(path, args))
        built = time.monotonic() - started
        before = measure(path)
        end = datetime(2026, 1, 1, 3, 0, tzinfo=STOCKHOLM) + timedelta(days=args.days)
        pruned = asyncio.run(prune_at(path, end))
        after = measure(path)
        with sqlite3.connect(path) as conn:
            conn.execute("VACUUM")
        conn.close()
        vacuumed = measure(path)
    print(
        f"built in {built:.0f} s: {counts['upserts']} upserts, {counts['events']} events,"
        f" {counts['sent']} alerts sent; pruned {pruned[0]} outbox rows, {pruned[1]} events,"
        f" {pruned[2]} poll records"
    )
    print()
    print("| database | file MiB | live MiB |")
    print("|---|---:|---:|")
    for name, (fsize, live, _) in (
        ("no pruning", before),
        ("pruned (file as is)", after),
        ("pruned, VACUUM", vacuumed),
    ):
        print(f"| {name} | {fsize / 2**20:.1f} | {live / 2**20:.1f} |")
    print()
    print("| table | rows, no pruning | rows, pruned |")
    print("|---|---:|---:|")
    for table in before[2]:
        if before[2][table] or after[2][table]:
            print(f"| {table} | {before[2][table]:,} | {after[2][table]:,} |")


if __name__ == "__main__":
    main()
