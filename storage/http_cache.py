"""HTTP validators and content hashes per URL, and the links each listing page held.

Why: an unchanged page must cost one conditional request (304) and no parse. The poller needs
the last ETag/Last-Modified and content hash of every page, and, when a listing page answers
304, the links it held last time (so it still knows which meeting pages to check).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from storage.db import Database

ROWS_PER_TRANSACTION = 500  # short write transactions: a member's write waits for one at most


@dataclass(frozen=True, slots=True)
class CacheEntry:
    url: str
    etag: str | None
    last_modified: str | None
    content_hash: str | None


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    kind: str  # body | meeting
    label: str | None = None
    date: date | None = None


#: Rows read per query by the per-cycle loads: the reader connection (shared with members'
#: commands) and the event loop are never held for long by one read of a nationwide crawl.
BATCH_ROWS = 2000


async def load_cache(db: Database, prefix: str = "") -> dict[str, CacheEntry]:
    """Every cached URL starting with `prefix` (once per cycle, not per page; read in batches
    of `BATCH_ROWS`)."""
    found: dict[str, CacheEntry] = {}
    query = "SELECT url, etag, last_modified, content_hash FROM http_cache WHERE url {} ? "
    query += "AND url < ? ORDER BY url LIMIT ?"
    after, first = prefix, True
    while True:
        sql = query.format(">=" if first else ">")
        async with db.reader.execute(sql, (after, prefix + "\U0010ffff", BATCH_ROWS)) as cur:
            rows = list(await cur.fetchall())
        for r in rows:
            found[r[0]] = CacheEntry(r[0], r[1], r[2], r[3])
        if len(rows) < BATCH_ROWS:
            return found
        after, first = rows[-1][0], False


async def save_cache(db: Database, entries: Iterable[CacheEntry]) -> None:
    """Store validators and hashes, `ROWS_PER_TRANSACTION` at a time (a nationwide cycle has
    tens of thousands: one transaction would hold the write lock from a member for seconds)."""
    rows = [(e.url, e.etag, e.last_modified, e.content_hash, db.timestamp()) for e in entries]
    for start in range(0, len(rows), ROWS_PER_TRANSACTION):
        async with db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO http_cache (url, etag, last_modified, content_hash, fetched_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, content_hash = excluded.content_hash, "
                "fetched_at = excluded.fetched_at",
                rows[start : start + ROWS_PER_TRANSACTION],
            )


async def replace_links(db: Database, pages: dict[str, list[Link]]) -> None:
    """Store the links found on freshly parsed listing pages (replacing the old ones): each
    page's in one transaction, a few pages' worth of rows per transaction."""
    chunk: dict[str, list[Link]] = {}
    rows = 0
    for page, links in pages.items():
        chunk[page] = links
        rows += len(links) + 1  # its links, and the delete of the old ones
        if rows >= ROWS_PER_TRANSACTION:
            await _replace_links(db, chunk)
            chunk, rows = {}, 0
    if chunk:
        await _replace_links(db, chunk)


async def _replace_links(db: Database, pages: dict[str, list[Link]]) -> None:
    async with db.transaction() as conn:
        await conn.executemany("DELETE FROM crawl_links WHERE page_url = ?", [(p,) for p in pages])
        await conn.executemany(
            "INSERT OR REPLACE INTO crawl_links (page_url, link_url, kind, label, date) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (
                    page,
                    link.url,
                    link.kind,
                    link.label,
                    link.date.isoformat() if link.date else None,
                )
                for page, links in pages.items()
                for link in links
            ],
        )


async def load_links(db: Database, page_url: str) -> list[Link]:
    async with db.reader.execute(
        "SELECT link_url, kind, label, date FROM crawl_links WHERE page_url = ? ORDER BY rowid",
        (page_url,),
    ) as cur:
        rows = await cur.fetchall()
    return [Link(r[0], r[1], r[2], date.fromisoformat(r[3]) if r[3] else None) for r in rows]


async def load_links_under(db: Database, prefix: str) -> dict[str, list[Link]]:
    """The stored links of every listing page whose URL starts with `prefix` (a source's
    whole crawl in one query per cycle: one query per page took 3.3 s at 5,000 bodies)."""
    pages: dict[str, list[Link]] = {}
    after = 0
    while True:
        async with db.reader.execute(
            "SELECT rowid, page_url, link_url, kind, label, date FROM crawl_links "
            "WHERE rowid > ? AND page_url >= ? AND page_url < ? ORDER BY rowid LIMIT ?",
            (after, prefix, prefix + "\U0010ffff", BATCH_ROWS),
        ) as cur:
            rows = list(await cur.fetchall())
        for r in rows:
            day = date.fromisoformat(r[5]) if r[5] else None
            pages.setdefault(r[1], []).append(Link(r[2], r[3], r[4], day))
        if len(rows) < BATCH_ROWS:
            return pages
        after = int(rows[-1][0])
