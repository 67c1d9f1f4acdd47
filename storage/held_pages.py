"""Held pages: a doubtful page's parsed content, kept until the portal has served it
consistently (then stored) or serves something else (then dropped), and the comparison read.

Why: a portal under maintenance, a login wall, a half-sent page or another meeting's page can
answer 200 at a meeting's URL. Storing it would replace a true agenda and alert every follower
(and again when the portal heals). A doubtful page is therefore not stored at once: its content
hash waits here with the number of polls in a row that returned it and since when
(`agenda.trust.Holding`); `agenda.trust.confirmed` decides when that is enough. One row per URL;
the writes are tiny and rare. `other_agendas` gives the agendas a held page is compared with
(another stored meeting's agenda is never this meeting's).
"""

from __future__ import annotations

from datetime import datetime

from agenda.model import Item
from agenda.trust import AgendaKey, Holding, agenda_key
from storage.db import Database


async def held_hashes(db: Database) -> dict[str, Holding]:
    """URL → the held candidate of every held page (one query per cycle)."""
    async with db.reader.execute(
        "SELECT url, content_hash, polls, coalesce(since, held_at) FROM held_pages"
    ) as cur:
        return {
            str(r[0]): Holding(str(r[1]), int(r[2]), datetime.fromisoformat(str(r[3])))
            for r in await cur.fetchall()
        }


async def hold_page(db: Database, url: str, holding: Holding, reason: str) -> None:
    """Hold (or hold again, or with new content) the page at `url`."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO held_pages (url, content_hash, reason, held_at, polls, since)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET"
            " content_hash = excluded.content_hash, reason = excluded.reason,"
            " held_at = excluded.held_at, polls = excluded.polls, since = excluded.since",
            (
                url,
                holding.content_hash,
                reason[:500],
                db.timestamp(),
                holding.polls,
                holding.since.isoformat(timespec="seconds"),
            ),
        )


async def release_page(db: Database, url: str) -> None:
    """Forget the held candidate of `url` (confirmed and stored, or no longer served)."""
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM held_pages WHERE url = ?", (url,))


async def other_agendas(
    db: Database, meeting_id: int, portal: str, slug: str, name: str | None
) -> set[AgendaKey]:
    """The agendas of the stored meetings other than `meeting_id` of the body at `portal` /
    `slug` and of the body called `name` there (the one a page's header names)."""
    items: dict[int, list[Item]] = {}
    async with db.reader.execute(
        "SELECT i.meeting_id, i.number, i.paragraph, i.title FROM items i"
        " JOIN meetings m ON m.id = i.meeting_id JOIN bodies b ON b.id = m.body_id"
        " WHERE b.portal = ? AND (b.slug = ? OR b.name = ?) AND m.id != ?"
        " ORDER BY i.meeting_id, i.position",
        (portal, slug, name or "", meeting_id),
    ) as cur:
        async for row in cur:
            items.setdefault(int(row[0]), []).append(Item(row[1], row[2], row[3]))
    return {agenda_key(found) for found in items.values()}
