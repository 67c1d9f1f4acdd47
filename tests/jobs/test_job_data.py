"""Every job is scheduled with one frozen dataclass as its data, and reads it back typed: a job
given anything else fails at once, naming itself, instead of misreading its data."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram.ext import Application, ApplicationBuilder, CallbackContext

from demo.clock import ManualClock
from jobs.deliver import schedule_deliver
from jobs.digest import DigestJob, schedule_digest
from jobs.documents import DocumentStep, schedule_documents
from jobs.health import schedule_source_health
from jobs.job_data import job_data
from jobs.poll import CycleReport, schedule_poll
from jobs.prune import PruneJob, schedule_prune
from jobs.reminders import schedule_reminders
from sources.documents import DocumentReader
from storage.db import Database

App = Application[Any, Any, Any, Any, Any, Any]


async def _nothing(_context: object) -> None:
    return None


class _Runner:
    async def run_cycle(self) -> CycleReport:
        return CycleReport()


@pytest.fixture
async def db(tmp_path: Path, clock: ManualClock) -> AsyncIterator[Database]:
    opened = await Database.open(tmp_path / "jobs.sqlite3", clock)
    yield opened
    await opened.close()


def _app() -> App:
    return ApplicationBuilder().token("123:job-data").build()


async def test_every_job_is_scheduled_with_one_frozen_dataclass(db: Database) -> None:
    app = _app()
    queue = app.job_queue
    assert queue is not None
    async with httpx.AsyncClient() as client:
        schedule_poll(queue, _Runner(), 60)
        schedule_documents(queue, DocumentStep(db, client, DocumentReader(db)), 60)
        schedule_deliver(queue, db, frozenset())
        schedule_reminders(queue, db)
        schedule_digest(queue, db)
        schedule_prune(queue, db)
        schedule_source_health(queue, db, frozenset({1}), 30)
        jobs = {job.name: job.data for job in queue.jobs()}
    assert set(jobs) == {
        "poll",
        "documents",
        "deliver",
        "reminders",
        "digest",
        "prune",
        "source_health",
    }
    for name, data in jobs.items():
        assert dataclasses.is_dataclass(data) and not isinstance(data, type), name
        assert type(data).__dataclass_params__.frozen, name  # type: ignore[attr-defined]


async def test_a_job_reads_its_data_typed_and_refuses_another_shape(db: Database) -> None:
    app = _app()
    assert app.job_queue is not None
    right = schedule_prune(app.job_queue, db)
    assert job_data(CallbackContext.from_job(right, app), PruneJob).db is db
    wrong = app.job_queue.run_once(_nothing, 3600, data=(db, frozenset()), name="legacy")
    with pytest.raises(TypeError, match="job legacy was scheduled with tuple, not DigestJob"):
        job_data(CallbackContext.from_job(wrong, app), DigestJob)
