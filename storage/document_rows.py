"""What the documents tables hold, as dataclasses: a listed attachment, a read, a stored
document, a decision; and the row → dataclass mapping.

Why: the listing and saving (`storage.documents`), the reads for the bot
(`storage.document_reads`) and the rendering all speak of the same rows; their shape lives here,
free of queries, as `storage.meeting_rows` does for meetings. `storage.documents` re-exports
these names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import aiosqlite

from agenda.decisions import MinutesParagraph
from agenda.events import DocumentKind


@dataclass(frozen=True, slots=True)
class Listed:
    """An attachment the meeting page links: its URL, title and item position (None: minutes)."""

    url: str
    title: str | None
    position: int | None
    kind: str = DocumentKind.ATTACHMENT


@dataclass(slots=True)
class DocumentRead:
    """One read of a document: the verdict, its text and what the text says."""

    url: str
    status: str
    content_hash: str
    text: str = ""
    pages: int = 0
    detail: str = ""
    proposal: str | None = None
    proposal_heading: str | None = None
    case_numbers: list[str] = field(default_factory=list)
    decisions: list[tuple[int | None, MinutesParagraph]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: int
    meeting_id: int
    url: str
    kind: str
    title: str | None
    position: int | None
    status: str
    text: str
    pages: int
    proposal: str | None
    proposal_heading: str | None
    case_numbers: list[str]
    versions: int
    late: bool


@dataclass(frozen=True, slots=True)
class Decision:
    paragraph: int
    position: int | None
    title: str | None
    decision: str | None
    reservation: str | None


@dataclass(frozen=True, slots=True)
class ItemSubstance:
    """What the documents say about one item: its documents and the decision, if any."""

    documents: list[StoredDocument]
    decision: Decision | None


DOCUMENT_COLUMNS = (
    "id, meeting_id, url, kind, title, position, status, text, pages, proposal,"
    " proposal_heading, case_numbers, versions, late"
)


def document_from_row(row: aiosqlite.Row) -> StoredDocument:
    return StoredDocument(
        id=int(row["id"]),
        meeting_id=int(row["meeting_id"]),
        url=str(row["url"]),
        kind=str(row["kind"]),
        title=row["title"],
        position=row["position"],
        status=str(row["status"]),
        text=str(row["text"]),
        pages=int(row["pages"]),
        proposal=row["proposal"],
        proposal_heading=row["proposal_heading"],
        case_numbers=list(json.loads(row["case_numbers"])),
        versions=int(row["versions"]),
        late=bool(row["late"]),
    )
