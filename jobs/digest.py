"""The daily digest job (job id "digest"): at `DIGEST_HOUR` (07:00 Europe/Stockholm) every
digest chat's held alerts become one message (`alerts.digest.send_digests`).

Why a job of its own: the digest is due once a day at a fixed wall-clock hour, whatever else
runs; a run missed while the bot was down is made up once within the hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from telegram.ext import ContextTypes, Job, JobQueue

from agenda.alert_times import DIGEST_HOUR
from agenda.clock import STOCKHOLM
from alerts.digest import send_digests
from jobs.job_data import job_data
from storage.db import Database


@dataclass(frozen=True, slots=True)
class DigestJob:
    """The digest job's data."""

    db: Database


async def _digest_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    await send_digests(job_data(context, DigestJob).db)


def schedule_digest(
    job_queue: JobQueue[ContextTypes.DEFAULT_TYPE], db: Database, hour: int = DIGEST_HOUR
) -> Job[ContextTypes.DEFAULT_TYPE]:
    """Send the digests every day at `hour`:00 Europe/Stockholm (job id "digest")."""
    return job_queue.run_daily(
        _digest_job,
        time=time(hour, 0, tzinfo=STOCKHOLM),
        name="digest",
        data=DigestJob(db),
        job_kwargs={"id": "digest", "misfire_grace_time": 3600, "coalesce": True},
    )
