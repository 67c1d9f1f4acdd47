"""The agenda model every layer shares: body, meeting, item, attachment.

Why: the parser produces these, storage persists them, the bot and the alerts render them. One
set of plain dataclasses keeps the layers decoupled from each other's details. `to_json` gives
the documented `python -m bot parse` schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any


@dataclass(frozen=True, slots=True)
class Attachment:
    """A document hanging below an item (Bilagor): its visible title and its link."""

    title: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Body:
    """A political body (nämnd, styrelse, fullmäktige, utskott, råd...).

    `slug` is the portal's path segment (`halso-och-sjukvardsnamnden`); `portal` is the portal's
    base URL (`https://forum.regionjh.se`) or None for a page read from a file without `--url`.
    `organisation` is the municipality or region the body belongs to when the sources file names
    it (`Tyresö kommun`): it tells apart two bodies of the same name in one bot.
    """

    slug: str
    name: str | None = None
    portal: str | None = None
    organisation: str | None = None


@dataclass(slots=True)
class Item:
    """One agenda item (ärende/punkt), with what the minutes say about it when published.

    `number` is the agenda number (punkt 4); `paragraph` is the minutes paragraph (§ 54); they are
    different things. `number_inferred` is true when the number was not on the page but the
    neighbouring items left exactly one possibility. A lettered sub-item (`9 a`, `17 A`, added
    between 9 and 10) has no whole number of its own: `number` is None and `number_label` is
    what the page prints, so `/punkt 9` never answers with item 9 a (`/punkt 9a` does).
    """

    number: int | None = None
    paragraph: int | None = None
    title: str | None = None
    text: str | None = None
    minutes_text: str | None = None
    proposal: str | None = None
    case_numbers: list[str] = field(default_factory=list)
    procedural: bool = False
    attachments: list[Attachment] = field(default_factory=list)
    number_inferred: bool = False
    number_label: str | None = None

    def label(self) -> str:
        """A short human reference: '4', '9 a', '§ 54' or '' when the item has none."""
        if self.number is not None:
            return str(self.number)
        if self.number_label:
            return self.number_label
        if self.paragraph is not None:
            return f"§ {self.paragraph}"
        return ""


@dataclass(slots=True)
class Meeting:
    """A meeting of one body on one day, with its agenda items in page order."""

    body: Body
    url: str | None = None
    date: date | None = None
    start: time | None = None
    end: time | None = None
    place: str | None = None
    cancelled: bool = False
    minutes_url: str | None = None
    items: list[Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: hrefs too malformed to be a URL (`http://[::1`): their links were left out (counted by
    #: the caller), their visible titles kept. Not part of the stored meeting.
    skipped_links: list[str] = field(default_factory=list)

    def item_by_number(self, number: int) -> Item | None:
        return next((i for i in self.items if i.number == number), None)

    def item_by_paragraph(self, paragraph: int) -> Item | None:
        return next((i for i in self.items if i.paragraph == paragraph), None)

    def item_by_label(self, label: str) -> Item | None:
        """The lettered item `9a`, `9 a` or `9A` (spaces and case do not matter)."""
        key = label_key(label)
        return next(
            (i for i in self.items if i.number_label and label_key(i.number_label) == key), None
        )


def label_key(label: str) -> str:
    """How a lettered number compares: `9 a`, `9a` and `9A` are one."""
    return "".join(label.split()).casefold()


@dataclass(slots=True)
class ItemDocument:
    """An item's own document (tjänsteskrivelse), such as seed 003."""

    date: date | None = None
    case_numbers: list[str] = field(default_factory=list)
    title: str | None = None
    description: str | None = None
    proposal: str | None = None
    proposal_heading: str | None = None


def _fmt_time(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def item_to_json(item: Item) -> dict[str, Any]:
    return {
        "number": item.number,
        "number_label": item.number_label,
        "paragraph": item.paragraph,
        "title": item.title,
        "text": item.text,
        "minutes_text": item.minutes_text,
        "proposal": item.proposal,
        "case_numbers": list(item.case_numbers),
        "procedural": item.procedural,
        "attachments": [{"title": a.title, "url": a.url} for a in item.attachments],
    }


def meeting_to_json(meeting: Meeting) -> dict[str, Any]:
    """The documented JSON schema of `python -m bot parse` (absent values None, lists empty)."""
    return {
        "url": meeting.url,
        "body": {"slug": meeting.body.slug, "name": meeting.body.name},
        "date": meeting.date.isoformat() if meeting.date else None,
        "start": _fmt_time(meeting.start),
        "end": _fmt_time(meeting.end),
        "place": meeting.place,
        "cancelled": meeting.cancelled,
        "minutes_url": meeting.minutes_url,
        "items": [item_to_json(i) for i in meeting.items],
    }
