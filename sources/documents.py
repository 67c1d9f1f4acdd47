"""Read the documents of recent and upcoming meetings, politely, once per version.

Why: the proposal, the decisions and most of the words members search for are in the PDFs
hanging below the items, not on the meeting page. After the pages of a poll cycle, this step
lists the attachments (and the minutes PDF) of the meetings from `recent_days` ago to
`ahead_days` ahead (only those changed since their last listing: an unchanged cycle lists
nothing), and checks at most `budget` of them per cycle, the never-checked first, then the
longest ago. Every request goes through the cycle's `Fetcher` (its per-host limits, its
conditional GET and content hash, with a document-sized cap), so an unchanged attachment costs
a 304 and no extraction; at most `concurrency` documents are in flight (in memory) at once. A
changed one is extracted off the event loop (`sources.pdftext`), read as a tjänsteskrivelse
(proposal, case numbers) or, for the minutes, as decisions aligned with the items, and stored
with its events; a minutes text also tells when the minutes were posted (`sources.appeals`).
A file that cannot be read is counted, never fatal, and never replaces a
readable version (`agenda.events.next_document`): a PDF served for a while as an HTML page or
cut short keeps its last good text and says nothing; the bad read is counted (`kept`), logged
and not cached, so the file is fetched again next cycle until the portal serves it right. The
agendas of every stored meeting (any date) are scanned for case numbers, `case_scans` a cycle,
only when changed since their last scan, so `/arende` finds old agendas too.

Bounded: the step has its own deadline (`deadline_seconds`) and each document one for its
fetch, retries included (`document_seconds`); the PDF is read by a worker process under a
memory cap and a time limit (`sources.pdftext.PdfReader`). A document cut off by a deadline is
counted as failed and goes to the back of the queue (its check time is recorded), so slow
servers cannot keep the others from being read. Bytes that broke the reader's limits are
remembered (`storage.over_limits`) and not read again until they change. The step runs as its
own job (`jobs.documents`), never inside the page poll: it cannot delay a new-agenda alert. A
document failing cycle after cycle is warned about once, and once when it recovers
(`sources.failures`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import date, timedelta

from agenda.decisions import AgendaSlot, align, parse_minutes
from agenda.events import READABLE, DocumentKind
from agenda.parse import ParseError, is_html, parse_item_document
from sources.appeals import posting_from_minutes
from sources.failures import FailureLog
from sources.http import Fetched, Fetcher, FetchError
from sources.pdftext import (
    ERROR_STATUSES,
    MAX_PDF_BYTES,
    MAX_PDF_PAGES,
    Extracted,
    PdfReader,
    extract_pdf,
)
from sources.workers import WorkerUnavailable
from storage.cases import scan_agendas
from storage.db import Database
from storage.documents import (
    DocumentRead,
    Listed,
    StoredDocument,
    documents_to_check,
    list_documents,
    mark_checked,
    meetings_to_list,
    save_read,
)
from storage.http_cache import save_cache
from storage.meeting_rows import StoredMeeting
from storage.meetings import OnEvents, get_meeting
from storage.over_limits import forget_over_limits, over_limits, remember_over_limits

log = logging.getLogger(__name__)

DOCUMENT_SECONDS = 90.0  # one document's fetch, its retries included


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    recent_days: int = 28
    ahead_days: int = 60
    budget: int = 40  # document requests per poll cycle
    case_scans: int = 500  # agendas (any date) scanned for case numbers per cycle
    concurrency: int = 4  # documents in flight at once (each up to max_bytes in memory)
    max_bytes: int = MAX_PDF_BYTES
    max_pages: int = MAX_PDF_PAGES
    deadline_seconds: float = 240.0  # the whole step (the job's interval is the poll's)
    document_seconds: float = DOCUMENT_SECONDS  # one document's fetch, retries included


@dataclass
class DocumentReport:
    """What one documents step did; `errors` counts unreadable or unfetchable documents."""

    meetings: int = 0
    scanned: int = 0  # agendas scanned for case numbers
    checked: int = 0
    unchanged: int = 0
    read: int = 0
    no_text: int = 0
    errors: int = 0
    kept: int = 0  # unreadable reads (HTML, cut, broken) that left the last good version
    events: int = 0
    seconds: float = 0.0
    over_limits: int = 0  # documents whose reading broke the worker's limits (in errors too)
    stopped: bool = False  # the step's deadline came before every due document was checked


def listed_documents(meeting: StoredMeeting) -> list[Listed]:
    """The attachments with a link, per item position, and the minutes PDF."""
    listed: dict[str, Listed] = {}
    for position, item in enumerate(meeting.meeting.items):
        for attachment in item.attachments:
            if attachment.url and attachment.url not in listed:
                listed[attachment.url] = Listed(attachment.url, attachment.title, position)
    minutes = meeting.meeting.minutes_url
    if minutes and minutes not in listed:
        listed[minutes] = Listed(minutes, None, None, kind=DocumentKind.MINUTES)
    return list(listed.values())


class DocumentReader:
    """The documents step (see the module docstring). `pdf`: the PDF worker; None reads in a
    thread without memory or time limits (tests with trusted files)."""

    def __init__(
        self,
        db: Database,
        settings: DocumentSettings | None = None,
        *,
        on_events: OnEvents | None = None,
        pdf: PdfReader | None = None,
    ) -> None:
        self.db = db
        self.settings = settings or DocumentSettings()
        self.on_events = on_events
        self.pdf = pdf
        self.failures = FailureLog(log, "document")
        self._over: dict[str, str] = {}  # URL → bytes that broke the reader's limits

    async def run(self, fetcher: Fetcher, today: date) -> DocumentReport:
        started = time.monotonic()
        ends = asyncio.get_running_loop().time() + self.settings.deadline_seconds
        report = DocumentReport()
        start = today - timedelta(days=self.settings.recent_days)
        end = today + timedelta(days=self.settings.ahead_days)
        in_window, to_list = await meetings_to_list(self.db, start, end)
        report.meetings = len(in_window)
        meetings: dict[int, StoredMeeting] = {}
        for meeting_id in to_list:  # only meetings changed since their last listing
            stored = await get_meeting(self.db, meeting_id)
            if stored is not None:
                meetings[meeting_id] = stored
                await list_documents(self.db, meeting_id, listed_documents(stored))
        report.scanned, events = await scan_agendas(
            self.db, self.settings.case_scans, on_events=self.on_events
        )
        report.events += len(events)
        due = await documents_to_check(self.db, in_window, self.settings.budget)
        for doc in due:
            if doc.meeting_id not in meetings:
                stored = await get_meeting(self.db, doc.meeting_id)
                if stored is not None:
                    meetings[doc.meeting_id] = stored
        files = fetcher.with_max_bytes(self.settings.max_bytes)
        slots = asyncio.Semaphore(self.settings.concurrency)
        self._over = await over_limits(self.db, "document")
        attempted: list[int] = []

        async def check(doc: StoredDocument) -> None:
            async with slots:
                if asyncio.get_running_loop().time() >= ends:
                    report.stopped = True  # left for the next run, its place kept
                    return
                attempted.append(doc.id)
                await self._check(files, meetings[doc.meeting_id], doc, report, ends)

        await asyncio.gather(*(check(d) for d in due if d.meeting_id in meetings))
        await mark_checked(self.db, attempted)
        if report.stopped:
            deadline = self.settings.deadline_seconds
            log.info("documents: the step stopped at its %g s deadline", deadline)
        report.seconds = time.monotonic() - started
        return report

    async def _check(
        self,
        fetcher: Fetcher,
        meeting: StoredMeeting,
        doc: StoredDocument,
        report: DocumentReport,
        ends: float,
    ) -> None:
        """Fetch one document within its deadline, read it (the PDF worker has its own limits),
        store the read."""
        report.checked += 1
        loop = asyncio.get_running_loop()
        cut = asyncio.timeout_at(min(ends, loop.time() + self.settings.document_seconds))
        try:
            async with cut:
                fetched = await fetcher.fetch(doc.url)
        except FetchError as exc:
            report.errors += 1
            self.failures.failed(doc.url, f"document {doc.url}: {exc}")
            return
        except TimeoutError:
            if not cut.expired():
                raise
            report.errors += 1
            self.failures.failed(doc.url, f"document {doc.url}: not fetched within its deadline")
            return
        if not fetched.changed:
            report.unchanged += 1
            if doc.status not in ERROR_STATUSES:
                self.failures.ok(doc.url)
            return
        if not self._still_over(fetched, report):
            try:
                read = await self._read(fetched, meeting, doc, report)
            except WorkerUnavailable as exc:  # not the file's fault: read again next time
                report.errors += 1
                log.error("document %s not read: %s", doc.url, exc)
                return
            await self._store(fetched, meeting, doc, read, report)
        if fetched.entry is not None:
            await save_cache(self.db, [fetched.entry])
            fetcher.cache[fetched.url] = fetched.entry

    def _still_over(self, fetched: Fetched, report: DocumentReport) -> bool:
        """These bytes broke the reader's limits before: not read again (counted, logged)."""
        digest = fetched.entry.content_hash if fetched.entry else None
        if digest is None or self._over.get(fetched.url) != digest:
            return False
        report.errors += 1
        report.over_limits += 1
        self.failures.failed(
            fetched.url, f"document {fetched.url}: not read again: it broke the reader's limits"
        )
        return True

    async def _store(
        self,
        fetched: Fetched,
        meeting: StoredMeeting,
        doc: StoredDocument,
        read: DocumentRead,
        report: DocumentReport,
    ) -> None:
        try:
            saved = await save_read(self.db, meeting.id, read, on_events=self.on_events)
        except Exception:  # a storage or alert bug must not stop the other documents
            log.exception("storing document %s failed", doc.url)
            report.errors += 1
            return
        if not saved.stored:  # not cached either: the next cycle fetches it again
            report.kept += 1
            message = f"document {doc.url}: {read.detail}; its last readable version is kept"
            self.failures.failed(doc.url, message)
            return
        report.events += len(saved.events)
        if doc.kind == DocumentKind.MINUTES and read.status == "ok":
            await self._posting(meeting, doc, read.text, report)
        report.read += read.status == "ok"
        report.no_text += read.status == "no_text"
        report.errors += read.status in ERROR_STATUSES
        if read.status not in ERROR_STATUSES:
            self.failures.ok(doc.url)

    async def _extract(self, fetched: Fetched, report: DocumentReport) -> Extracted:
        """The PDF's text, in the worker (or a thread); bytes over its limits are remembered."""
        settings = self.settings
        if self.pdf is None:
            return await extract_pdf(
                fetched.content, max_bytes=settings.max_bytes, max_pages=settings.max_pages
            )
        extracted = await self.pdf.extract(
            fetched.content, max_bytes=settings.max_bytes, max_pages=settings.max_pages
        )
        digest = fetched.entry.content_hash if fetched.entry else None
        if digest is not None and extracted.over_limits:
            await remember_over_limits(self.db, "document", fetched.url, digest, extracted.detail)
            report.over_limits += 1
        elif self._over.pop(fetched.url, None) is not None:
            await forget_over_limits(self.db, "document", fetched.url)
        return extracted

    async def _posting(
        self, meeting: StoredMeeting, doc: StoredDocument, text: str, report: DocumentReport
    ) -> None:
        """The minutes' ANSLAG/BEVIS box: when they were posted (`sources.appeals`)."""
        try:
            recorded = await posting_from_minutes(
                self.db, meeting.id, doc.url, text, self.on_events
            )
        except Exception:  # the decisions are stored; a posting bug must not undo them
            log.exception("recording the posting in %s failed", doc.url)
            report.errors += 1
            return
        report.events += len(recorded.events) if recorded else 0

    async def _read(
        self, fetched: Fetched, meeting: StoredMeeting, doc: StoredDocument, report: DocumentReport
    ) -> DocumentRead:
        extracted = await self._extract(fetched, report)
        detail = extracted.detail
        if extracted.status != "ok" and is_html(fetched.content[:1024].decode("latin-1")):
            detail = "an HTML page, not the document (an error or login page?)"
        if extracted.status in ERROR_STATUSES and doc.status not in READABLE:
            self.failures.failed(doc.url, f"document {doc.url}: {extracted.status} ({detail})")
        digest = fetched.entry.content_hash if fetched.entry else None
        read = DocumentRead(
            doc.url,
            extracted.status,
            digest or "",
            text=extracted.text,
            pages=extracted.pages,
            detail=detail,
        )
        if extracted.status != "ok":
            return read
        if doc.kind == DocumentKind.MINUTES:
            slots = [
                AgendaSlot(pos, item.number, item.paragraph, item.title)
                for pos, item in enumerate(meeting.meeting.items)
            ]
            paragraphs = parse_minutes(extracted.text)
            by_paragraph = {p.paragraph: pos for pos, p in align(paragraphs, slots).items()}
            read.decisions = [(by_paragraph.get(p.paragraph), p) for p in paragraphs]
            return read
        try:
            item_doc = parse_item_document(extracted.text)
        except ParseError:
            return read
        read.proposal = item_doc.proposal
        read.proposal_heading = item_doc.proposal_heading
        read.case_numbers = list(item_doc.case_numbers)
        return read
