"""A stored body as the rest of the code sees it: `BodyRow`, its names, its order in lists.

Why: meetings, follows, search hits and every rendering point at a body; the row's shape and
the row → dataclass mapping live here, free of queries, so the presentation can read a body
without reaching the repository that runs SQL (`storage.bodies`, which re-exports these).
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True)
class BodyRow:
    """A stored body; `portal` is '' when unknown, `organisation` None when no source names it."""

    id: int
    portal: str
    slug: str
    name: str | None
    organisation: str | None = None

    @property
    def plain_name(self) -> str:
        """The body's name, else its slug prettified (`halso-och-sjukvardsnamnden` ->
        `Halso och sjukvardsnamnden`)."""
        if self.name:
            return self.name
        return prettify_slug(self.slug)

    @property
    def display_name(self) -> str:
        """What members read: `Kommunstyrelsen (Tyresö kommun)` when the body's source names
        its organisation, else the plain name. Always, not only next to a namesake: a body's
        name then reads the same in every alert, list and button, also after the operator adds
        another organisation, and an alert on a lock screen says whose meeting it is."""
        if self.organisation:
            return f"{self.plain_name} ({self.organisation})"
        return self.plain_name


def prettify_slug(slug: str) -> str:
    text = " ".join(slug.replace("_", "-").split("-")).strip()
    return text[:1].upper() + text[1:] if text else slug


def body_from_row(row: aiosqlite.Row, prefix: str = "") -> BodyRow:
    """A BodyRow from a row holding `<prefix>id, <prefix>portal, <prefix>slug, <prefix>name,
    <prefix>organisation`."""
    return BodyRow(
        id=int(row[f"{prefix}id"]),
        portal=str(row[f"{prefix}portal"]),
        slug=str(row[f"{prefix}slug"]),
        name=row[f"{prefix}name"],
        organisation=row[f"{prefix}organisation"],
    )


def body_order(body: BodyRow) -> tuple[str, str, int]:
    """How bodies are listed: a member looks for their own organisation's bodies together."""
    return ((body.organisation or "").casefold(), body.plain_name.casefold(), body.id)
