"""Crawl a Meetings Plus public portal: bodies → meeting lists → meeting pages.

Why: a member should hear about a new agenda within minutes, at the cost of a few conditional
requests per cycle. The crawler reads `/committees` (bodies), each watched body's
`/committees/<slug>` (its meetings) and each selected meeting page; freshly parsed meeting pages
add their side-menu links to other meetings. The first visit backfills a bounded history
(`backfill_months`); later visits check upcoming and recent meetings (minutes arrive after the
meeting) plus any meeting link never stored. Listing pages that answer 304 reuse the links
stored when they were last parsed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from agenda.model import Body
from sources.config import SourceConfig
from sources.ingest import Ingest, SourceReport
from sources.links import LinkError, body_links, body_slug, meeting_links
from storage.bodies import upsert_body
from storage.http_cache import Link, load_links


class SourceFailed(Exception):
    """The source as a whole could not be read (its entry page failed)."""


@dataclass(frozen=True, slots=True)
class Window:
    """Which meeting links to visit this cycle."""

    today: date
    first_run: bool
    backfill_months: int = 12
    recent_days: int = 45

    @property
    def oldest(self) -> date:
        return self.today - timedelta(days=round(self.backfill_months * 30.44))

    def select(self, links: Iterable[Link], known: set[str]) -> list[Link]:
        recent = self.today - timedelta(days=self.recent_days)
        chosen: list[Link] = []
        for link in links:
            if link.date is not None and link.date < self.oldest:
                continue  # beyond the backfill horizon
            fresh = self.first_run or link.url not in known
            if fresh or (link.date is not None and link.date >= recent):
                chosen.append(link)
        return chosen


class MeetingsPlusCrawler:
    def __init__(self, ingest: Ingest, source: SourceConfig, window: Window) -> None:
        self.ingest = ingest
        self.source = source
        self.window = window

    async def crawl(self, report: SourceReport) -> None:
        """Visit the portal; raises SourceFailed when `/committees` cannot be read."""
        bodies = await self._bodies(report)
        if self.source.bodies is not None:
            wanted = set(self.source.bodies)
            bodies = [b for b in bodies if body_slug(b.url) in wanted]
        lists = await asyncio.gather(*(self._listing(b.url, report) for b in bodies))
        known = {url for url, e in self.ingest.fetcher.cache.items() if e.content_hash}
        seen: set[str] = set()
        todo = self._new_links([link for links in lists for link in links], known, seen)
        while todo:
            pages = await asyncio.gather(*(self.ingest.meeting(link.url, report) for link in todo))
            side: list[Link] = []
            for content, link in zip(pages, todo, strict=True):
                if content is not None:
                    side += self._links_or_none(content, link.url) or []
            todo = self._new_links(side, known, seen)

    def _new_links(self, links: list[Link], known: set[str], seen: set[str]) -> list[Link]:
        wanted = set(self.source.bodies) if self.source.bodies is not None else None
        chosen: list[Link] = []
        for link in self.window.select(links, known):
            if link.url in seen or (wanted is not None and body_slug(link.url) not in wanted):
                continue
            seen.add(link.url)
            chosen.append(link)
        return chosen

    def _links_or_none(self, content: bytes, url: str) -> list[Link] | None:
        try:
            return meeting_links(content, url)
        except LinkError:
            return None

    async def _bodies(self, report: SourceReport) -> list[Link]:
        url = f"{self.source.url}/committees"
        fetched = await self.ingest.fetch_page(url, report)
        if fetched is None:
            raise SourceFailed(report.errors[-1] if report.errors else f"{url}: failed")
        if not fetched.changed:
            self.ingest.remember(fetched)
            return await load_links(self.ingest.db, url)
        try:
            links = body_links(fetched.content, url)
        except LinkError as exc:
            raise SourceFailed(f"{url}: {exc}") from None
        if not links:
            raise SourceFailed(f"{url}: no bodies listed (not a Meetings Plus portal?)")
        async with self.ingest.db.transaction() as conn:
            for link in links:
                slug = body_slug(link.url)
                if slug:
                    await upsert_body(conn, Body(slug, link.label, self.source.portal))
        self.ingest.remember(fetched, links)
        return links

    async def _listing(self, url: str, report: SourceReport) -> list[Link]:
        """A body's meeting links; on failure, the ones stored last time (and a counted error)."""
        fetched = await self.ingest.fetch_page(url, report)
        if fetched is None or not fetched.changed:
            if fetched is not None:
                self.ingest.remember(fetched)
            return await load_links(self.ingest.db, url)
        try:
            links = meeting_links(fetched.content, url)
        except LinkError as exc:
            report.fail_page(f"{url}: {exc}")
            return await load_links(self.ingest.db, url)
        self.ingest.remember(fetched, links)
        return links
