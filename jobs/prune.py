"""The daily prune (job id "prune"): see `storage.prune` for what is forgotten and when.

Why a job: pruning is housekeeping that must run without anyone remembering it, once a day
at a quiet hour, and catch up once (not many times) after the bot was down.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import time

from telegram.ext import ContextTypes, Job, JobQueue

from agenda.clock import STOCKHOLM
from jobs.job_data import job_data
from storage.db import Database
from storage.prune import prune

log = logging.getLogger(__name__)
PRUNE_HOUR = 3


@dataclass(frozen=True, slots=True)
class PruneJob:
    """The prune job's data."""

    db: Database


async def _prune_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    pruned = await prune(job_data(context, PruneJob).db)
    log.info(
        "pruned %d outbox rows, %d events, %d poll records",
        pruned.outbox,
        pruned.events,
        pruned.polls,
    )


def schedule_prune(
    job_queue: JobQueue[ContextTypes.DEFAULT_TYPE], db: Database
) -> Job[ContextTypes.DEFAULT_TYPE]:
    """Every night at 03:00 Stockholm time; a missed run is made up once within six hours."""
    return job_queue.run_daily(
        _prune_job,
        time=time(PRUNE_HOUR, 0, tzinfo=STOCKHOLM),
        name="prune",
        data=PruneJob(db),
        job_kwargs={"id": "prune", "misfire_grace_time": 6 * 3600, "coalesce": True},
    )
