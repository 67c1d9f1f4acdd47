"""`python -m bot poll --once`: run one poll cycle and print what each source gave.

Why: operators check a new or failing source from the command line, with the same code path as
the scheduled jobs (the pages, then the documents step), including the parse and PDF workers
with their limits and the alert fan-out (so a manual poll never swallows alerts: the events it
finds are queued for delivery like any other).
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys

from agenda.clock import SystemClock
from alerts.backfill import backfill_notifier
from alerts.fanout import enqueue_alerts
from bot.config import Config, ConfigError, load_config
from bot.logs import setup_logging, token_secrets
from jobs.documents import DocumentStep
from jobs.poll import CycleReport, Poller, PollSettings
from sources.config import SourcesError, load_sources
from sources.documents import DocumentReader, DocumentReport
from sources.http import make_http_client
from sources.parse_pool import ParsePool
from sources.pdftext import PdfReader
from storage.db import Database


def format_report(report: CycleReport, documents: DocumentReport | None = None) -> list[str]:
    lines: list[str] = []
    for s in report.sources:
        if s.skipped:
            lines.append(f"{s.name}: skipped ({s.skipped})")
            continue
        status = f"FAILED: {s.error}" if s.error else "ok"
        counts = f"new {s.new}, changed {s.changed}, unchanged {s.unchanged}, failed {s.failed}"
        extra = f", announcements {s.announcements}" if s.kind == "feed" else ""
        extra += "".join(
            f", {label} {n}"
            for label, n in (
                ("held", s.held),
                ("deferred", s.deferred),
                ("links skipped", s.skipped_links),
            )
            if n
        )
        extra += ", backfill (not alerted one by one)" if s.backfill else ""
        lines.append(f"{s.name} ({s.kind}): {counts}{extra} — {status}")
        lines += [f"  error: {e}" for e in s.errors if e != s.error]
    lines.append(f"{report.requests} requests, {report.parses} pages parsed")
    d = documents
    if d is not None:
        lines.append(
            f"documents: {d.checked} checked, {d.unchanged} unchanged, {d.read} read,"
            f" {d.no_text} without text, {d.errors} failed ({d.meetings} meetings in the window)"
            + (f", {d.kept} unreadable (last readable version kept)" if d.kept else "")
        )
    return lines


async def _poll_once(config: Config) -> tuple[CycleReport, DocumentReport | None]:
    sources = load_sources(config.sources_file)
    db = await Database.open(config.database_path, SystemClock())
    parser, pdf = ParsePool(), PdfReader()
    try:
        async with make_http_client(config.user_agent) as client:
            poller = Poller(
                db,
                client,
                sources,
                on_events=enqueue_alerts,
                on_backfill=backfill_notifier(db, config.admin_chat_ids),
                settings=PollSettings(backfill_months=config.backfill_months),
                respect_backoff=False,  # the operator asks now; the back-off is the job's
                parser=parser,
            )
            reader = DocumentReader(db, on_events=enqueue_alerts, pdf=pdf)
            report = await poller.run_cycle()
            return report, await DocumentStep(db, client, reader).run()
    finally:
        await parser.close()
        await pdf.close()
        await db.close()


def run_poll(once: bool) -> int:
    if not once:
        print(
            "Use `python -m bot poll --once` for one cycle; `python -m bot run` schedules polling."
        )
        return 2
    try:
        config = load_config()
    except ConfigError as exc:
        print(f"poll: configuration error: {'; '.join(exc.problems)}", file=sys.stderr)
        return 1
    setup_logging(config.log_level, config.log_format, token_secrets(config.token))
    try:
        report, documents = asyncio.run(_poll_once(config))
    except SourcesError as exc:
        print(f"poll: {exc}", file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as exc:
        print(f"poll: cannot open the database {config.database_path}: {exc}", file=sys.stderr)
        return 1
    for line in format_report(report, documents):
        print(line)
    return 0
