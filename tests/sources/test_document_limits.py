"""The documents step's limits, through the real pieces (sample portal over HTTP, the poller,
the documents step with its own fetcher, the PDF worker, a real SQLite file): slow documents
are cut at their deadline and go to the back of the queue while the others are read; the step
ends by its own deadline; a PDF bomb is a stored verdict, remembered and never read again; a
document that keeps failing is warned about once, and once when it recovers."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from jobs.documents import DocumentStep
from sources.documents import DocumentReader, DocumentSettings
from sources.pdftext import PdfReader
from sources.workers import MB, WorkerLimits
from tests.support import pdfmaker
from tests.support.hostile import bomb_pdf
from tests.support.pollkit import FAST, TODAY, Env, rows


@pytest.fixture
async def pdf() -> AsyncIterator[PdfReader]:
    reader = PdfReader(WorkerLimits(seconds=5.0, memory_bytes=384 * MB))
    yield reader
    await reader.close()


async def _meeting_with(env: Env, files: dict[str, bytes]) -> tuple[str, dict[str, str]]:
    """A new meeting of regionstyrelsen whose item 2 links `files` (name → PDF), polled and
    stored; its path and each file's path on the portal."""
    path = env.portal.publish_meeting("regionstyrelsen", TODAY + timedelta(days=12))
    for name, data in files.items():
        env.portal.add_attachment(path, 2, f"Bilaga {name}", name, data)
    await env.poller([env.portal_source()]).run_cycle()
    return path, {name: f"{path}/agenda/{name}" for name in files}


def _step(env: Env, pdf: PdfReader | None = None, **settings: float) -> DocumentStep:
    reader = DocumentReader(env.db, DocumentSettings(budget=500, **settings), pdf=pdf)  # type: ignore[arg-type]
    return DocumentStep(env.db, env.client, reader, FAST)


async def test_slow_documents_are_cut_at_their_deadline_and_the_others_read(env: Env) -> None:
    _path, paths = await _meeting_with(
        env, {f"drip-{n}pdf": pdfmaker.text_pdf(f"Bilaga {n}") for n in range(4)}
    )
    for file in paths.values():
        env.portal.inject(file, "drip")  # one byte every 50 ms, never done
    step = _step(env, document_seconds=1.0)
    started = time.monotonic()
    report = await step.run()
    assert report is not None
    assert time.monotonic() - started < 6
    assert report.errors == 4 and report.read >= 2  # the sample's other documents were read
    cut = await rows(
        env.db,
        "SELECT count(*) FROM documents WHERE url LIKE '%drip-%' AND checked_at IS NOT NULL",
    )
    assert cut == [(4,)]  # tried: their turn comes after the others next time


async def test_the_step_ends_at_its_own_deadline(env: Env) -> None:
    _path, paths = await _meeting_with(
        env, {f"drip-{n}pdf": pdfmaker.text_pdf(f"Bilaga {n}") for n in range(6)}
    )
    for file in paths.values():
        env.portal.inject(file, "drip")
    step = _step(env, document_seconds=30.0, deadline_seconds=1.5)
    started = time.monotonic()
    report = await step.run()
    assert report is not None
    assert time.monotonic() - started < 4
    assert report.errors >= 1


async def test_a_pdf_bomb_is_a_stored_verdict_never_read_again(env: Env, pdf: PdfReader) -> None:
    path, paths = await _meeting_with(env, {"bombpdf": bomb_pdf()})
    step = _step(env, pdf)
    report = await step.run()
    assert report is not None and report.over_limits == 1
    url = env.portal.url(paths["bombpdf"]) + "?downloadMode=open"
    ((status, detail),) = await rows(
        env.db, "SELECT status, detail FROM documents WHERE url = ?", url
    )
    assert status == "too_large" and "reading stopped" in detail
    assert await rows(env.db, "SELECT kind FROM over_limits WHERE url = ?", url) == [("document",)]
    reading = pdf.pids()  # a fresh worker read the sample's other documents after the bomb

    # Even with the HTTP cache lost (the same bytes fetched again), the bomb is not read again:
    # the worker that reads everything else survives the run.
    async with env.db.transaction() as conn:
        await conn.execute("DELETE FROM http_cache")
    again = await step.run()
    assert again is not None and again.over_limits == 1
    assert pdf.pids() == reading

    # New bytes at that URL are read normally, and the mark is gone.
    env.portal.add_attachment(path, 2, "Bilaga", "bombpdf", pdfmaker.text_pdf("En bilaga."))
    await env.poller([env.portal_source()]).run_cycle()
    healed = await step.run()
    assert healed is not None and healed.over_limits == 0
    assert await rows(env.db, "SELECT url FROM over_limits") == []
    ((status,),) = await rows(env.db, "SELECT status FROM documents WHERE url = ?", url)
    assert status == "ok"


async def test_a_failing_document_is_warned_once_and_its_recovery_once(
    env: Env, caplog: pytest.LogCaptureFixture
) -> None:
    _path, paths = await _meeting_with(env, {"trasigpdf": pdfmaker.text_pdf("Bilaga")})
    file = paths["trasigpdf"]
    env.portal.serve(file, b"", status=404)
    step = _step(env)
    caplog.set_level(logging.DEBUG, logger="sources.documents")
    for _ in range(3):
        await step.run()
    env.portal.heal(file)
    await step.run()
    await step.run()
    about = [r for r in caplog.records if "trasigpdf" in r.getMessage()]
    warnings = [r.getMessage() for r in about if r.levelno == logging.WARNING]
    assert len(warnings) == 2, warnings
    assert "HTTP 404" in warnings[0] and "recovered after 3 failed attempts" in warnings[1]
    assert [r.levelno for r in about].count(logging.DEBUG) == 2  # the repeats
