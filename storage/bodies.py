"""Political bodies (nämnder, styrelser...) as stored rows.

Why: meetings, follows and search hits all point at a body; one small repository keeps the rule
that a known name is never forgotten when a later page lacks it, and gives every caller the same
human-readable `display_name`, which names the body's organisation when its source does
(`Kommunstyrelsen (Tyresö kommun)`), so bodies of the same name in one bot stay apart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import aiosqlite

from agenda.model import Body
from storage.body_rows import BodyRow as BodyRow
from storage.body_rows import body_from_row as body_from_row
from storage.body_rows import body_order as body_order
from storage.body_rows import prettify_slug as prettify_slug
from storage.db import Database

SELECT_BODY = "SELECT id, portal, slug, name, organisation FROM bodies"


async def upsert_body(conn: aiosqlite.Connection, body: Body) -> int:
    """Insert or update a body inside a transaction; keeps a known name (organisation) when
    `body.name` (`body.organisation`) is None. Writes nothing when the stored row says the same.
    """
    portal = body.portal or ""
    async with conn.execute(
        "SELECT id, name, organisation FROM bodies WHERE portal = ? AND slug = ?",
        (portal, body.slug),
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        async with conn.execute(
            "INSERT INTO bodies (portal, slug, name, organisation) VALUES (?, ?, ?, ?)"
            " RETURNING id",
            (portal, body.slug, body.name, body.organisation),
        ) as cur:
            inserted = await cur.fetchone()
        assert inserted is not None
        return int(inserted[0])
    body_id = int(row[0])
    if body.name and body.name != row[1]:
        await conn.execute("UPDATE bodies SET name = ? WHERE id = ?", (body.name, body_id))
    if body.organisation and body.organisation != row[2]:
        await conn.execute(
            "UPDATE bodies SET organisation = ? WHERE id = ?", (body.organisation, body_id)
        )
    return body_id


async def set_organisation(
    db: Database, portal: str, organisation: str | None, slugs: Sequence[str] | None = None
) -> int:
    """Name the organisation of a source's bodies (those of `portal`, or only `slugs` there);
    None clears it. The sources file is the truth: run at each visit, so a name given, changed
    or removed there reaches bodies stored before. Returns the rows changed (none: no write)."""
    chosen = json.dumps(list(slugs)) if slugs is not None else None
    params = (portal, organisation, chosen, chosen)
    async with db.reader.execute(f"SELECT COUNT(*) FROM bodies {_OF_SOURCE}", params) as cur:  # noqa: S608
        row = await cur.fetchone()
    if not row or not row[0]:
        return 0  # the usual case: nothing to change, no write lock taken
    async with db.transaction() as conn:
        cursor = await conn.execute(
            f"UPDATE bodies SET organisation = ? {_OF_SOURCE}",  # noqa: S608
            (organisation, *params),
        )
        return cursor.rowcount


_OF_SOURCE = (
    "WHERE portal = ? AND organisation IS NOT ?"
    " AND (? IS NULL OR slug IN (SELECT value FROM json_each(?)))"
)


async def list_bodies(db: Database) -> list[BodyRow]:
    """Every stored body: grouped by organisation (those without one first), then by name."""
    async with db.reader.execute(SELECT_BODY) as cur:
        rows = [body_from_row(r) for r in await cur.fetchall()]
    return sorted(rows, key=body_order)


def namesakes(bodies: Sequence[BodyRow]) -> dict[str, list[BodyRow]]:
    """Bodies members cannot tell apart (the same display name), by that name."""
    by_name: dict[str, list[BodyRow]] = {}
    for body in bodies:
        by_name.setdefault(body.display_name.casefold(), []).append(body)
    return {same[0].display_name: same for same in by_name.values() if len(same) > 1}


async def get_body(db: Database, body_id: int) -> BodyRow | None:
    async with db.reader.execute(f"{SELECT_BODY} WHERE id = ?", (body_id,)) as cur:
        row = await cur.fetchone()
    return body_from_row(row) if row else None
