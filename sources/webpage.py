"""A `webpage` source: a body's page on its organisation's site that lists kallelser and
protokoll as links (HTML pages or PDFs).

Why: many bodies publish nowhere else. The page is read like a Meetings Plus body listing
(`sources.listing` finds the meeting links; a 304 reuses the links stored last time), and each
kallelse it links is a meeting: fetched politely through the cycle's `Fetcher` within the
source's page budget and deadline, read by the agenda reader (a PDF through `sources.pdfagenda`,
its pages laid out as lines under the documents' caps, running heads and feet dropped; an HTML
page through the parse worker), and stored as a meeting of the source's body
(`body`, else the name the document's header gives) with its date from the document, else from
the link. A new link later is a new agenda and is alerted like any other; a first visit is a
backfill (`Ingest.decide_backfill`). Documents are read a few at a time (`DOCUMENTS_AT_ONCE`),
soonest meetings first, so memory stays bounded whatever the page lists.

A protokoll link is the minutes of its meeting: the kallelse listed with the same date (and,
without a configured body, the same words), else the body's stored meeting of that date, gets
it as its `minutes_url` (the documents step then reads the decisions), without fetching the
protokoll here. A protokoll with no such meeting is fetched and read as the meeting itself; if
its own date then names a stored meeting, it becomes that meeting's minutes instead.

A page that lists no meeting at all is a source problem with one clear line (never an invented
meeting); a malformed link is skipped and counted; a link to another host is never followed.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from agenda.model import Body, Meeting
from agenda.parse import MAX_PAGE_BYTES, ParseError
from sources.config import SourceConfig
from sources.ingest import Ingest, SourceReport
from sources.listing import AGENDA, MINUTES, ListingError, file_name, kind_of, read_listing
from sources.meetingsplus import SourceFailed, Window
from sources.pdfagenda import is_pdf
from storage.http_cache import Link, load_links
from storage.meeting_reads import minutes_by_date, minutes_by_key
from storage.meetings import get_meeting

log = logging.getLogger(__name__)

#: Documents fetched and read at once: each may be a 20 MB PDF held in memory until PDFium (one
#: at a time) has read it, so a listing of two hundred never holds them all.
DOCUMENTS_AT_ONCE = 4


class WebpageCrawler:
    def __init__(self, ingest: Ingest, source: SourceConfig, window: Window) -> None:
        self.ingest = ingest
        self.source = source
        self.window = window
        self._minutes: dict[str, str] = {}  # kallelse URL → its protokoll's URL

    async def crawl(self, report: SourceReport) -> None:
        """Read the listing and its meetings; raises SourceFailed when the page cannot be read
        or lists no meeting."""
        links = await self._listing(report)
        agendas = [link for link in links if link.kind == AGENDA]
        paired, loose = pair_minutes(
            agendas, [link for link in links if link.kind == MINUTES], self.source.body is None
        )
        self._minutes = {agenda.url: minutes.url for agenda, minutes in paired}
        loose = await self._attach_by_date(loose, report)
        known = {url for url, e in self.ingest.fetcher.cache.items() if e.content_hash}
        found = {link.url: link for link in [*self.ingest.frontier, *agendas, *loose]}
        chosen = self.window.select(found.values(), known)
        fresh = self.window.order(link for link in chosen if link.url not in known)
        # new documents first (news), then the known ones checked again: a budget spent on
        # re-checks never starves a kallelse not read yet
        todo = fresh + self.window.order(link for link in chosen if link.url in known)
        self.ingest.decide_backfill(len(fresh), self.window.first_run, report)
        self.ingest.reader = self.read
        for start in range(0, len(todo), DOCUMENTS_AT_ONCE):  # a few PDFs in memory at a time
            await self.ingest.meetings(todo[start : start + DOCUMENTS_AT_ONCE], report)
        await self._attach_paired(paired, report)

    async def _listing(self, report: SourceReport) -> list[Link]:
        url = self.source.url
        fetched = await self.ingest.fetch_page(url, report)
        if fetched is None:
            raise SourceFailed(report.errors[-1] if report.errors else f"{url}: failed")
        if not fetched.changed:
            self.ingest.remember(fetched)
            return await load_links(self.ingest.db, url)
        if len(fetched.content) > MAX_PAGE_BYTES:
            raise SourceFailed(f"{url}: the page is over {MAX_PAGE_BYTES} bytes, not a listing")
        try:
            listing = read_listing(fetched.content, url)
        except ListingError as exc:
            raise SourceFailed(f"{url}: {exc}") from None
        report.skip_links(url, listing.skipped)
        if not listing.links:
            elsewhere = (
                f"; {listing.offsite} on other hosts, which are not followed"
                if listing.offsite
                else ""
            )
            raise SourceFailed(
                f"{url}: not a list of meetings: no link to a kallelse or protokoll here"
                f"{elsewhere} (is this the page that lists them?)"
            )
        self.ingest.remember(fetched, listing.links)
        return listing.links

    async def read(self, content: bytes, link: Link) -> Meeting:
        """A linked document as a meeting of this source's body (the `Ingest` reader)."""
        if is_pdf(content):  # laid out as lines and read as pages (running heads dropped)
            parsed = await self.ingest.parse_pdf(content, link.url, key=self.source.name)
        else:
            parsed = await self.ingest.parse(content, link.url, key=self.source.name)
        meeting = self.own(parsed, link)
        if link.kind == MINUTES:
            return await self._as_minutes_of_stored(meeting, link)
        return meeting

    def own(self, meeting: Meeting, link: Link) -> Meeting:
        """The parsed document as a meeting of this source: its body, date, URL and minutes."""
        name = self.source.body or meeting.body.name
        if not name:
            raise ParseError(
                "the document names no body; set `body` for this source in the sources file"
            )
        day = meeting.date or link.date
        if day is None:
            raise ParseError("neither the document nor its link gives the meeting's date")
        minutes = link.url if link.kind == MINUTES else self._minutes.get(link.url)
        return replace(
            meeting,
            body=Body(slug_of(name), name, self.source.home, self.source.organisation),
            url=link.url,
            date=day,
            minutes_url=minutes or meeting.minutes_url,
        )

    async def _as_minutes_of_stored(self, meeting: Meeting, link: Link) -> Meeting:
        """A protokoll whose own date names a stored meeting of the body is its minutes."""
        assert meeting.date is not None
        body = meeting.body
        stored = await minutes_by_date(self.ingest.db, body.portal or "", body.slug, [meeting.date])
        target = stored.get(meeting.date)
        if target is None or target.key == link.url:
            return meeting
        found = await get_meeting(self.ingest.db, target.meeting_id)
        if found is None:
            return meeting
        return replace(found.meeting, minutes_url=link.url)

    async def _attach_by_date(self, loose: list[Link], report: SourceReport) -> list[Link]:
        """Protokoll links the body's stored meeting of their date takes as minutes (no fetch);
        the rest are returned, to be read as meetings."""
        if self.source.body is None or not loose:
            return loose
        days = [link.date for link in loose if link.date is not None]
        stored = await minutes_by_date(
            self.ingest.db, self.source.home, slug_of(self.source.body), days
        )
        rest: list[Link] = []
        for link in loose:
            target = stored.get(link.date) if link.date is not None else None
            if target is None or target.key == link.url:
                rest.append(link)
            elif target.minutes_url != link.url:
                await self._attach(target.meeting_id, link.url, report)
        return rest

    async def _attach_paired(self, paired: list[tuple[Link, Link]], report: SourceReport) -> None:
        """Stored kallelser whose protokoll appeared while the kallelse itself did not change."""
        stored = await minutes_by_key(self.ingest.db, [agenda.url for agenda, _ in paired])
        for agenda, minutes in paired:
            target = stored.get(agenda.url)
            if target is not None and target.minutes_url != minutes.url:
                await self._attach(target.meeting_id, minutes.url, report)

    async def _attach(self, meeting_id: int, minutes_url: str, report: SourceReport) -> None:
        found = await get_meeting(self.ingest.db, meeting_id)
        if found is not None:
            await self.ingest.store(replace(found.meeting, minutes_url=minutes_url), report)


def pair_minutes(
    agendas: list[Link], minutes: list[Link], by_words: bool
) -> tuple[list[tuple[Link, Link]], list[Link]]:
    """(kallelse, protokoll) pairs of one date, and the protokoll links without a kallelse.

    With one body per page (`by_words` False) the date decides; a page listing several bodies
    also needs the same words around the date, unless the date has one kallelse only.
    """
    by_day: dict[date, list[Link]] = {}
    for agenda in agendas:
        if agenda.date is not None:
            by_day.setdefault(agenda.date, []).append(agenda)
    paired: list[tuple[Link, Link]] = []
    loose: list[Link] = []
    taken: set[str] = set()
    for link in minutes:
        same_day = [a for a in by_day.get(link.date, []) if a.url not in taken] if link.date else []
        if by_words and len(same_day) > 1:
            same_day = [a for a in same_day if _words(a) == _words(link)]
        if same_day:
            taken.add(same_day[0].url)
            paired.append((same_day[0], link))
        else:
            loose.append(link)
    return paired, loose


def _words(link: Link) -> frozenset[str]:
    """A link's words without dates, kinds and file sizes: what names its body."""
    text = (link.label or file_name(link.url)).casefold()
    words = {w for w in "".join(c if c.isalpha() else " " for c in text).split() if len(w) > 2}
    return frozenset(w for w in words if kind_of(w) is None and w not in _NOISE)


_NOISE = frozenset({"pdf", "docx", "kb", "mb", "sid", "sidor", "och", "till", "för"})


def slug_of(name: str) -> str:
    """`Barn- och utbildningsnämnden` → `barn-och-utbildningsnamnden`."""
    table = str.maketrans("åäöéü", "aaoeu")
    words = "".join(c if c.isalnum() else " " for c in name.casefold().translate(table)).split()
    return "-".join(words) or "organ"


__all__ = ["WebpageCrawler", "pair_minutes", "slug_of"]
