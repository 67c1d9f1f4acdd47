"""The text of an attachment (PDF), read in a worker process with limits, and a plain verdict.

Why: the substance of an agenda item (proposal, case numbers, decisions) is in its PDFs. Reading
one is CPU work in native code (PDFium through pypdfium2, chosen by `bench/pdf.py`, see
BENCHMARKS.md), and a hostile file makes PDFium allocate without end: a 1.2 KB file whose
content stream inflates to 10 million characters took a reader to 2.5 GB (a 51 KB one took the
bot to 3 GB, got it OOM-killed, and each restart read it again). So `PdfReader` reads in a worker
process (`sources.workers`) with a memory cap (`RLIMIT_AS`, 384 MB) and a deadline (20 s): a
file that breaks either is the verdict `too_large` (with what it broke), stored like any
verdict, and the bot itself never grows. A file the bot cannot read is a verdict, not an
exception: `no_text` (a scan: pages without a text layer), `encrypted`, `broken` (cut off, not
a PDF) or `too_large` (bytes or pages over the caps, or the worker's memory or time), so a bad
attachment is counted and logged and the documents step goes on. `extract_pdf` reads in a
thread without those limits (tests and tools with trusted files); PDFium is not thread-safe, so
one lock lets a single extraction run at a time in a process.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from sources.workers import MB, LimitExceeded, WorkerLimits, WorkerPool

log = logging.getLogger(__name__)

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 300
MAX_TEXT_CHARS = 400_000  # what is stored and indexed per document
PDF_LIMITS = WorkerLimits(seconds=20.0, memory_bytes=384 * MB)

Status = Literal["ok", "no_text", "encrypted", "broken", "too_large"]
ERROR_STATUSES: frozenset[str] = frozenset({"encrypted", "broken", "too_large"})

_PDFIUM = threading.Lock()


@dataclass(frozen=True, slots=True)
class Extracted:
    """What a document gave: its text ('' unless `status` is ok) and how many pages it has;
    `page_texts` is the same text page by page (capped together at `MAX_TEXT_CHARS`)."""

    status: Status
    text: str = ""
    pages: int = 0
    detail: str = ""
    over_limits: bool = False  # the reader's memory or time limit stopped it
    page_texts: tuple[str, ...] = ()


#: How one page becomes text: PDFium's plain text by default; `sources.pdfagenda` lays the
#: page out as lines (indents kept, wrapped lines joined) from the characters' positions.
PageReader = Callable[[pdfium.PdfPage, pdfium.PdfTextPage], str]


def plain_page_text(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> str:
    return str(textpage.get_text_bounded())


class PdfReader:
    """One PDF worker process (started on first use); each file within `limits`."""

    def __init__(self, limits: WorkerLimits = PDF_LIMITS) -> None:
        self.limits = limits
        self._workers = WorkerPool("pdf", limits, size=1, warm=("sources.pdftext",))

    async def extract(
        self, data: bytes, *, max_bytes: int = MAX_PDF_BYTES, max_pages: int = MAX_PDF_PAGES
    ) -> Extracted:
        """The text of a PDF; never raises for a bad file (one that breaks the limits is
        `too_large`, its detail says which limit)."""
        if len(data) > max_bytes:
            return Extracted("too_large", detail=f"{len(data)} bytes, limit {max_bytes}")
        try:
            return await self._workers.run(extract_pdf_sync, data, max_pages)
        except LimitExceeded as exc:
            return Extracted("too_large", detail=f"reading stopped: {exc}", over_limits=True)

    def pids(self) -> list[int]:
        return self._workers.pids()

    async def close(self) -> None:
        await self._workers.close()


async def extract_pdf(
    data: bytes, *, max_bytes: int = MAX_PDF_BYTES, max_pages: int = MAX_PDF_PAGES
) -> Extracted:
    """The text of a PDF, read in a thread without memory or time limits (trusted files)."""
    if len(data) > max_bytes:
        return Extracted("too_large", detail=f"{len(data)} bytes, limit {max_bytes}")
    return await asyncio.to_thread(extract_pdf_sync, data, max_pages)


def extract_pdf_sync(
    data: bytes, max_pages: int = MAX_PDF_PAGES, read_page: PageReader = plain_page_text
) -> Extracted:
    """The blocking extraction (call it through `extract_pdf` from async code)."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        return Extracted("broken", detail="not a PDF (no %PDF header)")
    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            return _load_error(exc)
        try:
            return _read(document, max_pages, read_page)
        except pdfium.PdfiumError as exc:
            return Extracted("broken", detail=str(exc))
        finally:
            document.close()


def _load_error(exc: pdfium.PdfiumError) -> Extracted:
    code = getattr(exc, "err_code", None)
    if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        return Extracted("encrypted", detail=str(exc))
    return Extracted("broken", detail=str(exc))


def _read(document: pdfium.PdfDocument, max_pages: int, read_page: PageReader) -> Extracted:
    count = len(document)
    if count > max_pages:
        return Extracted("too_large", pages=count, detail=f"{count} pages, limit {max_pages}")
    texts: list[str] = []
    total = 0
    for index in range(count):
        if total >= MAX_TEXT_CHARS:
            break
        page = document[index]
        textpage = page.get_textpage()
        try:
            page_text = read_page(page, textpage).replace("\r\n", "\n").replace("\r", "\n")
        finally:
            textpage.close()
            page.close()
        texts.append(page_text[: MAX_TEXT_CHARS - total])
        total += len(texts[-1]) + 1
    text = "\n".join(texts)[:MAX_TEXT_CHARS]
    if not text.strip():
        return Extracted("no_text", pages=count)
    return Extracted("ok", text=text, pages=count, page_texts=tuple(texts))
