"""The poll job: visit every source, store what changed, record health, never overlap.

Why: this is how a new agenda reaches members within minutes. One `Poller` owns a cycle: it
skips sources that are backed off after repeated failures, visits the others concurrently (each
source's failure stays its own), records each source's health and the cycle in `polls`, and
returns a report (new / changed / unchanged / failed per source) for `poll --once` (which
visits backed-off sources too: an operator checking a fixed source wants an answer now). Events are
written by `upsert_meeting` in the same transaction as the change, and `on_events` (the alert
fan-out) runs inside it, so nothing is lost if the process stops.

Fair to every source: sources are visited concurrently, each within its page budget
(`PollSettings.page_budget`, the rest continues next cycle from the source's frontier) and its
deadline (`source_deadline_seconds`), so one big or slow portal neither delays the others'
alerts in this cycle nor holds the next cycle back. A backfill (a first visit, or many new
meetings at once, see `sources.ingest`) is stored without per-meeting alerts and reported to the
admins in one message (`on_backfill`).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

import httpx
from telegram.ext import ContextTypes, Job, JobQueue

from agenda.clock import today
from agenda.model import Meeting
from jobs.metrics import metrics_of
from sources.config import SourceConfig
from sources.documents import DocumentReader, DocumentReport
from sources.feeds import FeedFailed, read_feed
from sources.http import Fetcher, HttpSettings
from sources.ingest import PAGE_BUDGET, Ingest, SourceReport
from sources.meetingsplus import MeetingsPlusCrawler, SourceFailed, Window
from sources.parse_pool import ParsePool
from storage.db import Database
from storage.held_pages import held_hashes
from storage.http_cache import load_cache
from storage.meetings import OnEvents
from storage.sources import (
    SourceState,
    ensure_source,
    finish_poll,
    load_frontier,
    record_attempt,
    record_page_error,
    replace_frontier,
    start_poll,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PollSettings:
    http: HttpSettings = field(default_factory=HttpSettings)
    backfill_months: int = 12
    recent_days: int = 45
    backoff_base_seconds: float = 300.0
    backoff_max_seconds: float = 6 * 3600.0
    page_budget: int = PAGE_BUDGET  # meeting pages per source per cycle
    source_deadline_seconds: float = 240.0  # one source's whole visit, below the poll interval


@dataclass(frozen=True, slots=True)
class Backfill:
    """New meetings a source brought at once, stored without per-meeting alerts."""

    source: str
    poll_id: int  # the cycle that found them (one notice per source and cycle)
    first_visit: bool
    stored: int  # new meetings stored
    agendas: list[Meeting]  # those with an agenda (a "new agenda" event not alerted)


OnBackfill = Callable[[Backfill], Awaitable[None]]


class CycleRunner(Protocol):
    """What the poll job runs: a `Poller`, or the bot's poll process (`bot.poll_process`)."""

    async def run_cycle(self) -> CycleReport: ...


@dataclass
class CycleReport:
    sources: list[SourceReport] = field(default_factory=list)
    requests: int = 0
    parses: int = 0
    skipped: bool = False  # another cycle was running
    documents: DocumentReport | None = None  # the documents step, when the poller has one
    statuses: Counter[int] = field(default_factory=Counter)  # answers by HTTP status

    def total(self, attr: str) -> int:
        return sum(int(getattr(s, attr)) for s in self.sources)


class Poller:
    def __init__(
        self,
        db: Database,
        client: httpx.AsyncClient,
        sources: Sequence[SourceConfig],
        *,
        on_events: OnEvents | None = None,
        on_backfill: OnBackfill | None = None,
        settings: PollSettings | None = None,
        respect_backoff: bool = True,
        parser: ParsePool | None = None,
        documents: DocumentReader | None = None,
    ) -> None:
        self.db = db
        self.parser = parser
        self.client = client
        self.sources = list(sources)
        self.on_events = on_events
        self.on_backfill = on_backfill
        self.settings = settings or PollSettings()
        self.respect_backoff = respect_backoff  # False for an operator's `poll --once`
        self.documents = documents  # reads the attachments after the pages, same fetcher
        self._lock = asyncio.Lock()

    async def run_cycle(self) -> CycleReport:
        """One poll of every source; returns at once (skipped) if a cycle is already running."""
        if self._lock.locked():
            log.info("poll skipped: the previous cycle is still running")
            return CycleReport(skipped=True)
        async with self._lock:
            return await self._cycle()

    async def _cycle(self) -> CycleReport:
        poll_id = await start_poll(self.db)
        fetcher = Fetcher(self.client, await load_cache(self.db), self.settings.http)
        held = await held_hashes(self.db)
        report = CycleReport()
        results = await asyncio.gather(
            *(self._visit(s, fetcher, held, poll_id) for s in self.sources)
        )
        report.sources = [r for r, _ in results]
        report.parses = sum(p for _, p in results)
        if self.documents is not None:
            report.documents = await self.documents.run(fetcher, today(self.db.clock))
        report.requests = fetcher.requests
        report.statuses = fetcher.statuses
        await finish_poll(
            self.db,
            poll_id,
            new=report.total("new"),
            changed=report.total("changed"),
            unchanged=report.total("unchanged"),
            failed=report.total("failed"),
        )
        return report

    async def _visit(
        self, source: SourceConfig, fetcher: Fetcher, held: dict[str, str], poll_id: int
    ) -> tuple[SourceReport, int]:
        report = SourceReport(source.name, source.kind)
        state = await ensure_source(self.db, source.name, source.kind, source.url)
        now = self.db.clock.now()
        until = state.backoff_until
        if until is not None and until > now and self.respect_backoff:
            report.skipped = f"backing off until {until.isoformat()}"
            return report, 0
        ingest = Ingest(
            self.db,
            fetcher,
            self.on_events,
            parser=self.parser,
            budget=self.settings.page_budget,
            held=held,
            frontier=await load_frontier(self.db, state.id),
        )
        try:
            await self._crawl_within_deadline(source, state, ingest, report)
        except (SourceFailed, FeedFailed) as exc:
            report.error = str(exc)
        except Exception as exc:  # a bug in one source must not stop the others
            log.exception("source %s crashed", source.name)
            report.error = f"{type(exc).__name__}: {exc}"
        finally:
            await ingest.flush()
            await replace_frontier(self.db, state.id, ingest.leftovers())
        if report.error is None and report.pages_ok == 0 and report.failed:
            report.error = report.errors[0]
        await self._record(state, report)
        await self._report_backfill(source, state, ingest, report, poll_id)
        return report, ingest.parses

    async def _report_backfill(
        self,
        source: SourceConfig,
        state: SourceState,
        ingest: Ingest,
        report: SourceReport,
        poll_id: int,
    ) -> None:
        if not report.backfill or report.new == 0 or self.on_backfill is None:
            return
        summary = Backfill(
            source.name, poll_id, not state.backfilled, report.new, list(ingest.quiet)
        )
        try:
            await self.on_backfill(summary)
        except Exception:  # the meetings are stored; a failed notice must not fail the poll
            log.exception("backfill notice for %s failed", source.name)

    async def _crawl_within_deadline(
        self, source: SourceConfig, state: SourceState, ingest: Ingest, report: SourceReport
    ) -> None:
        """Crawl; at the source's deadline stop, keep what was stored, and count it."""
        deadline = self.settings.source_deadline_seconds
        cut = asyncio.timeout(deadline)
        try:
            async with cut:
                await self._crawl(source, state, ingest, report)
        except TimeoutError:
            if not cut.expired():
                raise
            report.fail_page(f"visit stopped at its {deadline:g} s deadline; continues next cycle")

    async def _crawl(
        self, source: SourceConfig, state: SourceState, ingest: Ingest, report: SourceReport
    ) -> None:
        if source.kind == "feed":
            await read_feed(ingest, source, state.id, report, first_visit=not state.backfilled)
            return
        window = Window(
            today(self.db.clock),
            not state.backfilled,
            self.settings.backfill_months,
            self.settings.recent_days,
        )
        await MeetingsPlusCrawler(ingest, source, window).crawl(report)

    async def _record(self, state: SourceState, report: SourceReport) -> None:
        if report.error is not None:
            log.warning("source %s failed: %s", report.name, report.error)
        await record_attempt(
            self.db,
            state.id,
            error=report.error,
            failed_pages=report.failed + report.held,
            backoff_base=self.settings.backoff_base_seconds,
            backoff_max=self.settings.backoff_max_seconds,
            backfilled=report.error is None,
        )
        if report.error is None and report.errors:
            await record_page_error(self.db, state.id, report.errors[0])


async def _poll_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    assert context.job is not None
    poller = cast(CycleRunner, context.job.data)
    report = await poller.run_cycle()
    metrics = metrics_of(context.bot_data)
    if metrics is not None:
        metrics.record_cycle(report)
    if not report.skipped:
        log.info(
            "poll: %d new, %d changed, %d unchanged, %d failed, %d requests",
            report.total("new"),
            report.total("changed"),
            report.total("unchanged"),
            report.total("failed"),
            report.requests,
        )


def schedule_poll(
    job_queue: JobQueue[Any], poller: CycleRunner, interval_seconds: float
) -> Job[Any]:
    """Run `poller` every `interval_seconds` (first run at once); one job id, never overlapping."""
    for old in job_queue.get_jobs_by_name("poll"):  # also before the scheduler started
        old.schedule_removal()
    return job_queue.run_repeating(
        _poll_job,
        interval=interval_seconds,
        first=1,
        data=poller,
        name="poll",
        job_kwargs={
            "id": "poll",
            "misfire_grace_time": max(30, int(interval_seconds)),
            "coalesce": True,
            "max_instances": 1,
            "replace_existing": True,
        },
    )
