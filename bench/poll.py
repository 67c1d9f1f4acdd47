"""Benchmark: poll a generated Meetings Plus portal of 1,000 bodies and 10,000 meetings.

Why: polling must stay cheap for the portals and for our 2-core machine. This serves a generated
site (the sample portal's own rendering and HTTP server, in a separate process) on localhost and
measures the first cycle (backfill: every meeting fetched, parsed and stored) and an unchanged
cycle (target: under 10 s, only 304 answers, no page parsed). Prints a markdown table.
With `--documents`, item 3 of every meeting links a PDF and the poller runs its documents step
(at most `--budget` documents per cycle, as in production): the table then shows that step's
seconds and its share of the cycle.

    .venv/bin/python bench/poll.py [--bodies 1000] [--meetings 10000] [--per-host 4]
                                   [--documents [--budget 40] [--cycles 3]]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.config import Config
from demo.clock import ManualClock
from demo.sample_portal import SamplePortal
from demo.sample_seeds import Block
from demo.sample_site import SampleBody, SampleMeeting, SampleSite
from jobs.poll import CycleReport, Poller, PollSettings
from sources.config import SourceConfig
from sources.documents import DocumentReader, DocumentSettings
from sources.http import HttpSettings, make_http_client
from storage.db import Database

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


def serve(n_bodies: int, n_meetings: int, documents: bool, conn: Connection) -> None:
    async def main() -> None:
        async with SamplePortal(
            generated_site(n_bodies, n_meetings, documents), clock=CLOCK
        ) as portal:
            conn.send(portal.base_url)
            await asyncio.Event().wait()

    asyncio.run(main())


async def run_cycle(poller: Poller) -> tuple[float, CycleReport, Counter[int]]:
    started = time.perf_counter()
    report = await poller.run_cycle()
    return time.perf_counter() - started, report, report.statuses


async def bench(
    base_url: str, per_host: int, documents: DocumentSettings | None = None, cycles: int = 2
) -> list[tuple[str, float, CycleReport, Counter[int]]]:
    settings = PollSettings(  # the whole portal in one cycle: no page budget, no deadline
        http=HttpSettings(per_host=per_host, timeout_seconds=30),
        page_budget=10**9,
        source_deadline_seconds=3600.0,
    )
    with tempfile.TemporaryDirectory() as tmp:
        db = await Database.open(Path(tmp) / "bench.sqlite3", CLOCK)
        async with make_http_client(Config().user_agent, settings.http) as client:
            source = SourceConfig("meetingsplus", "Generated", base_url)
            reader = DocumentReader(db, documents) if documents is not None else None
            poller = Poller(db, client, [source], settings=settings, documents=reader)
            results = []
            names = ["first cycle (backfill)"] + [
                f"cycle {n} (pages unchanged)" for n in range(2, cycles + 1)
            ]
            for name in names:
                seconds, report, seen = await run_cycle(poller)
                results.append((name, seconds, report, seen))
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
    args = parser.parse_args()
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    server = ctx.Process(
        target=serve, args=(args.bodies, args.meetings, args.documents, child), daemon=True
    )
    server.start()
    try:
        base_url = parent.recv()
        documents = DocumentSettings(budget=args.budget) if args.documents else None
        results = asyncio.run(bench(base_url, args.per_host, documents, args.cycles))
    finally:
        server.terminate()
        server.join()
    print(
        f"Poll benchmark: {args.bodies} bodies, {args.meetings} meetings, "
        f"per-host limit {args.per_host}, localhost, {multiprocessing.cpu_count()} CPUs\n"
    )
    print(
        "| cycle | seconds | requests | 200 | 304 | pages parsed | new | changed | unchanged "
        "| failed |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, seconds, report, seen in results:
        print(
            f"| {name} | {seconds:.2f} | {report.requests} | {seen[200]} | {seen[304]} "
            f"| {report.parses} | {report.total('new')} | {report.total('changed')} "
            f"| {report.total('unchanged')} | {report.total('failed')} |"
        )
    if args.documents:
        _print_documents(results, args.budget)
    unchanged = results[1]
    only_304 = set(unchanged[3]) == {304} or args.documents  # new documents answer 200
    ok = unchanged[1] < 10 and unchanged[2].parses == 0 and only_304
    print(
        f"\nUnchanged cycle target (< 10 s, only 304s for pages, nothing parsed): "
        f"{'met' if ok else 'MISSED'}"
    )
    return 0 if ok else 1


def _print_documents(
    results: list[tuple[str, float, CycleReport, Counter[int]]], budget: int
) -> None:
    print(f"\nDocuments step (budget {budget} per cycle):\n")
    print("| cycle | cycle s | documents s | share | checked | read | 304 | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, seconds, report, _seen in results:
        d = report.documents
        if d is None:
            continue
        print(
            f"| {name} | {seconds:.2f} | {d.seconds:.2f} | {d.seconds / seconds:.0%} "
            f"| {d.checked} | {d.read} | {d.unchanged} | {d.errors} |"
        )


if __name__ == "__main__":
    sys.exit(main())
