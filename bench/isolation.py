"""Benchmark: another source's new-agenda alert while one source is hostile (issue 19).

Why: one source's page or document must never hold up another's alerts, and a PDF bomb must
not take the bot past 1 GB. This runs the real bot (`bot.app.build_application`: the poll job,
the parse workers, the documents job with its PDF worker, the fan-out, the deliver job)
against two sample portals on localhost and the fake Bot API, with a poll every `--interval`
seconds and the limits scaled to it as production's stand to its 300 s (a page parse or PDF
read: interval/15, at least 0.5 s; a document's fetch: 0.3 intervals; 384 MB per worker). In
each round, for each case (none; two new pages with 100,000 attributes, which parse for ~10 s
each, served one poll before B's meeting or in the same poll; eight documents dripping one
byte every 50 ms; a 1 KB PDF bomb), portal A serves the hostile input and portal B publishes a
meeting a member follows, half a second before a poll: the delay to the member's "Ny kallelse"
is how long that poll takes to alert. Also the bench process's peak RSS growth (the bot runs
in it). Cases alternate within each round, so load hits them alike. Then the bomb is read once
the old way (PDFium in a thread of a fresh process) and once in the PDF worker.

    .venv/bin/python bench/isolation.py [--interval 5] [--rounds 3] [--patience 120]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agenda.clock import SystemClock, today
from agenda.parse import ParseError
from bench.parse_loop import URL, big_page
from bot.app import WorkLimits, build_application, root_services
from bot.config import Config
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.lifecycle import initialize_application, start_polling, stop_application
from demo.sample_portal import SamplePortal
from demo.sample_site import SampleBody, SampleSite
from sources.parse_pool import ParsePool
from sources.pdftext import PdfReader
from sources.workers import WorkerLimits
from storage.db import Database
from storage.outbox import ensure_chats
from tests.support.hostile import bomb_pdf, hostile_page

RS = "regionstyrelsen"
MEMBER = 77
MB = 1024 * 1024


def peak_rss(pid: int | str = "self") -> int:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def nothing(portal: SamplePortal, clock: ManualClock) -> None:
    pass


def hostile_pages(portal: SamplePortal, clock: ManualClock) -> None:
    for n in range(2):
        path = portal.publish_meeting(RS, today(clock) + timedelta(days=15 + n), slug=f"x-{n}")
        portal.serve(path, hostile_page())


def drip_documents(portal: SamplePortal, clock: ManualClock) -> None:
    path = portal.publish_meeting(RS, today(clock) + timedelta(days=15), slug="med-bilagor")
    for n in range(8):
        portal.add_attachment(path, 2, f"Bilaga {n}", f"drip-{n}pdf", b"%PDF never sent")
        portal.inject(f"{path}/agenda/drip-{n}pdf", "drip")


def pdf_bomb(portal: SamplePortal, clock: ManualClock) -> None:
    path = portal.publish_meeting(RS, today(clock) + timedelta(days=15), slug="med-bomb")
    portal.add_attachment(path, 2, "Bilaga", "bombpdf", bomb_pdf())


@dataclass(frozen=True, slots=True)
class Case:
    """What portal A serves, and when: `"start"` before the bot starts (documents, read by the
    documents job: B publishes once a path containing `marker` was requested), `"before"` one
    poll before B's meeting (pages still being parsed when B's cycle is due), `"with"` in the
    same cycle as B's meeting."""

    serve: Callable[[SamplePortal, ManualClock], None]
    when: str
    marker: str = ""


CASES: dict[str, Case] = {
    "none": Case(nothing, "with"),
    "2 hostile pages, one poll before B's": Case(hostile_pages, "before"),
    "2 hostile pages, in B's poll": Case(hostile_pages, "with"),
    "8 slow-drip documents": Case(drip_documents, "start", "drip-"),
    "a PDF bomb (1 KB, 2.5 GB in PDFium)": Case(pdf_bomb, "start", "bombpdf"),
}


async def _until(predicate: Callable[[], bool], seconds: float) -> None:
    ends = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > ends:
            raise TimeoutError("the alert never came")
        await asyncio.sleep(0.02)


def scaled_limits(interval: int) -> dict[str, Any]:
    """The production limits scaled to the interval as they stand to the default 300 s: a page
    parse or PDF read 20 s → interval/15, a document's fetch 90 s → interval × 0.3."""
    seconds = max(0.5, interval / 15)
    limits = WorkerLimits(seconds=seconds, memory_bytes=384 * MB)
    return {"limits": WorkLimits(parse=limits, pdf=limits, document_seconds=interval * 0.3)}


async def one_case(case: Case, interval: int) -> float:
    """Seconds from B's publication to the member's alert while A serves `case`."""
    clock = ManualClock(SystemClock().now())
    sites = [SampleSite([SampleBody(RS, "Regionstyrelsen")], [], clock) for _ in "AB"]
    with tempfile.TemporaryDirectory(prefix="bench-isolation-") as tmp:
        async with (
            SamplePortal(sites[0], clock=clock) as a,
            SamplePortal(sites[1], clock=clock) as b,
            FakeBotApi() as fake,
        ):
            sources = Path(tmp) / "sources.toml"
            sources.write_text(
                "".join(
                    f'[[source]]\nkind = "meetingsplus"\nname = "{n}"\nurl = "{p.base_url}"\n'
                    for n, p in (("A", a), ("B", b))
                ),
                encoding="utf-8",
            )
            config = Config(
                token=fake.token,
                base_url=fake.base_url,
                database_path=Path(tmp) / "bench.sqlite3",
                sources_file=sources,
                poll_interval_seconds=interval,
            )
            app = build_application(config, clock, **scaled_limits(interval))
            if case.when == "start":
                case.serve(a, clock)
            try:
                await initialize_application(app)
                await start_polling(app)
                db = root_services(app).db
                for _ in range(1200):  # the first poll (a backfill) is stored
                    if await _first_poll_done(db):
                        break
                    await asyncio.sleep(0.05)
                await _follow(db, b.base_url)
                if case.when == "start":
                    await _until(lambda: any(case.marker in p for p in a.requests), 3600)
                await _before_next_poll(app)
                if case.when == "before":
                    case.serve(a, clock)
                    await asyncio.sleep(1.0)  # that poll has started on A's pages
                    await _before_next_poll(app)
                elif case.when == "with":
                    case.serve(a, clock)
                b.publish_meeting(RS, today(clock) + timedelta(days=9), [(1, "Budget")])
                published = time.monotonic()
                await _until(
                    lambda: any(
                        "Ny kallelse" in m.text for m in fake.records.sent_messages(MEMBER)
                    ),
                    3600,  # timed_case has the patience
                )
                return time.monotonic() - published
            finally:
                a.heal()
                await stop_application(app)


async def _follow(db: Database, portal: str) -> None:
    """The member follows B's body."""
    async with db.reader.execute(
        "SELECT id FROM bodies WHERE portal = ? AND slug = ?", (portal, RS)
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    async with db.transaction() as conn:
        now = db.timestamp()
        await ensure_chats(conn, [MEMBER], now)
        await conn.execute(
            "INSERT INTO follows (chat_id, body_id, created_at) VALUES (?, ?, ?)",
            (MEMBER, int(row[0]), now),
        )


async def _before_next_poll(app: Any, lead: float = 0.5) -> None:
    """Sleep until `lead` seconds before the poll job's next run: the delay then measures how
    long the cycle takes to alert, not where in the interval the meeting was published."""
    assert app.job_queue is not None
    (job,) = app.job_queue.get_jobs_by_name("poll")
    assert job.next_t is not None
    wait = (job.next_t - datetime.now(job.next_t.tzinfo)).total_seconds() - lead
    if wait < 0.2:  # too close: the run after it
        wait += app.job_queue.get_jobs_by_name("poll")[0].job.trigger.interval.total_seconds()
    await asyncio.sleep(wait)


async def _first_poll_done(db: Database) -> bool:
    async with db.reader.execute("SELECT count(*) FROM polls WHERE finished_at") as cur:
        row = await cur.fetchone()
    return bool(row and row[0])


OLD_WAY = """
import resource, sys
sys.path.insert(0, sys.argv[1])
from sources.pdftext import extract_pdf_sync
from tests.support.hostile import bomb_pdf
result = extract_pdf_sync(bomb_pdf())
print(result.status, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def bomb_the_old_way() -> tuple[str, int, float]:
    """(verdict, peak RSS, seconds) of the bomb read by PDFium in the reading process."""
    started = time.monotonic()
    root = str(Path(__file__).resolve().parents[1])
    out = subprocess.run(
        [sys.executable, "-c", OLD_WAY, root], capture_output=True, text=True, check=False
    ).stdout.split()
    return (out[0], int(out[1]), time.monotonic() - started) if out else ("crashed", 0, 0.0)


async def bomb_in_the_worker() -> tuple[str, int, int, float]:
    """(verdict, this process's peak RSS growth, the worker's cap, seconds)."""
    reader = PdfReader()
    try:
        before = peak_rss()
        started = time.monotonic()
        result = await reader.extract(bomb_pdf())
        seconds = time.monotonic() - started
        return result.status, peak_rss() - before, reader.limits.memory_bytes, seconds
    finally:
        await reader.close()


async def timed_case(name: str, interval: int, patience: float) -> float:
    """`one_case`, or infinity when the alert took longer than `patience` seconds."""
    try:
        return await asyncio.wait_for(one_case(CASES[name], interval), patience)
    except TimeoutError:
        return float("inf")


def _seconds(value: float, patience: float) -> str:
    return f"> {patience:.0f}" if value == float("inf") else f"{value:.1f}"


async def legitimate_pages() -> list[tuple[str, int, str, float]]:
    """Big but honest pages parsed in a worker with the production limits: (what, bytes,
    outcome, seconds)."""
    pages = {
        "1,500 items with long descriptions": big_page(),
        "190,000 small elements": b"<html><body>" + b"<span a='1'>t</span>" * 190_000,
    }
    pool = ParsePool()
    found = []
    try:
        for what, page in pages.items():
            started = time.monotonic()
            try:
                meeting = await pool.parse(page, URL)
                outcome = f"ok, {len(meeting.items)} items"
            except ParseError as exc:
                outcome = f"refused: {exc}"
            found.append((what, len(page), outcome, time.monotonic() - started))
    finally:
        await pool.close()
    return found


async def main_async(interval: int, rounds: int, patience: float) -> None:
    delays: dict[str, list[float]] = {name: [] for name in CASES}
    growth: dict[str, int] = {}
    names = list(CASES)
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            before = peak_rss()
            delays[name].append(await timed_case(name, interval, patience))
            print(f"  {name}: {_seconds(delays[name][-1], patience)} s", file=sys.stderr)
            growth[name] = max(growth.get(name, 0), peak_rss() - before)
    print(
        f"Another source's new-agenda alert, poll every {interval} s, limits scaled to it, "
        f"{rounds} rounds, {os.cpu_count()} CPUs (shared machine)\n"
    )
    print("| portal A serves | delay min s | median s | max s | < 2 intervals | RSS growth MB |")
    print("|---|---:|---:|---:|---|---:|")
    for name, found in delays.items():
        ok = "yes" if max(found) < 2 * interval else "NO"
        shown = (_seconds(v, patience) for v in (min(found), statistics.median(found), max(found)))
        print(f"| {name} | {' | '.join(shown)} | {ok} | {growth[name] / MB:.0f} |")
    print(f"\nPeak RSS of this process (the bot, all cases): {peak_rss() / MB:.0f} MB\n")
    status, worker_growth, cap, worker_seconds = await bomb_in_the_worker()
    old_status, old_peak, old_seconds = bomb_the_old_way()
    print("| the PDF bomb read | verdict | seconds | peak RSS of the bot's process |")
    print("|---|---|---:|---:|")
    print(
        f"| in the bot's process (before) | {old_status} | {old_seconds:.1f} "
        f"| {old_peak / MB:.0f} MB |"
    )
    print(
        f"| in the PDF worker (now, cap {cap // MB} MB) | {status} | {worker_seconds:.1f} "
        f"| +{worker_growth / MB:.0f} MB |"
    )
    print("\n| legitimate big page, parse worker (20 s, 384 MB) | bytes | outcome | seconds |")
    print("|---|---:|---|---:|")
    for what, size, outcome, seconds in await legitimate_pages():
        print(f"| {what} | {size:,} | {outcome} | {seconds:.1f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interval", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--patience", type=float, default=120.0, help="seconds per case")
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)
    asyncio.run(main_async(args.interval, args.rounds, args.patience))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
