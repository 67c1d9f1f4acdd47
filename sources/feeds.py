"""Read an RSS/Atom feed: meeting pages it links are ingested, other entries kept as notices.

Why: many municipalities announce agendas and approved minutes on a bulletin-board feed. The
feed is fetched with our own polite client (conditional GET; feedparser only parses the bytes).
An entry whose link is a meeting page leads to that page being fetched, parsed and stored like
a crawled one; any other entry (no link, a bulletin-board notice) is stored once as an
announcement, attached to a body when its link or title names one; a new notice of approved
minutes ("Justerat protokoll … har anslagits") also records the posting (`sources.appeals`).
Only meeting pages on the feed's own host are followed (an entry linking another host is kept
as an announcement, never fetched), within the source's page budget like a crawl
(`Ingest.meetings`).
"""

from __future__ import annotations

import hashlib
import time
from typing import Any
from urllib.parse import urlsplit

import feedparser

from agenda import patterns as P
from sources.appeals import posting_from_entry
from sources.config import SourceConfig
from sources.ingest import Ingest, SourceReport
from sources.links import body_slug
from storage.bodies import BodyRow, list_bodies
from storage.http_cache import Link
from storage.sources import add_announcement


class FeedFailed(Exception):
    """The feed itself could not be read."""


async def read_feed(
    ingest: Ingest,
    source: SourceConfig,
    source_id: int,
    report: SourceReport,
    *,
    first_visit: bool = False,
) -> None:
    fetched = await ingest.fetch_page(source.url, report)
    if fetched is None:
        raise FeedFailed(report.errors[-1] if report.errors else f"{source.url}: failed")
    if not fetched.changed:
        ingest.remember(fetched)
        return
    parsed: Any = feedparser.parse(fetched.content)
    entries: list[Any] = list(parsed.get("entries", []))
    if parsed.get("bozo") and not entries:
        problem = parsed.get("bozo_exception")
        raise FeedFailed(f"{source.url}: not a readable RSS/Atom feed ({problem})")
    bodies = await list_bodies(ingest.db)
    host = urlsplit(source.url).netloc
    pages: list[Link] = []
    for entry in entries:
        link = _link(entry)
        if link and urlsplit(link).netloc == host and P.MEETING_PATH_RE.search(urlsplit(link).path):
            pages.append(Link(link, "meeting", str(entry.get("title") or "") or None))
        else:
            await _announce(ingest, source_id, entry, link, bodies, report, feed_url=source.url)
    known = {url for url, e in ingest.fetcher.cache.items() if e.content_hash}
    fresh = sum(1 for link in pages if link.url not in known)
    ingest.decide_backfill(fresh, first_visit, report)
    for page in [*ingest.frontier, *pages]:  # one by one: a feed is a trickle, not a crawl
        await ingest.meetings([page], report)
    ingest.remember(fetched)


def _link(entry: Any) -> str | None:
    link = entry.get("link")
    try:
        if not isinstance(link, str) or urlsplit(link).scheme not in {"http", "https"}:
            return None
    except ValueError:  # a malformed URL (`http://[::1`): no link to follow
        return None
    return link.split("#")[0].split("?")[0].rstrip("/")


async def _announce(
    ingest: Ingest,
    source_id: int,
    entry: Any,
    link: str | None,
    bodies: list[BodyRow],
    report: SourceReport,
    *,
    feed_url: str,
) -> None:
    title = str(entry.get("title") or "").strip() or None
    if title is None and link is None:
        report.fail_page("feed entry with neither title nor link skipped")
        return
    guid = str(entry.get("id") or link or _digest(title or ""))
    body = _body_for(link, title, bodies)
    async with ingest.db.transaction() as conn:
        added = await add_announcement(
            conn,
            source_id,
            body.id if body else None,
            guid,
            title,
            entry.get("link"),
            _published(entry),
            now=ingest.db.timestamp(),
        )
    report.announcements += int(added)
    # A notice of approved minutes opens an appeal window (sources.appeals), also when it was
    # stored before its body or meeting was known.
    await posting_from_entry(
        ingest.db,
        ingest.fetcher,
        feed_url,
        body.id if body else None,
        entry,
        link,
        ingest.on_events,
    )


def _body_for(link: str | None, title: str | None, bodies: list[BodyRow]) -> BodyRow | None:
    slug = body_slug(link) if link else None
    if slug:
        match = next((b for b in bodies if b.slug == slug), None)
        if match:
            return match
    folded = (title or "").casefold()
    named = [b for b in bodies if b.name and b.name.casefold() in folded]
    return max(named, key=lambda b: len(b.name or ""), default=None)


def _published(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
