"""Inputs over the limits: pages and documents whose reading broke a worker's time or memory.

Why: a hostile page or PDF that stopped its worker would stop it again at every cycle (and,
before the workers, at every restart: 29 crashes in 4 minutes). Its URL is kept here with the
hash of the bytes that did it; the reader compares the next fetch's hash and does not read the
same bytes again. New bytes at the URL are read normally (and a good read forgets the row).
"""

from __future__ import annotations

from typing import Literal

from storage.db import Database

Kind = Literal["page", "document"]


async def over_limits(db: Database, kind: Kind) -> dict[str, str]:
    """URL → hash of the bytes that broke the limits (one query per cycle)."""
    async with db.reader.execute(
        "SELECT url, content_hash FROM over_limits WHERE kind = ?", (kind,)
    ) as cur:
        return {str(r[0]): str(r[1]) for r in await cur.fetchall()}


async def remember_over_limits(
    db: Database, kind: Kind, url: str, content_hash: str, reason: str
) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO over_limits (url, kind, content_hash, reason, seen_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (url, kind) DO UPDATE SET"
            " content_hash = excluded.content_hash, reason = excluded.reason,"
            " seen_at = excluded.seen_at",
            (url, kind, content_hash, reason[:500], db.timestamp()),
        )


async def forget_over_limits(db: Database, kind: Kind, url: str) -> None:
    """The URL was read within the limits (new bytes): nothing to remember."""
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM over_limits WHERE url = ? AND kind = ?", (url, kind))
