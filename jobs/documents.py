"""The documents job (job id `documents`): read the attachments apart from the page poll.

Why: the documents step (`sources.documents`) used to run inside the poll cycle, after the
pages, under the poll's lock. Four slow-drip PDFs then held the cycle, the next poll was
skipped, and the next new-agenda alert came after 205 s instead of 25 s. New agendas matter
more than late attachments, so the step is its own job:

- its own schedule: every poll interval, half an interval after the poll (it reads what the
  last poll stored, and the portal gets pages and documents at different moments); `coalesce`
  and `max_instances=1`, and the step's own deadline (`DocumentSettings.deadline_seconds`,
  80% of the interval) keep a run from overlapping the next;
- its own `Fetcher`, with its own per-host slots (`DOCUMENTS_PER_HOST`): a slow document
  server never holds a slot a page request waits for;
- its own PDF worker (`sources.pdftext.PdfReader`) under a memory cap and a time limit;
- its own flood scope (`alerts.flood.gathering`, a fresh name each run): when one chat gets
  more than a few new or changed documents in a run, they come as one summary.

A separate job rather than a task started by the poll: the JobQueue already gives one id, no
overlap, coalescing and a misfire policy; a document alert (a late attachment) comes at most
about half an interval after its page was stored, which is soon enough for a supplement.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass, replace
from typing import Any

import httpx
from telegram.ext import ContextTypes, Job, JobQueue

from agenda.clock import today
from alerts.flood import gathering, settle_left
from jobs.job_data import job_data
from jobs.metrics import metrics_of
from sources.documents import DocumentReader, DocumentReport
from sources.http import Fetcher, HttpSettings
from storage.db import Database
from storage.http_cache import load_cache

log = logging.getLogger(__name__)

DOCUMENTS_PER_HOST = 2  # document requests in flight to one host (pages have their own)


class DocumentStep:
    """One run of the documents step with its own fetcher; never two at once."""

    def __init__(
        self,
        db: Database,
        client: httpx.AsyncClient,
        reader: DocumentReader,
        http: HttpSettings | None = None,
    ) -> None:
        self.db = db
        self.client = client
        self.reader = reader
        self.http = replace(http or HttpSettings(), per_host=DOCUMENTS_PER_HOST)
        self._lock = asyncio.Lock()

    async def run(self) -> DocumentReport | None:
        """Read what is due; None (at once) when a run is still going."""
        if self._lock.locked():
            log.info("documents skipped: the previous run is still going")
            return None
        async with self._lock:
            fetcher = Fetcher(self.client, await load_cache(self.db), self.http)
            await settle_left(self.db, "documents")  # what a stopped run gathered
            # a flood scope: more than a few new documents for one chat become one summary
            async with gathering(self.db, f"documents:{secrets.token_hex(6)}"):
                return await self.reader.run(fetcher, today(self.db.clock))


@dataclass(frozen=True, slots=True)
class DocumentsJob:
    """The documents job's data."""

    step: DocumentStep


async def _documents_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    report = await job_data(context, DocumentsJob).step.run()
    if report is None:
        return
    metrics = metrics_of(context.bot_data)
    if metrics is not None:
        metrics.record_documents(report)
    if report.checked or report.scanned:
        log.info(
            "documents: %d checked, %d read, %d unchanged, %d failed in %.1f s%s",
            report.checked,
            report.read,
            report.unchanged,
            report.errors,
            report.seconds,
            " (stopped at the deadline)" if report.stopped else "",
        )


def schedule_documents(
    job_queue: JobQueue[Any], step: DocumentStep, interval_seconds: float
) -> Job[Any]:
    """Run `step` every `interval_seconds`, the first half an interval from now (job id
    `documents`, never overlapping)."""
    for old in job_queue.get_jobs_by_name("documents"):
        old.schedule_removal()
    return job_queue.run_repeating(
        _documents_job,
        interval=interval_seconds,
        first=interval_seconds / 2,
        data=DocumentsJob(step),
        name="documents",
        job_kwargs={
            "id": "documents",
            "misfire_grace_time": max(30, int(interval_seconds)),
            "coalesce": True,
            "max_instances": 1,
            "replace_existing": True,
        },
    )
