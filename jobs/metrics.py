"""Prometheus metrics of one bot process: polls, pages, alerts, delivery lag, update latency.

Why: an operator's monitoring should see that polls run, pages are fetched and parsed, alerts
flow and how late they are, and how fast the bot answers, without reading logs. Counters of what
this process did are incremented by the jobs (through `metrics_of(context)`, so the jobs need no
new arguments); totals kept in the database (outbox rows by status, retries, lag) are read at
each scrape by `refresh`, so they survive restarts. One private `CollectorRegistry` per
application, not the global one, so two applications (tests, the demo) never clash.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from storage.db import Database
from storage.outbox_payload import OutboxStatus
from storage.outbox_stats import outbox_metrics
from storage.sources import source_health

if TYPE_CHECKING:
    from jobs.poll import CycleReport
    from sources.documents import DocumentReport

METRICS_KEY = "metrics"
UPDATE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.poll_cycles = Counter("namndbot_poll_cycles", "Poll cycles run", registry=r)
        self.source_polls = Counter(
            "namndbot_source_polls", "Source visits by outcome", ["source", "outcome"], registry=r
        )
        self.pages_fetched = Counter("namndbot_pages_fetched", "HTTP requests", registry=r)
        self.pages_parsed = Counter("namndbot_pages_parsed", "Pages parsed", registry=r)
        self.reads_refused = Counter(
            "namndbot_reads_refused",
            "Reads not believed: pages held, documents kept at their last readable version,"
            " malformed links skipped",
            ["what"],
            registry=r,
        )
        self.alerts_sent = Counter("namndbot_alerts_sent", "Messages sent", registry=r)
        self.alerts_failed = Counter(
            "namndbot_alerts_failed", "Send attempts that failed", registry=r
        )
        self.rate_limited = Counter(
            "namndbot_alerts_rate_limited", "Sends answered 429 by Telegram", registry=r
        )
        self.update_seconds = Histogram(
            "namndbot_update_seconds", "Update handling time", buckets=UPDATE_BUCKETS, registry=r
        )
        self.outbox = Gauge(
            "namndbot_outbox_messages", "Outbox rows by status", ["status"], registry=r
        )
        self.retries = Gauge(
            "namndbot_outbox_retries", "Send attempts beyond the first", registry=r
        )
        self.due_lag = Gauge(
            "namndbot_delivery_due_lag_seconds", "Age of the oldest due unsent message", registry=r
        )
        self.lag = Gauge(
            "namndbot_delivery_lag_seconds",
            "Due-to-sent time of messages sent in the last hour",
            ["stat"],
            registry=r,
        )
        self.documents = Counter(
            "namndbot_documents_checked",
            "Documents checked by outcome (read, no_text, unchanged, failed)",
            ["outcome"],
            registry=r,
        )
        self.over_limits = Counter(
            "namndbot_over_limits",
            "Pages and documents whose reading broke a worker's time or memory limit",
            ["kind"],
            registry=r,
        )
        self.last_success = Gauge(
            "namndbot_source_last_success_timestamp_seconds",
            "When each source was last polled successfully",
            ["source"],
            registry=r,
        )

    def record_cycle(self, report: CycleReport) -> None:
        if report.skipped:
            return
        self.poll_cycles.inc()
        self.pages_fetched.inc(report.requests)
        self.pages_parsed.inc(report.parses)
        for source in report.sources:
            outcome = "skipped" if source.skipped else "failed" if source.error else "ok"
            self.source_polls.labels(source.name, outcome).inc()
            self.over_limits.labels("page").inc(source.over_limits)
        self.reads_refused.labels("page_held").inc(report.total("held"))
        self.reads_refused.labels("link_skipped").inc(report.total("skipped_links"))

    def record_documents(self, report: DocumentReport) -> None:
        for outcome, count in (
            ("read", report.read),
            ("no_text", report.no_text),
            ("unchanged", report.unchanged),
            ("failed", report.errors),
        ):
            self.documents.labels(outcome).inc(count)
        self.over_limits.labels("document").inc(report.over_limits)
        self.reads_refused.labels("document_kept").inc(report.kept)

    def record_burst(self, sent: int, failed: int, rate_limited: int) -> None:
        self.alerts_sent.inc(sent)
        self.alerts_failed.inc(failed)
        self.rate_limited.inc(rate_limited)

    async def refresh(self, db: Database, now: datetime) -> None:
        """Read the database totals into the gauges (before each scrape)."""
        found = await outbox_metrics(db, now)
        for status in OutboxStatus:
            self.outbox.labels(status.value).set(found.by_status.get(status, 0))
        self.retries.set(found.retries)
        self.due_lag.set(found.due_lag_seconds)
        self.lag.labels("avg").set(found.lag_last_hour_avg_seconds)
        self.lag.labels("max").set(found.lag_last_hour_max_seconds)
        for source in await source_health(db):
            if source.last_success:
                stamp = datetime.fromisoformat(source.last_success).timestamp()
                self.last_success.labels(source.name).set(stamp)

    def text(self) -> bytes:
        return generate_latest(self.registry)


def metrics_of(bot_data: Mapping[str, Any]) -> Metrics | None:
    found = bot_data.get(METRICS_KEY)
    return found if isinstance(found, Metrics) else None
