"""Swedish full-text search over every stored agenda item.

Why: members search in inflected Swedish and type anything (`"`, `*`, `NEAR(`, emoji, a pasted
page). The index `items_fts` holds the snowball stems of an item's title, agenda text, minutes
text, proposal and case numbers (rowid = items.id). A query is reduced to at most
`MAX_QUERY_TERMS` words (`agenda.stem.query_terms`); each becomes a quoted prefix term
(`"vårdplat"*`), so user syntax never reaches FTS5 as syntax and every inflection and compound
matches. All terms are required. Ranking is bm25 over the most recent `CANDIDATES` matches, which
bounds the cost of very common words on a large database. The snippet is a window of the
item's original text around the first matching word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import aiosqlite

from agenda.model import Item
from agenda.stem import is_exact_term, query_terms, stem, stems, term_matches
from storage.bodies import BodyRow, body_from_row
from storage.db import Database
from storage.meeting_rows import parse_date

CANDIDATES = 1000
SNIPPET_CHARS = 160
_LEAD = 50
_WORD = re.compile(r"[^\W_]+")


@dataclass
class SearchHit:
    """One matching item; `score` is higher for better matches."""

    item_id: int
    meeting_id: int
    position: int
    body: BodyRow
    date: date | None
    number: int | None
    paragraph: int | None
    title: str | None
    snippet: str
    score: float


def indexed_text(item: Item) -> str:
    """What the index holds for an item: stems of title, texts, proposal and case numbers."""
    parts = [item.title, item.text, item.minutes_text, item.proposal, " ".join(item.case_numbers)]
    return " ".join(stems(" ".join(p for p in parts if p)))


async def index_item(conn: aiosqlite.Connection, item_id: int, item: Item) -> None:
    """(Re)index one item inside a transaction."""
    await conn.execute("DELETE FROM items_fts WHERE rowid = ?", (item_id,))
    await conn.execute(
        "INSERT INTO items_fts (rowid, stems) VALUES (?, ?)", (item_id, indexed_text(item))
    )


def fts_query(terms: Sequence[str]) -> str:
    """An FTS5 MATCH expression: every term quoted, prefix terms starred, all required."""
    quoted = []
    for term in terms:
        escaped = '"' + term.replace('"', '""') + '"'
        quoted.append(escaped if is_exact_term(term) else escaped + "*")
    return " ".join(quoted)


_CANDIDATE_SQL = (
    "SELECT items_fts.rowid AS id, bm25(items_fts) AS rank FROM items_fts"
    " WHERE items_fts MATCH :q ORDER BY items_fts.rowid DESC LIMIT :cap"
)
_CANDIDATE_BODY_SQL = (
    "SELECT items_fts.rowid AS id, bm25(items_fts) AS rank FROM items_fts"
    " JOIN items i ON i.id = items_fts.rowid JOIN meetings m ON m.id = i.meeting_id"
    " WHERE items_fts MATCH :q AND m.body_id IN (SELECT value FROM json_each(:bodies))"
    " ORDER BY items_fts.rowid DESC LIMIT :cap"
)
_HIT_SQL = (
    "SELECT i.id, i.meeting_id, i.position, i.number, i.paragraph, i.title, i.text,"
    " i.minutes_text, i.proposal, m.date, b.id AS b_id, b.portal AS b_portal,"
    " b.slug AS b_slug, b.name AS b_name FROM items i"
    " JOIN meetings m ON m.id = i.meeting_id JOIN bodies b ON b.id = m.body_id"
    " WHERE i.id IN (SELECT value FROM json_each(:ids))"
)


async def search(
    db: Database, query: str, *, limit: int = 10, body_ids: Sequence[int] | None = None
) -> list[SearchHit]:
    """Items matching every word of `query` (any inflection), best first; [] without words."""
    terms = query_terms(query)
    if not terms or limit <= 0 or (body_ids is not None and not body_ids):
        return []
    params: dict[str, object] = {"q": fts_query(terms), "cap": CANDIDATES}
    sql = _CANDIDATE_SQL
    if body_ids is not None:
        sql = _CANDIDATE_BODY_SQL
        params["bodies"] = json.dumps([int(b) for b in body_ids])
    async with db.reader.execute(sql, params) as cur:
        candidates = [(float(r["rank"]), int(r["id"])) for r in await cur.fetchall()]
    # bm25 is lower-is-better; ties go to the most recently stored item.
    best = sorted(candidates, key=lambda c: (c[0], -c[1]))[:limit]
    if not best:
        return []
    async with db.reader.execute(_HIT_SQL, {"ids": json.dumps([i for _, i in best])}) as cur:
        rows = {int(r["id"]): r for r in await cur.fetchall()}
    return [_hit(rows[i], -rank, terms) for rank, i in best if i in rows]


def _hit(row: aiosqlite.Row, score: float, terms: list[str]) -> SearchHit:
    return SearchHit(
        item_id=int(row["id"]),
        meeting_id=int(row["meeting_id"]),
        position=int(row["position"]),
        body=body_from_row(row, "b_"),
        date=parse_date(row["date"]),
        number=row["number"],
        paragraph=row["paragraph"],
        title=row["title"],
        snippet=snippet([row["text"], row["minutes_text"], row["proposal"], row["title"]], terms),
        score=score,
    )


def snippet(texts: Sequence[str | None], terms: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """A window of the first text containing a matching word, around that word, "…" at cuts.

    Falls back to the start of the first non-empty text. Never adds words of its own.
    """
    flat = [" ".join(t.split()) for t in texts if t and t.strip()]
    for text in flat:
        for match in _WORD.finditer(text):
            indexed = stem(match.group().lower())
            if any(term_matches(t, indexed) for t in terms):
                return _window(text, match.start(), width)
    return _window(flat[0], 0, width) if flat else ""


def _window(text: str, at: int, width: int) -> str:
    if len(text) <= width:
        return text
    start = max(0, min(at - _LEAD, len(text) - width))
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start, at)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", max(at, start + 1), end)
        end = space if space > at else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return f"{prefix}{text[start:end].strip()}{suffix}"
