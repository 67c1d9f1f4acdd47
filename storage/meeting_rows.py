"""Row <-> model conversion for meetings and items, shared by the meeting writes and reads.

Why: `storage.meetings` must stay small; the column lists and the JSON columns (case numbers,
attachments) are spelled out once here so reads and writes cannot drift apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, time

import aiosqlite

from agenda.model import Attachment, Body, Item, Meeting
from storage.body_rows import BodyRow, body_from_row

MEETING_COLUMNS = (
    "m.id, m.body_id, m.key, m.url, m.date, m.start, m.end, m.place, m.cancelled,"
    " m.minutes_url, m.content_hash, m.first_seen, m.updated_at,"
    " b.id AS b_id, b.portal AS b_portal, b.slug AS b_slug, b.name AS b_name,"
    " b.organisation AS b_organisation"
)
ITEM_COLUMNS = (
    "id, position, number, number_inferred, paragraph, title, text, minutes_text, proposal,"
    " case_numbers, procedural, attachments, number_label"
)


@dataclass
class StoredMeeting:
    """A stored meeting with its body; `meeting.items` in page order."""

    id: int
    body: BodyRow
    meeting: Meeting
    first_seen: str
    updated_at: str


@dataclass
class MeetingRow:
    """One line of a meeting list (no items loaded)."""

    id: int
    body: BodyRow
    date: date | None
    start: time | None
    place: str | None
    cancelled: bool
    item_count: int
    url: str | None
    minutes_url: str | None


def parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def parse_time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def fmt_time(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def item_from_row(row: aiosqlite.Row) -> Item:
    attachments = [
        Attachment(a.get("title") or "", a.get("url")) for a in json.loads(row["attachments"])
    ]
    return Item(
        number=row["number"],
        paragraph=row["paragraph"],
        title=row["title"],
        text=row["text"],
        minutes_text=row["minutes_text"],
        proposal=row["proposal"],
        case_numbers=list(json.loads(row["case_numbers"])),
        procedural=bool(row["procedural"]),
        attachments=attachments,
        number_inferred=bool(row["number_inferred"]),
        number_label=row["number_label"],
    )


def item_values(meeting_id: int, position: int, item: Item) -> tuple[object, ...]:
    """Parameters for `INSERT INTO items (meeting_id, position, <ITEM_COLUMNS minus id>)`."""
    attachments = [{"title": a.title, "url": a.url} for a in item.attachments]
    return (
        meeting_id,
        position,
        item.number,
        int(item.number_inferred),
        item.paragraph,
        item.title,
        item.text,
        item.minutes_text,
        item.proposal,
        json.dumps(list(item.case_numbers), ensure_ascii=False),
        int(item.procedural),
        json.dumps(attachments, ensure_ascii=False),
        item.number_label,
    )


def stored_meeting(row: aiosqlite.Row, items: list[Item]) -> StoredMeeting:
    body = body_from_row(row, "b_")
    meeting = Meeting(
        body=Body(body.slug, body.name, body.portal or None, body.organisation),
        url=row["url"],
        date=parse_date(row["date"]),
        start=parse_time(row["start"]),
        end=parse_time(row["end"]),
        place=row["place"],
        cancelled=bool(row["cancelled"]),
        minutes_url=row["minutes_url"],
        items=items,
    )
    return StoredMeeting(int(row["id"]), body, meeting, row["first_seen"], row["updated_at"])


def meeting_row(row: aiosqlite.Row) -> MeetingRow:
    return MeetingRow(
        id=int(row["id"]),
        body=body_from_row(row, "b_"),
        date=parse_date(row["date"]),
        start=parse_time(row["start"]),
        place=row["place"],
        cancelled=bool(row["cancelled"]),
        item_count=int(row["item_count"]),
        url=row["url"],
        minutes_url=row["minutes_url"],
    )
