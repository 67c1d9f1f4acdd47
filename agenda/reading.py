"""What a chat has seen of a meeting, and what is new to it since: the rules of /nytt.

Why: a member who read the agenda on Monday cannot tell what changed by Thursday without
reading it all again. Each chat keeps, per meeting, the items as they were when last shown to
it (`ItemView`: title, text, proposal, documents with their content hashes) and whether it has
seen the agenda as a whole. Comparing that with the items now gives the news: an item added
since the agenda was seen, or a seen item whose title, text, proposal or documents changed.
Items are matched across versions as `agenda.diff` matches them (same content, then similar
words, then number), so an item renumbered by an insertion is the same item, not news.

A "read" mark (/forbered's "✓ läst") remembers the item's fingerprint when it was marked: an
item whose documents or proposal changed afterwards counts as unread again, and says so.
A document first listed without content and read later is not a change; a different content
hash of a document read before is. Pure functions, no I/O; the JSON form is what storage keeps.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from agenda.diff import match_items
from agenda.item_kind import ItemKind, group_items
from agenda.model import Item

__all__ = [
    "CHANGE_KINDS",
    "ItemView",
    "Seen",
    "current_views",
    "fingerprint",
    "items_to_decide",
    "mark_read",
    "mark_seen",
    "news",
    "read_marks",
]

# The kinds of news, in the order they are told.
CHANGE_KINDS = ("added", "title", "text", "proposal", "document")


@dataclass(frozen=True, slots=True)
class ItemView:
    """One item as shown: what a member could have read of it then."""

    number: int | None
    paragraph: int | None
    title: str
    text: str
    proposal: str
    documents: tuple[tuple[str, str], ...] = ()  # (url, content hash; '' until read)
    read: str | None = None  # the fingerprint when marked read

    def as_item(self) -> Item:
        return Item(self.number, self.paragraph, self.title, self.text, proposal=self.proposal)


@dataclass(frozen=True, slots=True)
class Seen:
    """A chat's reading state of one meeting: the items last shown, whether the agenda was."""

    items: tuple[ItemView, ...] = ()
    agenda: bool = False

    def to_json(self) -> str:
        return json.dumps(
            {"agenda": self.agenda, "items": [_view_json(v) for v in self.items]},
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, raw: str | None) -> Seen:
        if not raw:
            return cls()
        data = json.loads(raw)
        if isinstance(data, list):  # items only
            data = {"agenda": True, "items": data}
        return cls(tuple(_view_from(v) for v in data.get("items", [])), bool(data.get("agenda")))


def _view_json(view: ItemView) -> dict[str, Any]:
    return {
        "n": view.number,
        "p": view.paragraph,
        "t": view.title,
        "x": view.text,
        "f": view.proposal,
        "d": [list(d) for d in view.documents],
        "r": view.read,
    }


def _view_from(data: Mapping[str, Any]) -> ItemView:
    return ItemView(
        data.get("n"),
        data.get("p"),
        str(data.get("t") or ""),
        str(data.get("x") or ""),
        str(data.get("f") or ""),
        tuple((str(u), str(h)) for u, h in data.get("d") or []),
        data.get("r"),
    )


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def current_views(
    items: Sequence[Item],
    proposals: Mapping[int, str],
    documents: Mapping[int, Sequence[tuple[str, str]]],
) -> list[ItemView]:
    """The items as they are now: the agenda's own proposal, else the documents' (by
    position); the item's documents as (url, content hash) in a stable order."""
    return [
        ItemView(
            item.number,
            item.paragraph,
            _flat(item.title),
            _flat(item.text),
            _flat(item.proposal or proposals.get(position)),
            tuple(sorted(documents.get(position, ()))),
        )
        for position, item in enumerate(items)
    ]


def fingerprint(view: ItemView) -> str:
    """What a read mark certifies: the title, text, proposal and documents' contents."""
    documents = sorted((u, h) for u, h in view.documents if h)
    raw = json.dumps([view.title, view.text, view.proposal, documents], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:16]


def _pairs(seen: Sequence[ItemView], now: Sequence[ItemView]) -> dict[int, int]:
    """Current position -> index in `seen` of the same item."""
    found = match_items([v.as_item() for v in seen], [v.as_item() for v in now])
    return {new: old for old, new in found}


def _document_news(before: ItemView, after: ItemView) -> bool:
    old = dict(before.documents)
    for url, digest in after.documents:
        if url not in old:
            return True
        if old[url] and digest and old[url] != digest:
            return True
    return False


def _changes(before: ItemView, after: ItemView) -> list[str]:
    kinds = [
        kind
        for kind, a, b in (
            ("title", before.title, after.title),
            ("text", before.text, after.text),
            ("proposal", before.proposal, after.proposal),
        )
        if a != b and b
    ]
    return [*kinds, "document"] if _document_news(before, after) else kinds


def news(seen: Seen, now: Sequence[ItemView]) -> dict[int, list[str]]:
    """Position -> what is new about that item since the chat looked (kinds of
    `CHANGE_KINDS`); items without news are left out. Nothing is news to a chat that never
    looked at the meeting; an item it never saw is news only once it has seen the agenda."""
    if not seen.items and not seen.agenda:
        return {}
    pairs = _pairs(seen.items, now)
    found: dict[int, list[str]] = {}
    for position, view in enumerate(now):
        old = pairs.get(position)
        if old is None:
            if seen.agenda:
                found[position] = ["added"]
            continue
        kinds = _changes(seen.items[old], view)
        if kinds:
            found[position] = kinds
    return found


def mark_seen(seen: Seen, now: Sequence[ItemView], positions: Iterable[int] | None) -> Seen:
    """The state after showing the items at `positions` (None: the whole agenda); read marks
    stay with their items."""
    pairs = _pairs(seen.items, now)
    if positions is None:
        items = [
            replace(view, read=seen.items[pairs[p]].read) if p in pairs else view
            for p, view in enumerate(now)
        ]
        return Seen(tuple(items), True)
    items_list = list(seen.items)
    for position in positions:
        if not 0 <= position < len(now):
            continue
        old = pairs.get(position)
        if old is None:
            items_list.append(now[position])
        else:
            items_list[old] = replace(now[position], read=items_list[old].read)
    return Seen(tuple(items_list), seen.agenda)


def read_marks(seen: Seen, now: Sequence[ItemView]) -> dict[int, str]:
    """Position -> `read` (marked, unchanged since) or `changed` (marked, changed since)."""
    pairs = _pairs(seen.items, now)
    marks: dict[int, str] = {}
    for position, view in enumerate(now):
        old = pairs.get(position)
        mark = seen.items[old].read if old is not None else None
        if mark:
            marks[position] = "read" if mark == fingerprint(view) else "changed"
    return marks


def mark_read(seen: Seen, now: Sequence[ItemView], position: int, read: bool) -> Seen:
    """Mark the item at `position` read as it is now (or unread); marking also shows it."""
    shown = mark_seen(seen, now, [position])
    pairs = _pairs(shown.items, now)
    old = pairs.get(position)
    if old is None:
        return shown
    items = list(shown.items)
    items[old] = replace(items[old], read=fingerprint(now[position]) if read else None)
    return Seen(tuple(items), shown.agenda)


def items_to_decide(items: Sequence[Item], proposals: Mapping[int, str]) -> list[int]:
    """The positions a member prepares for (/forbered, the party group's items): the items to
    decide (`agenda.item_kind`), and the items of unknown kind with them (never guessed to be
    information); information and procedural items are left out."""
    kept = {ItemKind.DECISION, ItemKind.UNKNOWN}
    return sorted(
        p for kind, positions in group_items(items, proposals) if kind in kept for p in positions
    )
