"""Search that reads the documents too: the agenda's items first, then document hits.

Why: most of the words members look for are inside the attachments, not on the meeting page.
`documents_fts` (rowid = documents.id, filled by `storage.documents.save_read`) holds the same
stemmed normal forms as the items' index, with the same body token, so one query shape serves
both. Items keep their ranking and come first; a document hit follows only when its item (or,
for the minutes, its meeting) is not already among the hits, and says which document matched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import aiosqlite

from agenda.events import DocumentKind
from agenda.stem import is_exact_term, query_terms
from storage.bodies import body_from_row
from storage.db import Database
from storage.meeting_rows import parse_date
from storage.search import SearchHit, first_match, fts_query, search, snippet

_DOC_MATCH_SQL = (
    "SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH :q"
    " ORDER BY bm25(documents_fts) LIMIT :cap"
)
_DOC_HIT_SQL = (
    "SELECT d.id, d.meeting_id, d.position, d.kind, d.title AS d_title, d.url AS d_url, d.text,"
    " i.number, i.paragraph, i.title, m.date, b.id AS b_id, b.portal AS b_portal,"
    " b.slug AS b_slug, b.name AS b_name, b.organisation AS b_organisation FROM documents d"
    " JOIN meetings m ON m.id = d.meeting_id JOIN bodies b ON b.id = m.body_id"
    " LEFT JOIN items i ON i.meeting_id = d.meeting_id AND i.position = d.position"
    " WHERE d.id = ?"
)


async def search_all(
    db: Database,
    query: str,
    *,
    limit: int = 10,
    body_ids: Sequence[int] | None = None,
    snippets: slice | None = None,
) -> list[SearchHit]:
    """`storage.search.search`, then document hits for items not already found; `snippets`
    as there, over the whole result."""
    hits = await search(db, query, limit=limit, body_ids=body_ids, snippets=snippets)
    if len(hits) >= limit:
        return hits
    return hits + await search_documents(
        db, query, limit=limit - len(hits), body_ids=body_ids, exclude=hits
    )


async def search_documents(
    db: Database,
    query: str,
    *,
    limit: int = 10,
    body_ids: Sequence[int] | None = None,
    exclude: Sequence[SearchHit] = (),
) -> list[SearchHit]:
    """Documents matching every word (exactly, else as prefixes), best first, one per item."""
    terms = query_terms(query)
    if not terms or limit <= 0 or (body_ids is not None and not body_ids):
        return []
    seen = {(h.meeting_id, h.position) for h in exclude}
    cap = limit + len(seen) + 20
    ids = await _ids(db, fts_query(terms, prefix=False, body_ids=body_ids), cap)
    if not ids and not all(is_exact_term(t) for t in terms):
        ids = await _ids(db, fts_query(terms, prefix=True, body_ids=body_ids), cap)
    found: list[SearchHit] = []
    for document_id in ids:
        async with db.reader.execute(_DOC_HIT_SQL, (document_id,)) as cur:
            row = await cur.fetchone()
        if row is None:
            continue
        key = (int(row["meeting_id"]), row["position"])
        if key in seen:
            continue
        hit = _hit(row, terms)
        if row["kind"] == DocumentKind.MINUTES:
            hit = await _in_minutes(db, hit, str(row["text"] or ""), terms)
        seen.add(key)
        found.append(hit)
        if len(found) >= limit:
            break
    return found


async def _ids(db: Database, match: str, cap: int) -> list[int]:
    async with db.reader.execute(_DOC_MATCH_SQL, {"q": match, "cap": cap}) as cur:
        return [int(r["id"]) for r in await cur.fetchall()]


_PARAGRAPH_RE = re.compile(r"§\s*(\d{1,4})\b")


async def _in_minutes(db: Database, hit: SearchHit, text: str, terms: list[str]) -> SearchHit:
    """A minutes hit names the § the words stand under and the item that § was aligned with
    (never an item the meeting does not have); without a § it points to the meeting."""
    at = first_match(text, terms)
    found = [m for m in _PARAGRAPH_RE.finditer(text[:at]) if at is not None]
    paragraph = int(found[-1].group(1)) if found else None
    position, number, title = -1, None, None
    if paragraph is not None:
        async with db.reader.execute(
            "SELECT d.position, d.title, i.number, i.title, i.id FROM decisions d"
            " LEFT JOIN items i ON i.meeting_id = d.meeting_id AND i.position = d.position"
            " WHERE d.meeting_id = ? AND d.paragraph = ?",
            (hit.meeting_id, paragraph),
        ) as cur:
            row = await cur.fetchone()
        if row is not None:
            title = row[3] or row[1]
            if (row[0] is not None and row[2] is not None) or row[3] is not None:
                position, number = int(row[0]), row[2]
    return replace(
        hit,
        position=position,
        number=number,
        paragraph=paragraph,
        title=title,
        document=None,
        in_minutes=True,
    )


def _hit(row: aiosqlite.Row, terms: list[str]) -> SearchHit:
    hit = SearchHit(
        item_id=0,
        meeting_id=int(row["meeting_id"]),
        position=row["position"] if row["position"] is not None else -1,
        body=body_from_row(row, "b_"),
        date=parse_date(row["date"]),
        number=row["number"],
        paragraph=row["paragraph"],
        title=row["title"],
        snippet=snippet([row["text"]], terms),
        score=-1.0,
    )
    return replace(hit, document=row["d_title"] or row["d_url"], document_url=row["d_url"])
