"""Crawl a Meetings Plus public portal: bodies → meeting lists → meeting pages.

Why: a member should hear about a new agenda within minutes, at the cost of a few conditional
requests per cycle. The crawler reads `/committees` (bodies), each watched body's
`/committees/<slug>` (its meetings) and each selected meeting page; freshly parsed meeting pages
add their side-menu links to other meetings. The first visit backfills a bounded history
(`backfill_months`); later visits check upcoming and recent meetings (minutes arrive after the
meeting) plus any meeting link never stored. Listing pages that answer 304 reuse the links
stored when they were last parsed, loaded for the whole source in one query per cycle.

The crawl is bounded: meeting pages are visited within the source's page budget (`Ingest`),
upcoming meetings first (where news is), then undated ones, then the past from the most recent;
what the budget leaves is kept as the source's frontier and visited first next cycle. Links
come from the source's own host only (`sources.links`); a malformed one is counted and skipped.
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
from storage.http_cache import Link, load_links_under

#: Pages visited (and held in memory) at a time; the per-host limit allows a few in flight, so
#: a chunk keeps the fetches busy while a nationwide crawl (5,000 body pages, 50,000 meetings)
#: never holds more than this many pages, or tasks waiting for a slot, at once.
VISIT_CHUNK = 64
BODIES_PER_TRANSACTION = 20  # 5,000 in one transaction held the write lock 1.8 s; 100, 40 ms


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

    def order(self, links: Iterable[Link]) -> list[Link]:
        """Upcoming first (soonest first), then undated, then past (most recent first)."""

        def rank(link: Link) -> tuple[int, int]:
            if link.date is None:
                return (1, 0)
            days = (link.date - self.today).days
            return (0, days) if days >= 0 else (2, -days)

        return sorted(links, key=rank)

    def select(self, links: Iterable[Link], known: set[str]) -> list[Link]:
        recent = self.today - timedelta(days=self.recent_days)
        oldest = self.oldest  # once, not per link: a nationwide crawl has 50,000
        chosen: list[Link] = []
        for link in links:
            if link.date is not None and link.date < oldest:
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
        self._stored: dict[str, list[Link]] = {}  # listing page → its links, stored last time

    async def crawl(self, report: SourceReport) -> None:
        """Visit the portal; raises SourceFailed when `/committees` cannot be read."""
        self._stored = await load_links_under(self.ingest.db, self.source.url)
        bodies = await self._bodies(report)
        if self.source.bodies is not None:
            wanted = set(self.source.bodies)
            bodies = [b for b in bodies if body_slug(b.url) in wanted]
        lists: list[list[Link]] = []
        for start in range(0, len(bodies), VISIT_CHUNK):  # not 5,000 waiting tasks at once
            chunk = bodies[start : start + VISIT_CHUNK]
            lists += await asyncio.gather(*(self._listing(b.url, report) for b in chunk))
        self._stored = {}
        known = {url for url, e in self.ingest.fetcher.cache.items() if e.content_hash}
        seen: set[str] = set()
        found = [*self.ingest.frontier, *(link for links in lists for link in links)]
        todo = self._new_links(found, known, seen)
        fresh = sum(1 for link in todo if link.url not in known)
        self.ingest.decide_backfill(fresh, self.window.first_run, report)
        while todo:
            side: list[Link] = []
            for start in range(0, len(todo), VISIT_CHUNK):
                chunk = todo[start : start + VISIT_CHUNK]
                for link, content in await self.ingest.meetings(chunk, report):
                    if content is not None:
                        side += self._side_links(content, link.url, report)
            todo = self._new_links(side, known, seen)

    def _new_links(self, links: list[Link], known: set[str], seen: set[str]) -> list[Link]:
        wanted = set(self.source.bodies) if self.source.bodies is not None else None
        chosen: list[Link] = []
        for link in self.window.select(links, known):
            if link.url in seen or (wanted is not None and body_slug(link.url) not in wanted):
                continue
            seen.add(link.url)
            chosen.append(link)
        return self.window.order(chosen)

    def _side_links(self, content: bytes, url: str, report: SourceReport) -> list[Link]:
        skipped: list[str] = []
        try:
            links = meeting_links(content, url, skipped)
        except LinkError:
            return []
        report.skip_links(url, skipped)
        return links

    async def _bodies(self, report: SourceReport) -> list[Link]:
        url = f"{self.source.url}/committees"
        fetched = await self.ingest.fetch_page(url, report)
        if fetched is None:
            raise SourceFailed(report.errors[-1] if report.errors else f"{url}: failed")
        report.page_ok(url)
        if not fetched.changed:
            self.ingest.remember(fetched)
            return self._stored.get(url, [])
        skipped: list[str] = []
        try:
            links = body_links(fetched.content, url, skipped)
        except LinkError as exc:
            raise SourceFailed(f"{url}: {exc}") from None
        report.skip_links(url, skipped)
        if not links:
            raise SourceFailed(f"{url}: no bodies listed (not a Meetings Plus portal?)")
        for start in range(0, len(links), BODIES_PER_TRANSACTION):  # short transactions
            async with self.ingest.db.transaction() as conn:
                for link in links[start : start + BODIES_PER_TRANSACTION]:
                    slug = body_slug(link.url)
                    if slug:
                        body = Body(slug, link.label, self.source.portal, self.source.organisation)
                        await upsert_body(conn, body)
        self.ingest.remember(fetched, links)
        return links

    async def _listing(self, url: str, report: SourceReport) -> list[Link]:
        """A body's meeting links; on failure, the ones stored last time (and a counted error)."""
        fetched = await self.ingest.fetch_page(url, report)
        if fetched is None or not fetched.changed:
            if fetched is not None:
                self.ingest.remember(fetched)
                report.page_ok(url)
            return self._stored.get(url, [])
        skipped: list[str] = []
        try:
            links = meeting_links(fetched.content, url, skipped)
        except LinkError as exc:
            report.fail_page(f"{url}: {exc}", key=url)
            return self._stored.get(url, [])
        report.page_ok(url)
        report.skip_links(url, skipped)
        self.ingest.remember(fetched, links)
        return links
