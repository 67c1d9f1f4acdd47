"""Benchmark: poll a generated Meetings Plus portal of 1,000 bodies and 10,000 meetings.

Why: polling must stay cheap for the portals and for our 2-core machine. This serves a generated
site (the sample portal's own rendering and HTTP server, in a separate process) on localhost and
measures the first cycle (backfill: every meeting fetched, parsed and stored) and an unchanged
cycle (target: under 10 s, only 304 answers, no page parsed). Prints a markdown table.
With `--documents`, item 3 of every meeting links a PDF and the documents step (the `documents`
job's `DocumentStep`) runs after each cycle (at most `--budget` documents, as in production):
the table then shows that step's seconds and its share of cycle and step together.

The connections column is the portal's own count of the TCP connections the cycle's requests
came on. Pages are parsed in the worker process production uses (`sources.parse_pool.ParsePool`;
`--thread-parse` parses in a thread as before issue 23). Each row also gives the poller's
resident memory at the end of the cycle and its peak during it (the kernel's high-water mark,
reset between cycles; the parse worker is a process of its own, its memory not included).
`--db PATH` keeps the database (the portal then listens on port 18423, as its URLs are stored):
a second run against the same generated portal starts with unchanged cycles (the nationwide
first visit takes minutes, the unchanged cycle seconds).

    .venv/bin/python bench/poll.py [--bodies 1000] [--meetings 10000] [--per-host 4]
                                   [--documents [--budget 40] [--cycles 3]] [--db PATH]
    .venv/bin/python bench/poll.py --bodies 5000 --meetings 50000   # nationwide
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.config import Config
from bot.poll_process import NICENESS
from demo.clock import ManualClock
from demo.sample_portal import SamplePortal
from demo.sample_seeds import Block
from demo.sample_site import SampleBody, SampleMeeting, SampleSite
from jobs.documents import DocumentStep
from jobs.poll import CycleReport, Poller, PollSettings
from sources.config import SourceConfig
from sources.documents import DocumentReader, DocumentReport, DocumentSettings
from sources.http import HttpSettings, make_http_client
from sources.parse_pool import ParsePool
from storage.db import Database
from storage.sources import last_poll

TODAY = date(2026, 11, 22)
CLOCK = ManualClock.at_local(TODAY)  # the generated portal and the poller agree on today


def generated_site(n_bodies: int, n_meetings: int, documents: bool = False) -> SampleSite:
    bodies = [SampleBody(f"namnd-{b:04d}", f"Nämnd {b}") for b in range(n_bodies)]
    meetings: list[SampleMeeting] = []
    per_body = max(1, n_meetings // n_bodies)
    for b, body in enumerate(bodies):
        for k in range(per_body):
            day = TODAY + timedelta(days=30 - k * 36 - b % 36)
            agenda = [
                Block(number=1, title="Mötet öppnas"),
                Block(number=2, title="Val av justerare och tid för justering"),
                Block(number=3, title=f"Budgetuppföljning för {body.name}, möte {k}"),
                Block(
                    lines=[
                        f"Förvaltningen redovisar utfallet för {body.name}.",
                        "• Intäkter",
                        "• Kostnader",
                    ]
                ),
                Block(number=4, title="Övriga frågor"),
            ]
            if documents:
                agenda[3].has_bilagor = True
                agenda[3].attachments = [("Tjänsteskrivelse", f"tjansteskrivelse-{k}pdf")]
            meetings.append(SampleMeeting(body, f"mote-{day.isoformat()}", day, agenda=agenda))
    return SampleSite(bodies, meetings, CLOCK)


#: The portal's port when the database is kept: its URLs (with the port) are what is stored.
KEPT_DB_PORT = 18423


def serve(n_bodies: int, n_meetings: int, documents: bool, conn: Connection, port: int = 0) -> None:
    os.nice(NICENESS)  # the portal stands for servers elsewhere: the bot's processes go first

    async def main() -> None:
        async with SamplePortal(
            generated_site(n_bodies, n_meetings, documents), clock=CLOCK, port=port
        ) as portal:
            conn.send(portal.base_url)
            await asyncio.Event().wait()

    asyncio.run(main())


Row = tuple[str, float, CycleReport, Counter[int], tuple[float, float], int, DocumentReport | None]


def rss_mb() -> tuple[float, float]:
    """(resident MB now, peak MB since the last reset) of this process."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def reset_peak() -> None:
    """Start a new high-water mark (Linux: writing 5 to clear_refs resets VmHWM)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


async def run_cycle(
    poller: Poller, base_url: str
) -> tuple[float, CycleReport, Counter[int], tuple[float, float], int]:
    await portal_counters(base_url)  # from zero
    reset_peak()
    started = time.perf_counter()
    report = await poller.run_cycle()
    seconds = time.perf_counter() - started
    connections = (await portal_counters(base_url))["connections"]
    return seconds, report, report.statuses, rss_mb(), connections


async def portal_counters(base_url: str) -> dict[str, int]:
    """The portal's own count of requests and connections since the last call."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{base_url}/_control/counters") as answer,
    ):
        found: dict[str, int] = await answer.json()
        return found


@contextlib.contextmanager
def database_path(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        yield keep
        return
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp) / "bench.sqlite3"


async def bench(
    base_url: str,
    per_host: int,
    documents: DocumentSettings | None = None,
    cycles: int = 2,
    *,
    db_path: Path | None = None,
    thread_parse: bool = False,
) -> list[Row]:
    settings = PollSettings(  # the whole portal in one cycle: no page budget, no deadline
        http=HttpSettings(per_host=per_host, timeout_seconds=30),
        page_budget=10**9,
        source_deadline_seconds=3600.0,
    )
    parser = None if thread_parse else ParsePool()
    with database_path(db_path) as path:
        db = await Database.open(path, CLOCK)
        fresh = await last_poll(db) is None
        try:
            async with make_http_client(Config().user_agent, settings.http) as client:
                source = SourceConfig("meetingsplus", "Generated", base_url)
                poller = Poller(db, client, [source], settings=settings, parser=parser)
                step = (
                    DocumentStep(db, client, DocumentReader(db, documents), settings.http)
                    if documents is not None
                    else None
                )
                results = []
                for n in range(1, cycles + 1):
                    name = "first cycle (backfill)" if fresh and n == 1 else f"cycle {n}"
                    name += "" if fresh and n == 1 else " (pages unchanged)"
                    seconds, report, seen, memory, connections = await run_cycle(poller, base_url)
                    docs = await step.run() if step is not None else None
                    results.append((name, seconds, report, seen, memory, connections, docs))
        finally:
            if parser is not None:
                await parser.close()
            await db.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=1000)
    parser.add_argument("--meetings", type=int, default=10000)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--documents", action="store_true")
    parser.add_argument("--budget", type=int, default=DocumentSettings().budget)
    parser.add_argument("--cycles", type=int, default=2)
    parser.add_argument("--db", type=Path, help="keep the database here (reused if present)")
    parser.add_argument("--thread-parse", action="store_true", help="parse in a thread")
    args = parser.parse_args()
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    server = ctx.Process(
        target=serve,
        args=(args.bodies, args.meetings, args.documents, child, KEPT_DB_PORT if args.db else 0),
        daemon=True,
    )
    server.start()
    try:
        base_url = parent.recv()
        documents = DocumentSettings(budget=args.budget) if args.documents else None
        results = asyncio.run(
            bench(
                base_url,
                args.per_host,
                documents,
                args.cycles,
                db_path=args.db,
                thread_parse=args.thread_parse,
            )
        )
    finally:
        server.terminate()
        server.join()
    print(
        f"Poll benchmark: {args.bodies} bodies, {args.meetings} meetings, "
        f"per-host limit {args.per_host}, localhost, {multiprocessing.cpu_count()} CPUs\n"
    )
    print(
        "| cycle | seconds | requests | 200 | 304 | pages parsed | new | changed | unchanged "
        "| failed | connections | RSS MB | peak RSS MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, seconds, report, seen, (rss, peak), connections, _docs in results:
        print(
            f"| {name} | {seconds:.2f} | {report.requests} | {seen[200]} | {seen[304]} "
            f"| {report.parses} | {report.total('new')} | {report.total('changed')} "
            f"| {report.total('unchanged')} | {report.total('failed')} | {connections} "
            f"| {rss:.0f} | {peak:.0f} |"
        )
    if args.documents:
        _print_documents(results, args.budget)
    unchanged = results[-1]
    only_304 = set(unchanged[3]) == {304} or args.documents  # new documents answer 200
    ok = unchanged[1] < 10 and unchanged[2].parses == 0 and only_304
    print(
        f"\nUnchanged cycle target (< 10 s, only 304s for pages, nothing parsed): "
        f"{'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


def _print_documents(results: list[Row], budget: int) -> None:
    print(f"\nDocuments step (budget {budget} per cycle):\n")
    print("| cycle | cycle s | documents s | share | checked | read | 304 | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, seconds, _report, _seen, _memory, _connections, d in results:
        if d is None:
            continue
        print(
            f"| {name} | {seconds:.2f} | {d.seconds:.2f} | {d.seconds / (seconds + d.seconds):.0%} "
            f"| {d.checked} | {d.read} | {d.unchanged} | {d.errors} |"
        )


if __name__ == "__main__":
    sys.exit(main())
