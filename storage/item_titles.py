"""Titles for a meeting's untitled items, from evidence: their documents, or their case elsewhere.

Why: an entry whose printed title was lost reads as a cut sentence; members scan titles. The
evidence, best first: the subject line of the item's own read document (a tjänsteskrivelse),
the name of one of its documents without `Bilaga 2` and the extension (`agenda.titles`), the
printed title of the same case at another meeting (only when the item has exactly one case
number, and only appearances on an agenda or in a document, never a minutes alignment). Each
title says where it was taken from, so the view can mark it. One query per source per meeting.
"""

from __future__ import annotations

from agenda.casenumbers import find_case_numbers
from agenda.events import DocumentKind
from agenda.model import Item
from agenda.titles import is_section_heading, title_from_document, title_from_name
from storage.db import Database
from storage.item_title_rows import TitleSource as TitleSource
from storage.meeting_rows import StoredMeeting, parse_date


def needs_title(item: Item) -> bool:
    return not (item.title or "").strip() and not item.procedural


async def item_titles(db: Database, sm: StoredMeeting) -> dict[int, TitleSource]:
    """Position → title from evidence, for the meeting's items printed without a title."""
    wanted = {p for p, item in enumerate(sm.meeting.items) if needs_title(item)}
    if not wanted:
        return {}
    found = await _from_documents(db, sm, wanted)
    for position in wanted - found.keys():
        named = _from_attachments(sm.meeting.items[position])
        if named is not None:
            found[position] = named
    for position in sorted(wanted - found.keys()):
        case = await _from_case(db, sm, position)
        if case is not None:
            found[position] = case
    return found


async def _from_documents(
    db: Database, sm: StoredMeeting, wanted: set[int]
) -> dict[int, TitleSource]:
    async with db.reader.execute(
        "SELECT position, title, url, status, text FROM documents WHERE meeting_id = ?"
        " AND kind = ? AND position IS NOT NULL ORDER BY status != 'ok', id",
        (sm.id, DocumentKind.ATTACHMENT),
    ) as cur:
        rows = await cur.fetchall()
    found: dict[int, TitleSource] = {}
    named: dict[int, TitleSource] = {}
    for row in rows:
        position = int(row["position"])
        if position not in wanted or position in found:
            continue
        name = row["title"] or _file_name(row["url"])
        subject = title_from_document(row["text"] or "") if row["status"] == "ok" else None
        if subject is not None:
            found[position] = TitleSource(subject, "document", name, row["url"])
        elif position not in named and (by_name := title_from_name(row["title"])) is not None:
            named[position] = TitleSource(by_name, "name", name, row["url"])
    return {**named, **found}


def _from_attachments(item: Item) -> TitleSource | None:
    """An attachment the page links but that was not read (yet): its name as a title."""
    for attachment in item.attachments:
        title = title_from_name(attachment.title)
        if title is not None:
            return TitleSource(title, "name", attachment.title, attachment.url)
    return None


def _file_name(url: str | None) -> str:
    return (url or "").split("?")[0].rstrip("/").rsplit("/", 1)[-1]


async def _from_case(db: Database, sm: StoredMeeting, position: int) -> TitleSource | None:
    item = sm.meeting.items[position]
    cases = find_case_numbers(" ".join(item.case_numbers))
    if len(cases) != 1:  # the item's own case, not a mention of several
        return None
    async with db.reader.execute(
        "SELECT i.title, b.name, b.slug, m.date FROM case_refs r"
        " JOIN items i ON i.meeting_id = r.meeting_id AND i.position = r.position"
        " JOIN meetings m ON m.id = r.meeting_id JOIN bodies b ON b.id = m.body_id"
        " WHERE r.case_key = ? AND r.meeting_id != ? AND r.source IN ('agenda', 'document')"
        " AND coalesce(trim(i.title), '') != '' ORDER BY m.date DESC LIMIT 5",
        (cases[0].key, sm.id),
    ) as cur:
        rows = await cur.fetchall()
    for row in rows:
        title = " ".join(str(row["title"]).split())
        if not is_section_heading(Item(title=title)):
            return TitleSource(
                title, "case", row["name"] or row["slug"], day=parse_date(row["date"])
            )
    return None
