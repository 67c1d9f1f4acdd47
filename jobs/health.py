"""The source-health job (job id "source_health"): every five minutes, the admins are told of
sources failing longer than `SOURCE_FAILURE_ALERT_MINUTES` (`alerts.source_health`).

Why a job: a portal down for hours means members silently miss agendas; nobody would think to
ask, so the check runs by itself, once per failure period told.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram.ext import ContextTypes, Job, JobQueue

from alerts.source_health import report_failing_sources
from jobs.job_data import job_data
from storage.db import Database


@dataclass(frozen=True, slots=True)
class SourceHealthJob:
    """The source-health job's data: where to look, whom to tell, after how long."""

    db: Database
    admin_chat_ids: frozenset[int]
    failure_alert_minutes: int


async def _health_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    data = job_data(context, SourceHealthJob)
    await report_failing_sources(data.db, data.admin_chat_ids, data.failure_alert_minutes)


def schedule_source_health(
    job_queue: JobQueue[ContextTypes.DEFAULT_TYPE],
    db: Database,
    admin_chat_ids: frozenset[int],
    failure_alert_minutes: int,
    interval_seconds: float = 300,
) -> Job[ContextTypes.DEFAULT_TYPE]:
    """Check source health every `interval_seconds` (job id "source_health")."""
    return job_queue.run_repeating(
        _health_job,
        interval=interval_seconds,
        first=30,
        name="source_health",
        data=SourceHealthJob(db, admin_chat_ids, failure_alert_minutes),
        job_kwargs={
            "id": "source_health",
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": 60,
        },
    )
