"""Benchmark: Swedish full-text search and the bot's meeting lookups on a stored database.

Why: members expect an answer at once; issue 2 targets < 10 ms per search over 1,000 stored
meetings, issue 4 targets p99 < 20 ms (lookups) / < 50 ms (search) on 100,000 meetings and
2 million items. Default: 1,000 meetings stored through `upsert_meeting` (the real write path),
items built from the seed texts with variations. `--bulk` writes a large database directly
with SQL (same schema, same index text) to check the scale target.

    .venv/bin/python bench/search.py                          # 1,000 meetings via upsert
    .venv/bin/python bench/search.py --bulk --meetings 100000 --items 20
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

from agenda.clock import SystemClock
from agenda.clock import today as clock_today
from agenda.model import Body, Item, Meeting
from agenda.stem import index_terms
from demo.sample_seeds import seed_files
from storage.db import Database
from storage.meetings import (
    find_paragraph,
    get_meeting,
    latest_meeting,
    list_meetings,
    meeting_on,
    next_meeting,
    upcoming_meetings,
    upsert_meeting,
)
from storage.search import BODY_MARK, search

PORTAL = "https://forum.regionjh.se"
BODIES = [
    "regionstyrelsen",
    "halso-och-sjukvardsnamnden",
    "regionfullmaktige",
    "svom",
    "naturbruksnamnden",
    "patientnamnden",
    "revisionen",
    "folkhalsoberedningen",
    "kulturutskottet",
    "ekonomiutskottet",
]
TITLES = [
    "Mötet öppnas",
    "Val av justerare och tid för justering",
    "Fastställande av dagordning",
    "Föregående protokoll",
    "Informationer",
    "Anmälningsärenden",
    "Delegationsbeslut",
    "Svar på motion om vårdplatser",
    "Budget och verksamhetsplan",
    "Hälso- och sjukvårdsdirektörens rapport",
    "Ekonomisk uppföljning",
    "Ambulansverksamhetens organisation",
    "Övriga frågor",
]
EXTRA = ["vårdplatsbrist", "budgetramen", "ambulansflyget", "läkemedelskostnaderna", "primärvård"]
QUERIES = [
    "vårdplats",
    "budgeten",
    "läkemedelskostnader",
    "motion vårdplatser",
    "val av justerare",
    "ambulans",
    "hälso- och sjukvård",
    "primärvården tillgänglighet",
    "HSN/203/2019",
    'NEAR("vårdplats" *',
    "xyzzyplugh",
]


def seed_paragraphs() -> list[str]:
    found: list[str] = []
    for path in seed_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip(" •\u00a0\t")
            if len(text) > 60 and not text.startswith("Vi använder cookies"):
                found.append(text)
    return found


def make_item(rng: random.Random, pool: list[str], number: int) -> Item:
    text = " ".join(rng.sample(pool, rng.randint(1, 2)))
    return Item(
        number=number,
        paragraph=rng.randint(1, 200) if rng.random() < 0.5 else None,
        title=rng.choice(TITLES),
        text=f"{text} {rng.choice(EXTRA)} {rng.randint(2015, 2030)}",
        case_numbers=[f"HSN/{rng.randint(1, 400)}/{rng.randint(2015, 2030)}"],
    )


async def build_via_upsert(db: Database, meetings: int, items: int) -> None:
    rng, pool = random.Random(1), seed_paragraphs()
    for n in range(meetings):
        slug = BODIES[n % len(BODIES)]
        day = clock_today(SystemClock()) + timedelta(days=(n - meetings // 2) // len(BODIES) * 7)
        meeting = Meeting(
            Body(slug, None, PORTAL),
            url=f"{PORTAL}/committees/{slug}/mote-{day}",
            date=day,
            items=[make_item(rng, pool, k + 1) for k in range(items)],
        )
        await upsert_meeting(db, meeting)


def build_bulk(path: Path, meetings: int, items: int, bodies: int) -> None:
    """Same rows and index text as upsert_meeting writes, inserted directly for speed."""
    rng, pool = random.Random(1), seed_paragraphs()
    pool_stems = [" ".join(index_terms(p)) for p in pool]
    title_stems = [" ".join(index_terms(t)) for t in TITLES]
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    conn.executemany(
        "INSERT INTO bodies (id, portal, slug) VALUES (?, ?, ?)",
        [(b + 1, PORTAL, f"body-{b}") for b in range(bodies)],
    )
    item_id = 0
    for n in range(meetings):
        body = n % bodies + 1
        day = clock_today(SystemClock()) + timedelta(days=(n - meetings // 2) // bodies * 7)
        conn.execute(
            "INSERT INTO meetings (id, body_id, key, url, date, start, place, content_hash,"
            " first_seen, updated_at) VALUES (?, ?, ?, ?, ?, '08:30', 'Hörsalen', 'x', '', '')",
            (n + 1, body, f"m{n}", f"{PORTAL}/committees/body-{body}/mote-{day}", day.isoformat()),
        )
        rows, fts = [], []
        for k in range(items):
            item_id += 1
            p, t, extra = rng.randrange(len(pool)), rng.randrange(len(TITLES)), rng.choice(EXTRA)
            rows.append((item_id, n + 1, k, k + 1, k + 40, TITLES[t], f"{pool[p]} {extra}"))
            terms = f"{title_stems[t]} {pool_stems[p]} {index_terms(extra)[0]}"
            fts.append((item_id, f"{terms} {BODY_MARK}{body}"))
        conn.executemany(
            "INSERT INTO items (id, meeting_id, position, number, paragraph, title, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany("INSERT INTO items_fts (rowid, stems) VALUES (?, ?)", fts)
        if n % 5000 == 4999:
            conn.commit()
    vocabulary = {t for text in [*pool_stems, *title_stems] for t in text.split()}
    vocabulary |= {index_terms(e)[0] for e in EXTRA}
    conn.executemany("INSERT OR IGNORE INTO search_terms VALUES (?)", [(t,) for t in vocabulary])
    conn.commit()
    conn.execute("INSERT INTO items_fts (items_fts) VALUES ('optimize')")
    conn.commit()
    conn.close()


async def measure(call: Callable[[], Awaitable[object]], runs: int) -> tuple[float, float]:
    await call()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


async def run(args: argparse.Namespace) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="nb-bench-search-"))
    path = Path(args.db) if args.db else workdir / "bench.sqlite3"
    started = time.perf_counter()
    db = await Database.open(path, SystemClock())
    if args.bulk:
        await db.close()
        build_bulk(path, args.meetings, args.items, args.bodies)
        db = await Database.open(path, SystemClock())
    else:
        await build_via_upsert(db, args.meetings, args.items)
    build_s = time.perf_counter() - started
    async with db.reader.execute("SELECT count(*) FROM items") as cur:
        row = await cur.fetchone()
    item_count = int(row[0]) if row else 0
    today = clock_today(SystemClock())
    ids = [1, 2, 3]
    print(f"Database: {args.meetings:,} meetings, {item_count:,} items, built in {build_s:.1f} s")
    print()
    print("| operation | hits | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|")
    for query in QUERIES:
        hits = len(await search(db, query))
        p50, p99 = await measure(lambda q=query: search(db, q), args.runs)  # type: ignore[misc]
        print(f"| search `{query}` | {hits} | {p50:.2f} | {p99:.2f} |")
    p50, p99 = await measure(lambda: search(db, "vårdplats", body_ids=[2]), args.runs)
    print(f"| search `vårdplats` in one body | - | {p50:.2f} | {p99:.2f} |")
    lookups: list[tuple[str, Callable[[], Awaitable[object]]]] = [
        ("get_meeting", lambda: get_meeting(db, args.meetings // 2)),
        ("next_meeting (3 bodies)", lambda: next_meeting(db, ids, today)),
        ("meeting_on", lambda: meeting_on(db, 1, today)),
        ("latest_meeting (3 bodies)", lambda: latest_meeting(db, ids)),
        ("find_paragraph § 54 (3 bodies)", lambda: find_paragraph(db, ids, 54)),
        ("find_paragraph § 9999 (absent)", lambda: find_paragraph(db, ids, 9999)),
        ("list_meetings (3 bodies)", lambda: list_meetings(db, ids, today)),
        ("upcoming_meetings (2 days)", lambda: upcoming_meetings(db, today, today + timedelta(2))),
    ]
    for name, call in lookups:
        p50, p99 = await measure(call, args.runs)
        print(f"| {name} | - | {p50:.2f} | {p99:.2f} |")
    await db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--items", type=int, default=15, help="items per meeting")
    parser.add_argument("--bodies", type=int, default=100, help="bodies (--bulk only)")
    parser.add_argument("--bulk", action="store_true", help="write directly with SQL (fast)")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--db", help="database file to create (default: a temp dir)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
