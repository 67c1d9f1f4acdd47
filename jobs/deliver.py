"""The delivery job (job id "deliver"): runs the outbox sender every half second.

Why: the sender (`alerts.sender`) sends everything due and returns; this job gives it a steady
heartbeat in the application's `JobQueue`, keeps one sender per process (made when the job is
scheduled, its pacing and outage state live across runs), and reports each burst to the log
and the metrics.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from telegram.ext import ContextTypes, Job, JobQueue

from alerts.sender import Sender, SenderSettings
from jobs.job_data import job_data
from jobs.metrics import metrics_of
from storage.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DeliverJob:
    """The delivery job's data: the process's one sender."""

    sender: Sender


async def _deliver_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    sender = job_data(context, DeliverJob).sender
    failed, limited = sender.stats.failed, sender.stats.retry_after
    started = time.monotonic()
    sent = await sender.run_until_idle()
    failed, limited = sender.stats.failed - failed, sender.stats.retry_after - limited
    metrics = metrics_of(context.bot_data)
    if metrics is not None:
        metrics.record_burst(sent, failed, limited)
    if sent or failed:  # one line per burst; the idle runs every half second say nothing
        log.info(
            "deliver: %d sent, %d failed (%d rate-limited) in %.1f s",
            sent,
            failed,
            limited,
            time.monotonic() - started,
        )


def schedule_deliver(
    job_queue: JobQueue[ContextTypes.DEFAULT_TYPE],
    db: Database,
    admin_chat_ids: frozenset[int],
    *,
    settings: SenderSettings | None = None,
    interval_seconds: float = 0.5,
) -> Job[ContextTypes.DEFAULT_TYPE]:
    """Run the outbox sender every `interval_seconds` (job id "deliver").

    A run sends everything due and returns; a tick that finds the previous run still busy
    returns at once (two instances allowed, the second a no-op), so no warning floods the log.
    `settings` defaults to Telegram's real limits, with `admin_chat_ids` told of dead letters.
    """
    chosen = settings or SenderSettings(admin_chat_ids=admin_chat_ids)
    sender = Sender(db, job_queue.application.bot, chosen)
    return job_queue.run_repeating(
        _deliver_job,
        interval=interval_seconds,
        first=0.1,
        name="deliver",
        data=DeliverJob(sender),
        job_kwargs={
            "id": "deliver",
            "max_instances": 2,
            "coalesce": True,
            "misfire_grace_time": 5,
        },
    )
