"""The reminders job (job id "reminders"): every 30 s, the reminders whose time has come are
written to the outbox (`alerts.reminders.enqueue_due_reminders`).

Why this often: a reminder must leave close to its time. The job ran every 15 minutes, and a
reminder due at 16:23 waited for the next run on the job's own grid (16:36 in a member's
report). Every 30 s, a reminder leaves within half a minute of its time (bench/reminders.py,
BENCHMARKS.md); a run with nothing new to send only reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram.ext import ContextTypes, Job, JobQueue

from alerts.reminders import enqueue_due_reminders
from jobs.job_data import job_data
from storage.db import Database

INTERVAL_SECONDS = 30.0  # how often due reminders are looked for


@dataclass(frozen=True, slots=True)
class RemindersJob:
    """The reminders job's data."""

    db: Database


async def _reminders_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await enqueue_due_reminders(job_data(context, RemindersJob).db)


def schedule_reminders(
    job_queue: JobQueue[ContextTypes.DEFAULT_TYPE],
    db: Database,
    interval_seconds: float = INTERVAL_SECONDS,
) -> Job[ContextTypes.DEFAULT_TYPE]:
    """Check for due reminders every `interval_seconds` (job id "reminders")."""
    return job_queue.run_repeating(
        _reminders_job,
        interval=interval_seconds,
        first=1,
        name="reminders",
        data=RemindersJob(db),
        job_kwargs={
            "id": "reminders",
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": 60,
        },
    )
