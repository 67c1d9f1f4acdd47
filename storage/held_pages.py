"""Held pages: a doubtful page's parsed content, kept until the next poll confirms or drops it.

Why: a portal under maintenance, a login wall or a half-sent page can answer 200 at a meeting's
URL. Storing it would replace a true agenda and alert every follower (and again when the portal
heals). A doubtful page is therefore not stored at once: its content hash waits here; the next
read of the same URL either returns the same content (confirmed: stored then) or something else
(released). One row per URL; the writes are tiny and rare.
"""

from __future__ import annotations

from storage.db import Database


async def held_hashes(db: Database) -> dict[str, str]:
    """URL → content hash of every held page (one query per cycle)."""
    async with db.reader.execute("SELECT url, content_hash FROM held_pages") as cur:
        return {str(r[0]): str(r[1]) for r in await cur.fetchall()}


async def hold_page(db: Database, url: str, content_hash: str, reason: str) -> None:
    """Hold (or re-hold with new content) the page at `url`."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO held_pages (url, content_hash, reason, held_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET content_hash = excluded.content_hash, "
            "reason = excluded.reason, held_at = excluded.held_at",
            (url, content_hash, reason[:500], db.timestamp()),
        )


async def release_page(db: Database, url: str) -> None:
    """Forget the held candidate of `url` (confirmed and stored, or no longer served)."""
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM held_pages WHERE url = ?", (url,))
