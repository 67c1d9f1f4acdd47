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
alerts in this cycle nor holds the next cycle back. Their pages are parsed by a pool of worker
processes (`sources.parse_pool`), each page under a deadline and a memory cap, one source
holding at most all workers but one: one hostile page is that page's problem. A
backfill (a first visit, or many new meetings at once, see `sources.ingest`) is stored without
per-meeting alerts and reported to the admins in one message (`on_backfill`). The documents are
read by their own job (`jobs.documents`), never inside the cycle. A source, or one of its pages,
failing cycle after cycle is warned about once, and once when it recovers (`sources.failures`).
Each source's visit is a flood scope (`alerts.flood.gathering`): its new-agenda alerts are settled
when the visit ends, each as it is or, when one chat got more than a few, as one summary.

Each kind of source has its module: `meetingsplus` (`sources.meetingsplus`), `feed`
(`sources.feeds`), `webpage` (`sources.webpage`: a page listing kallelser and protokoll, whose
PDFs may be as large as documents). At each visit the organisation the sources file gives a
source is written to its bodies (`storage.bodies.set_organisation`) before any alert of the
visit, so a name given, changed or removed there shows in the next alert.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import httpx
from telegram.ext import ContextTypes, Job, JobQueue

from agenda.clock import today
from agenda.trust import Holding
from alerts.flood import gathering, settle_left
from jobs.job_data import job_data
from jobs.metrics import metrics_of
from sources.backfill import Backfill, OnBackfill
from sources.config import SourceConfig
from sources.failures import FailureLog
from sources.feeds import FeedFailed, read_feed
from sources.http import Fetcher, HttpSettings
from sources.ingest import PAGE_BUDGET, Ingest, SourceReport
from sources.meetingsplus import MeetingsPlusCrawler, SourceFailed, Window
from sources.parse_pool import ParsePool
from sources.pdftext import MAX_PDF_BYTES
from sources.webpage import WebpageCrawler, slug_of
from storage.bodies import set_organisation
from storage.db import Database
from storage.held_pages import held_hashes
from storage.http_cache import load_cache
from storage.meetings import OnEvents
from storage.over_limits import over_limits
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


class CycleRunner(Protocol):
    """What the poll job runs: a `Poller`, or the bot's poll process (`bot.poll_process`)."""

    async def run_cycle(self) -> CycleReport: ...


@dataclass
class CycleReport:
    sources: list[SourceReport] = field(default_factory=list)
    requests: int = 0
    parses: int = 0
    skipped: bool = False  # another cycle was running
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
    ) -> None:
        self.db = db
        self.parser = parser
        self.client = client
        self.sources = list(sources)
        self.on_events = on_events
        self.on_backfill = on_backfill
        self.settings = settings or PollSettings()
        self.respect_backoff = respect_backoff  # False for an operator's `poll --once`
        self.source_failures = FailureLog(log, "source")
        self.page_failures = FailureLog(log, "page")
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
        await settle_left(self.db, "poll")  # alerts a stopped cycle gathered, never settled
        fetcher = Fetcher(self.client, await load_cache(self.db), self.settings.http)
        held = await held_hashes(self.db)
        over = await over_limits(self.db, "page")
        report = CycleReport()
        results = await asyncio.gather(
            *(self._visit(s, fetcher, held, over, poll_id) for s in self.sources)
        )
        report.sources = [r for r, _ in results]
        report.parses = sum(p for _, p in results)
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
        self,
        source: SourceConfig,
        fetcher: Fetcher,
        held: dict[str, Holding],
        over: dict[str, str],
        poll_id: int,
    ) -> tuple[SourceReport, int]:
        report = SourceReport(source.name, source.kind, failures=self.page_failures)
        state = await ensure_source(self.db, source.name, source.kind, source.url)
        await self._name_organisation(source)
        now = self.db.clock.now()
        until = state.backoff_until
        if until is not None and until > now and self.respect_backoff:
            report.skipped = f"backing off until {until.isoformat()}"
            return report, 0
        # a webpage source's meetings are documents: PDFs up to the documents' size cap
        own = fetcher.with_max_bytes(MAX_PDF_BYTES) if source.kind == "webpage" else fetcher
        ingest = Ingest(
            self.db,
            own,
            self.on_events,
            parser=self.parser,
            budget=self.settings.page_budget,
            held=held,
            over=over,
            frontier=await load_frontier(self.db, state.id),
            organisation=source.organisation,
        )
        try:
            async with gathering(self.db, f"poll:{poll_id}:{source.name}"):
                await self._crawl_within_deadline(source, state, ingest, report)
        except (SourceFailed, FeedFailed) as exc:
            report.error = str(exc)
        except Exception as exc:  # a bug in one source must not stop the others
            log.exception("source %s crashed", source.name)
            report.error = f"{type(exc).__name__}: {exc}"
        finally:
            await ingest.flush()
            await replace_frontier(self.db, state.id, ingest.leftovers())
            if own is not fetcher:
                fetcher.requests += own.requests
        if report.error is None and report.pages_ok == 0 and report.failed:
            report.error = report.errors[0]
        await self._record(state, report)
        await self._report_backfill(source, state, ingest, report, poll_id)
        return report, ingest.parses

    async def _name_organisation(self, source: SourceConfig) -> None:
        slugs = [slug_of(source.body)] if source.body else None
        try:
            await set_organisation(self.db, source.home, source.organisation, slugs)
        except Exception:  # a display name must never stop a source's visit
            log.exception("naming the organisation of %s failed", source.name)

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
            report.fail_page(
                f"visit stopped at its {deadline:g} s deadline; continues next cycle",
                key=f"{source.name} (visit deadline)",
            )
        else:
            report.page_ok(f"{source.name} (visit deadline)")

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
        if source.kind == "webpage":
            await WebpageCrawler(ingest, source, window).crawl(report)
            return
        await MeetingsPlusCrawler(ingest, source, window).crawl(report)

    async def _record(self, state: SourceState, report: SourceReport) -> None:
        if report.error is not None:
            self.source_failures.failed(report.name, f"source {report.name} failed: {report.error}")
        elif not report.skipped:
            self.source_failures.ok(report.name)
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


@dataclass(frozen=True, slots=True)
class PollJob:
    """The poll job's data: what runs a cycle (a `Poller`, or the bot's poll process)."""

    runner: CycleRunner


async def _poll_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    report = await job_data(context, PollJob).runner.run_cycle()
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
        data=PollJob(poller),
        name="poll",
        job_kwargs={
            "id": "poll",
            "misfire_grace_time": max(30, int(interval_seconds)),
            "coalesce": True,
            "max_instances": 1,
            "replace_existing": True,
        },
    )
