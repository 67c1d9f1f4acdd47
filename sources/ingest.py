"""One source visit's shared machinery: fetch meeting pages, parse, check, upsert, count.

Why: both the Meetings Plus crawler and the feed reader end in the same step (meeting page URLs
→ stored meetings + events), and both must count new/changed/unchanged/failed the same way,
never let one bad page stop the cycle, and only remember a page's validators once its content
was stored (so a page that failed or was held is fetched again next time). The same step keeps
the crawl bounded and the store true:

- a per-cycle page budget per source: links beyond it are deferred to the next cycle (the
  source's frontier), so a chain of pages linking new pages cannot hold a poll;
- a doubtful page (`agenda.trust`: a maintenance or login page, a cut-off page, another
  meeting's page, an agenda shrunk by more than a third) is not stored or alerted: it is held
  and counted as a source problem, and stored only once the portal has served the same content
  consistently (`agenda.trust.confirmed`); another stored meeting's agenda never is;
- a backfill (a first visit, or many new meetings at once) stores new meetings without alerting
  them one by one; they are collected for one summary to the admins;
- a page whose parse broke the parse workers' limits (`sources.parse_pool`) is that page's
  problem: counted, remembered by the hash of its bytes (`storage.over_limits`), and not parsed
  again until the bytes change; a page failing cycle after cycle is warned about once, and
  once when it recovers (`sources.failures`).

A source whose documents are not meeting pages (a webpage source's PDFs) gives its own `reader`
(bytes and the link that led there → `Meeting`); the date its link shows then counts as the date
in a Meetings Plus URL does: a document of another date is held like any doubtful page.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import date

from agenda.model import Meeting
from agenda.parse import ParseError, body_slug_and_date_from_url, is_html
from agenda.trust import Holding, another_meeting, confirmed, doubts, needs_comparison
from sources.failures import FailureLog
from sources.http import Fetched, Fetcher, FetchError
from sources.parse_pool import PageOverLimits, ParsePool, parse_in_thread
from sources.pdfagenda import read_pdf_meeting
from storage.db import Database
from storage.held_pages import hold_page, other_agendas, release_page
from storage.http_cache import CacheEntry, Link, replace_links, save_cache
from storage.meetings import (
    OnEvents,
    UpsertResult,
    content_hash,
    stored_version,
    upsert_meeting,
)
from storage.over_limits import forget_over_limits, remember_over_limits

#: Meeting pages one source may fetch in one cycle (a first visit of a large portal, ~30 bodies
#: with a year of meetings each, takes two or three cycles).
PAGE_BUDGET = 200
#: This many new meeting links in one visit make it a backfill (a real portal publishes a few
#: meetings a day; dozens at once is a first visit, a portal that renamed its URLs, or a listing
#: that suddenly shows its whole history).
BACKFILL_THRESHOLD = 20
_HTML_END_RE = re.compile(rb"</html\s*>", re.IGNORECASE)

log = logging.getLogger(__name__)

#: A source's own reading of a fetched document: (content, the link to it) → the meeting.
Reader = Callable[[bytes, Link], Awaitable[Meeting]]


@dataclass
class SourceReport:
    """What one source visit found. `error` set means the source as a whole failed."""

    name: str
    kind: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    announcements: int = 0
    pages_ok: int = 0
    errors: list[str] = field(default_factory=list)
    error: str | None = None
    skipped: str | None = None
    held: int = 0  # doubtful pages held back (a source problem, see agenda.trust)
    skipped_links: int = 0  # malformed links left out
    deferred: int = 0  # meeting links left for the next cycle (page budget)
    backfill: bool = False  # new meetings were stored without alerts
    _skipped: set[tuple[str, str]] = field(default_factory=set, repr=False)
    over_limits: int = 0  # pages whose parse broke the workers' limits (counted in failed too)
    failures: FailureLog | None = None  # what keeps failing across cycles (logged once)

    def fail_page(self, message: str, key: str | None = None) -> None:
        """Count a failed page; logged at WARNING, or once per failing `key` with `failures`."""
        self.failed += 1
        self.errors.append(message)
        if self.failures is not None and key is not None:
            self.failures.failed(key, f"source {self.name}: {message}")
        else:
            log.warning("source %s: %s", self.name, message)

    def page_ok(self, key: str) -> None:
        if self.failures is not None:
            self.failures.ok(key)

    def hold_page(self, message: str) -> None:
        self.held += 1
        self.errors.append(message)
        log.warning("source %s: %s", self.name, message)

    def skip_links(self, page_url: str, hrefs: list[str]) -> None:
        """Count malformed links of `page_url` (the page's other links were still read); one
        link is counted once, though the crawl and the parse both read it."""
        hrefs = [h for h in hrefs if (page_url, h) not in self._skipped]
        self._skipped.update((page_url, h) for h in hrefs)
        if hrefs:
            self.skipped_links += len(hrefs)
            log.warning(
                "source %s: %s: malformed links skipped: %r", self.name, page_url, hrefs[:3]
            )


@dataclass
class Ingest:
    """Per-source state of one cycle: budget, holds, backfill, pending cache/link writes."""

    db: Database
    fetcher: Fetcher
    on_events: OnEvents | None = None
    parser: ParsePool | None = None  # None: parse in a thread
    budget: int = PAGE_BUDGET
    held: dict[str, Holding] = field(default_factory=dict)  # URL → held candidate
    over: dict[str, str] = field(default_factory=dict)  # URL → bytes over the parse limits
    frontier: list[Link] = field(default_factory=list)  # links deferred by the last cycle
    backfill: bool = False
    quiet: list[Meeting] = field(default_factory=list)  # new meetings stored without alerts
    deferred: list[Link] = field(default_factory=list)
    started: list[Link] = field(default_factory=list)
    done: set[str] = field(default_factory=set)
    visiting: bool = False  # meetings() was reached: the frontier was taken over
    pages: int = 0  # meeting pages fetched (against the budget)
    parses: int = 0
    cache_updates: list[CacheEntry] = field(default_factory=list)
    link_updates: dict[str, list[Link]] = field(default_factory=dict)
    reader: Reader | None = None  # None: every document is a meeting page (`parse`)
    organisation: str | None = None  # the source's, given to the bodies its pages create

    async def fetch_page(self, url: str, report: SourceReport) -> Fetched | None:
        """Fetch a page; a failure is counted on the report and gives None."""
        try:
            fetched = await self.fetcher.fetch(url)
        except FetchError as exc:
            report.fail_page(str(exc), key=url)
            return None
        report.pages_ok += 1
        return fetched

    def remember(self, fetched: Fetched, links: list[Link] | None = None) -> None:
        """Cache the page's validators (and its links) once its content was handled."""
        if fetched.entry is not None and fetched.status == 200:  # a 304 keeps the cached one
            self.cache_updates.append(fetched.entry)
        if links is not None and fetched.changed:
            self.link_updates[fetched.url] = links

    def decide_backfill(self, fresh: int, first_visit: bool, report: SourceReport) -> None:
        """A first visit, or `BACKFILL_THRESHOLD` new meeting links at once, is a backfill."""
        if first_visit or fresh >= BACKFILL_THRESHOLD:
            self.backfill = report.backfill = True

    async def meetings(
        self, links: list[Link], report: SourceReport
    ) -> list[tuple[Link, bytes | None]]:
        """Visit `links` (concurrently, in order of priority) within the page budget; the
        rest is deferred to the next cycle. (link, content when it was (re)parsed) per visit."""
        self.visiting = True
        todo: list[Link] = []
        for link in links:
            if link.url in self.fetcher.visited:
                self.done.add(link.url)  # read this cycle already (another source named it)
            else:
                todo.append(link)
        room = max(0, self.budget - self.pages)
        now, later = todo[:room], todo[room:]
        self.deferred += later
        report.deferred += len(later)
        self.pages += len(now)
        self.started += now
        pages = await asyncio.gather(*(self._visit(link, report) for link in now))
        return list(zip(now, pages, strict=True))

    async def _visit(self, link: Link, report: SourceReport) -> bytes | None:
        content = await self.meeting(link.url, report, link)
        if link.url not in self.held:  # a held page is read again next cycle, wherever it was
            self.done.add(link.url)
        return content

    async def parse(self, content: bytes, url: str | None, *, key: str = "") -> Meeting:
        """Parse a meeting page off the event loop: a big or hostile page holds neither the
        chats nor the other sources (in a worker process, under its limits, when there is a
        pool; `key`, the source, shares the workers fairly)."""
        if self.parser is None:
            return await parse_in_thread(content, url)
        return await self.parser.parse(content, url, key=key)

    async def parse_pdf(self, content: bytes, url: str | None, *, key: str = "") -> Meeting:
        """A kallelse or protokoll PDF as a meeting, the same way (`sources.pdfagenda`)."""
        if self.parser is None:
            return await read_pdf_meeting(content, url)
        return await self.parser.parse_pdf(content, url, key=key)

    async def meeting(
        self, url: str, report: SourceReport, link: Link | None = None
    ) -> bytes | None:
        """Fetch, parse, check and upsert one meeting page; its content when it was stored.

        A page already handled this cycle (by another source naming it too) is skipped.
        """
        if url in self.fetcher.visited:
            return None
        self.fetcher.visited.add(url)
        fetched = await self.fetch_page(url, report)
        if fetched is None:
            return None
        if not fetched.changed:
            report.unchanged += 1
            self.remember(fetched)
            await self._release(url)  # what is stored is served again
            report.page_ok(url)
            return None
        digest = (fetched.entry.content_hash if fetched.entry else None) or ""
        if digest and self.over.get(url) == digest:
            report.fail_page(f"{url}: not parsed again: these bytes broke the limits", key=url)
            return None
        try:
            self.parses += 1
            link_date = None
            if self.reader is not None and link is not None:
                meeting = await self.reader(fetched.content, link)
                link_date = link.date
            else:
                meeting = await self.parse(fetched.content, url, key=report.name)
                if self.organisation and meeting.body.organisation is None:
                    meeting.body = replace(meeting.body, organisation=self.organisation)
            report.skip_links(url, meeting.skipped_links)
            result = await self._store(meeting, fetched.content, report, link_date)
        except PageOverLimits as exc:
            report.over_limits += 1
            await self._over_limits(url, digest, str(exc))
            report.fail_page(f"{url}: {exc}", key=url)
            return None
        except ParseError as exc:
            report.fail_page(f"{url}: {exc}", key=url)
            return None
        except Exception as exc:  # a storage or alert bug must not stop the cycle
            log.exception("storing %s failed", url)
            report.fail_page(f"{url}: could not store the meeting: {type(exc).__name__}: {exc}")
            return None
        if self.over.pop(url, None) is not None:
            await forget_over_limits(self.db, "page", url)
        report.page_ok(url)
        if result is None:
            return None  # held: neither stored nor cached, read again next time
        _count(result, report)
        self.remember(fetched)
        return fetched.content

    async def store(self, meeting: Meeting, report: SourceReport) -> None:
        """Store a version of a meeting that no fetch brought (a webpage source's protokoll
        link names the minutes of a stored meeting): checked, held or upserted like a page."""
        try:
            result = await self._store(meeting, b"", report)
        except Exception as exc:  # a storage or alert bug must not stop the cycle
            log.exception("storing %s failed", meeting.url)
            report.fail_page(f"{meeting.url}: could not store the meeting: {exc}")
            return
        if result is not None:
            _count(result, report)

    async def _store(
        self,
        meeting: Meeting,
        content: bytes,
        report: SourceReport,
        link_date: date | None = None,
    ) -> UpsertResult | None:
        """Upsert a believable page; hold a doubtful one (None) until it is confirmed."""
        url = meeting.url or ""
        known = await stored_version(self.db, meeting)
        digest = content_hash(meeting)
        if known.content_hash != digest:
            found = doubts(
                meeting,
                known.meeting,
                body_name=known.body_name,
                url_date=link_date or body_slug_and_date_from_url(url)[1],
                complete=_complete(content),
            )
            if known.meeting_id is not None and needs_comparison(meeting, known.meeting, found):
                others = await other_agendas(
                    self.db,
                    known.meeting_id,
                    meeting.body.portal or "",
                    meeting.body.slug,
                    meeting.body.name,
                )
                found += filter(None, [another_meeting(meeting, others)])
            holding = self._holding(url, digest)
            if found and not confirmed(found, holding, self.db.clock.now()):
                reason = "; ".join(d.message for d in found)
                await hold_page(self.db, url, holding, reason)
                self.held[url] = holding
                until = (
                    "until the portal serves it consistently"
                    if all(d.confirmable for d in found)
                    else "for as long as it is served"
                )
                report.hold_page(f"{url}: held {until} (poll {holding.polls}): {reason}")
                return None
        quiet = self.backfill and known.meeting is None
        result = await upsert_meeting(self.db, meeting, on_events=None if quiet else self.on_events)
        await self._release(url)
        if quiet and result.events:
            # only what the backfill notice reads (body, date): a nationwide first visit
            # would otherwise hold 50,000 agendas in memory until its end
            self.quiet.append(replace(meeting, items=[], warnings=[]))
        return result

    def _holding(self, url: str, digest: str) -> Holding:
        """This poll's candidate at `url`: one more poll of the held content, or a new one."""
        held = self.held.get(url)
        if held is not None and held.content_hash == digest:
            return Holding(digest, held.polls + 1, held.since)
        return Holding(digest, 1, self.db.clock.now())

    async def _over_limits(self, url: str, digest: str, reason: str) -> None:
        """Remember the bytes that broke the parse limits: not parsed again until they change."""
        if digest:
            await remember_over_limits(self.db, "page", url, digest, reason)
            self.over[url] = digest

    async def _release(self, url: str) -> None:
        if url in self.held:
            await release_page(self.db, url)
            del self.held[url]

    def leftovers(self) -> list[Link]:
        """The next cycle's frontier: links deferred, held or cut off by a deadline this cycle
        (and the old frontier when the visit never got to it). A frontier link the crawl chose
        not to visit (beyond the backfill horizon, a body not watched) is dropped."""
        carried = [] if self.visiting else self.frontier
        links = [*carried, *self.deferred, *self.started]
        return list({link.url: link for link in links if link.url not in self.done}.values())

    async def flush(self) -> None:
        """Write the links and validators collected during the visit."""
        await replace_links(self.db, self.link_updates)
        await save_cache(self.db, self.cache_updates)
        self.fetcher.cache.update({e.url: e for e in self.cache_updates})
        self.link_updates = {}
        self.cache_updates = []


def _count(result: UpsertResult, report: SourceReport) -> None:
    if result.status == "new":
        report.new += 1
    elif result.status == "changed":
        report.changed += 1
    else:
        report.unchanged += 1


def _complete(content: bytes) -> bool:
    """An HTML page holds its closing tag (some servers append scripts after it, so anywhere);
    a text rendering has none to check, and a cut-off PDF never gets this far (its text cannot
    be extracted)."""
    if content[:1024].lstrip().startswith(b"%PDF-"):
        return True
    head = content[:4096].decode("utf-8", "replace")
    return not is_html(head) or _HTML_END_RE.search(content) is not None
