"""The text of an attachment (PDF), read off the event loop, with limits and a plain verdict.

Why: the substance of an agenda item (proposal, case numbers, decisions) is in its PDFs. Reading
one is CPU work in native code (PDFium through pypdfium2, chosen by `bench/pdf.py`, see
BENCHMARKS.md), so it runs in a worker thread (`asyncio.to_thread`) and never blocks the bot.
PDFium is not thread-safe: one lock lets a single extraction run at a time. A file the bot cannot
read is a verdict, not an exception: `no_text` (a scan: pages without a text layer),
`encrypted`, `broken` (cut off, not a PDF) or `too_large` (bytes or pages over the caps), so a
bad attachment is counted and logged and the poll goes on.
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

log = logging.getLogger(__name__)

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 300
MAX_TEXT_CHARS = 400_000  # what is stored and indexed per document

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
    page_texts: tuple[str, ...] = ()


#: How one page becomes text: PDFium's plain text by default; `sources.pdfagenda` lays the
#: page out as lines (indents kept, wrapped lines joined) from the characters' positions.
PageReader = Callable[[pdfium.PdfPage, pdfium.PdfTextPage], str]


def plain_page_text(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> str:
    return str(textpage.get_text_bounded())


async def extract_pdf(
    data: bytes, *, max_bytes: int = MAX_PDF_BYTES, max_pages: int = MAX_PDF_PAGES
) -> Extracted:
    """The text of a PDF, read in a worker thread; never raises for a bad file."""
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
