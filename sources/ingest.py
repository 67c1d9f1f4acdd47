"""One source visit's shared machinery: fetch a meeting page, parse it, upsert it, count it.

Why: both the Meetings Plus crawler and the feed reader end in the same step (a meeting page
URL → stored meeting + events), and both must count new/changed/unchanged/failed the same way,
never let one bad page stop the cycle, and only remember a page's validators once its content
was stored (so a page that failed is fetched again next time).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from agenda.parse import ParseError, parse_page
from sources.http import Fetched, Fetcher, FetchError
from storage.db import Database
from storage.http_cache import CacheEntry, Link, replace_links, save_cache
from storage.meetings import OnEvents, upsert_meeting

log = logging.getLogger(__name__)


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

    def fail_page(self, message: str) -> None:
        self.failed += 1
        self.errors.append(message)
        log.warning("source %s: %s", self.name, message)


@dataclass
class Ingest:
    """Per-source state of one cycle: pending cache/link writes and the parse counter."""

    db: Database
    fetcher: Fetcher
    on_events: OnEvents | None = None
    parses: int = 0
    cache_updates: list[CacheEntry] = field(default_factory=list)
    link_updates: dict[str, list[Link]] = field(default_factory=dict)

    async def fetch_page(self, url: str, report: SourceReport) -> Fetched | None:
        """Fetch a page; a failure is counted on the report and gives None."""
        try:
            fetched = await self.fetcher.fetch(url)
        except FetchError as exc:
            report.fail_page(str(exc))
            return None
        report.pages_ok += 1
        return fetched

    def remember(self, fetched: Fetched, links: list[Link] | None = None) -> None:
        """Cache the page's validators (and its links) once its content was handled."""
        if fetched.entry is not None and fetched.status == 200:  # a 304 keeps the cached one
            self.cache_updates.append(fetched.entry)
        if links is not None and fetched.changed:
            self.link_updates[fetched.url] = links

    async def meeting(self, url: str, report: SourceReport) -> bytes | None:
        """Fetch, parse and upsert one meeting page; its content when it was (re)parsed.

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
            return None
        try:
            self.parses += 1
            # off the event loop: a big page must not hold every chat's commands
            meeting = await asyncio.to_thread(parse_page, fetched.content, url)
            result = await upsert_meeting(self.db, meeting, on_events=self.on_events)
        except ParseError as exc:
            report.fail_page(f"{url}: {exc}")
            return None
        except Exception as exc:  # a storage or alert bug must not stop the cycle
            log.exception("storing %s failed", url)
            report.fail_page(f"{url}: could not store the meeting: {type(exc).__name__}: {exc}")
            return None
        if result.status == "new":
            report.new += 1
        elif result.status == "changed":
            report.changed += 1
        else:
            report.unchanged += 1
        self.remember(fetched)
        return fetched.content

    async def flush(self) -> None:
        """Write the links and validators collected during the visit."""
        await replace_links(self.db, self.link_updates)
        await save_cache(self.db, self.cache_updates)
        self.fetcher.cache.update({e.url: e for e in self.cache_updates})
        self.link_updates = {}
        self.cache_updates = []
