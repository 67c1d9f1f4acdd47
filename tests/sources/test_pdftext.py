"""Attachment text extraction on real-shaped PDFs made from the seeds
(`tests/support/pdfmaker.py`)."""

from __future__ import annotations

import asyncio

from sources.pdftext import PdfReader, extract_pdf, extract_pdf_sync
from sources.workers import MB, WorkerLimits
from tests.support import pdfmaker
from tests.support.hostile import bomb_pdf
from tests.support.processes import peak_rss_bytes


async def test_tjansteskrivelse_text_keeps_swedish_letters_and_the_proposal() -> None:
    result = await extract_pdf(pdfmaker.tjansteskrivelse_pdf())
    assert result.status == "ok"
    assert result.pages >= 1
    flat = " ".join(result.text.split())
    assert "HSN/203/2019" in flat
    assert "Hälso- och sjukvårdsnämnden föreslår regionfullmäktige" in flat
    assert "Motionen anses besvarad." in flat
    assert "närvårdsteamet" in flat


async def test_scanned_pdf_has_no_searchable_text() -> None:
    result = await extract_pdf(pdfmaker.scanned_pdf())
    assert (result.status, result.text, result.pages) == ("no_text", "", 1)


async def test_encrypted_truncated_and_non_pdf_are_verdicts_not_exceptions() -> None:
    assert (await extract_pdf(pdfmaker.encrypted_pdf())).status == "encrypted"
    assert (await extract_pdf(pdfmaker.truncated_pdf())).status == "broken"
    assert (await extract_pdf(b"<html><body>Logga in</body></html>")).status == "broken"
    assert (await extract_pdf(b"")).status == "broken"


async def test_size_and_page_caps() -> None:
    data = pdfmaker.minutes_pdf()
    over = await extract_pdf(data, max_bytes=len(data) - 1)
    assert over.status == "too_large"
    assert "limit" in over.detail
    assert (await extract_pdf(data, max_bytes=len(data))).status == "ok"
    pages = extract_pdf_sync(pdfmaker.long_pdf(3), max_pages=2)
    assert (pages.status, pages.pages) == ("too_large", 3)


async def test_extraction_leaves_the_event_loop_free() -> None:
    """A blocking extraction would finish before the ticker task ever ran."""
    ticks_during = 0
    done = False

    async def ticker() -> None:
        nonlocal ticks_during
        while not done:
            ticks_during += 1
            await asyncio.sleep(0)

    task = asyncio.create_task(ticker())
    result = await extract_pdf(pdfmaker.tjansteskrivelse_pdf())
    done = True
    await task
    assert result.status == "ok"
    assert ticks_during > 0


async def test_a_pdf_bomb_stops_in_the_worker_and_the_bot_stays_small() -> None:
    """1 KB that PDFium would inflate past 2.5 GB: the worker hits its memory cap, the verdict
    is too_large (over the limits), the bot's own memory never moves, and the next file is read
    by a fresh worker."""
    reader = PdfReader(WorkerLimits(seconds=20, memory_bytes=384 * MB))
    try:
        await reader.extract(pdfmaker.tjansteskrivelse_pdf())  # the worker is up
        before = peak_rss_bytes()
        bomb = bomb_pdf()
        assert len(bomb) < 2048
        result = await reader.extract(bomb)
        assert result.status == "too_large" and result.over_limits
        assert "384 MB" in result.detail
        assert peak_rss_bytes() - before < 50 * MB
        assert peak_rss_bytes() < 1024 * MB
        assert (await reader.extract(pdfmaker.tjansteskrivelse_pdf())).status == "ok"
    finally:
        await reader.close()


async def test_a_pdf_past_its_deadline_is_stopped() -> None:
    """Many pages of a smaller bomb: each fits in memory, together they take far too long."""
    reader = PdfReader(WorkerLimits(seconds=1.0, memory_bytes=384 * MB))
    try:
        result = await reader.extract(bomb_pdf(500_000, pages=100))
        assert result.status == "too_large" and result.over_limits
        assert "longer than 1 s" in result.detail
        assert (await reader.extract(pdfmaker.minutes_pdf())).status == "ok"
    finally:
        await reader.close()


async def test_the_worker_gives_the_same_verdicts_as_the_thread() -> None:
    reader = PdfReader()
    try:
        for data in (pdfmaker.tjansteskrivelse_pdf(), pdfmaker.scanned_pdf(), b"", b"%PDF-1.4"):
            assert await reader.extract(data) == await extract_pdf(data)
    finally:
        await reader.close()
