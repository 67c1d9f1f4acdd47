"""Political bodies (nämnder, styrelser...) as stored rows.

Why: meetings, follows and search hits all point at a body; one small repository keeps the rule
that a known name is never forgotten when a later page lacks it, and gives every caller the same
human-readable `display_name`.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from agenda.model import Body
from storage.db import Database


@dataclass(frozen=True)
class BodyRow:
    """A stored body; `portal` is '' when unknown."""

    id: int
    portal: str
    slug: str
    name: str | None

    @property
    def display_name(self) -> str:
        """The body's name, else its slug prettified (`halso-och-sjukvardsnamnden` ->
        `Halso och sjukvardsnamnden`)."""
        if self.name:
            return self.name
        return prettify_slug(self.slug)


def prettify_slug(slug: str) -> str:
    text = " ".join(slug.replace("_", "-").split("-")).strip()
    return text[:1].upper() + text[1:] if text else slug


def body_from_row(row: aiosqlite.Row, prefix: str = "") -> BodyRow:
    """A BodyRow from a row holding `<prefix>id, <prefix>portal, <prefix>slug, <prefix>name`."""
    return BodyRow(
        id=int(row[f"{prefix}id"]),
        portal=str(row[f"{prefix}portal"]),
        slug=str(row[f"{prefix}slug"]),
        name=row[f"{prefix}name"],
    )


async def upsert_body(conn: aiosqlite.Connection, body: Body) -> int:
    """Insert or update a body inside a transaction; keeps a known name when `body.name` is None.

    Writes nothing when the stored row already says the same.
    """
    portal = body.portal or ""
    async with conn.execute(
        "SELECT id, name FROM bodies WHERE portal = ? AND slug = ?", (portal, body.slug)
    ) as cur:
        row = await cur.fetchone()
    if row is None:
        async with conn.execute(
            "INSERT INTO bodies (portal, slug, name) VALUES (?, ?, ?) RETURNING id",
            (portal, body.slug, body.name),
        ) as cur:
            inserted = await cur.fetchone()
        assert inserted is not None
        return int(inserted[0])
    body_id = int(row[0])
    if body.name and body.name != row[1]:
        await conn.execute("UPDATE bodies SET name = ? WHERE id = ?", (body.name, body_id))
    return body_id


async def list_bodies(db: Database) -> list[BodyRow]:
    """Every stored body, by display name."""
    async with db.reader.execute("SELECT id, portal, slug, name FROM bodies") as cur:
        rows = [body_from_row(r) for r in await cur.fetchall()]
    return sorted(rows, key=lambda b: (b.display_name.casefold(), b.id))


async def get_body(db: Database, body_id: int) -> BodyRow | None:
    async with db.reader.execute(
        "SELECT id, portal, slug, name FROM bodies WHERE id = ?", (body_id,)
    ) as cur:
        row = await cur.fetchone()
    return body_from_row(row) if row else None
