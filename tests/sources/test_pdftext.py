"""Attachment text extraction on real-shaped PDFs made from the seeds (tests/pdfmaker.py)."""

from __future__ import annotations

import asyncio

from sources.pdftext import extract_pdf, extract_pdf_sync
from tests import pdfmaker


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
