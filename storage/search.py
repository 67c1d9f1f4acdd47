"""Swedish full-text search over every stored agenda item.

Why: members search in inflected Swedish and type anything (`"`, `*`, `NEAR(`, emoji, a pasted
page). The index `items_fts` holds, per item (rowid = items.id), the stemmed normal form
(`agenda.stem.index_terms`) of its title, agenda text, minutes text, proposal and case numbers,
plus one body token (`xbody<id>`) for the body filter. A query is reduced to at most
`MAX_QUERY_TERMS` words (`agenda.stem.query_terms`), each quoted, so user syntax never reaches
FTS5 as syntax. All terms are required. Two passes keep large databases fast:
1. exact terms (every inflection is the same indexed term), ranked by bm25 over the most recent
   `CANDIDATES` matches: index lookups that stop early;
2. only when that gives fewer than `limit` hits: each term as a prefix (compounds such as
   *vårdplatsbrist* for *vårdplats*), expanded through the `search_terms` vocabulary into OR-ed
   exact terms (FTS5 answers those newest-first without reading whole doclists, unlike
   `"vårdplat"*`), appended after the exact hits with score 0.
The snippet is a window of the item's original text around the first matching word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import aiosqlite

from agenda.model import Item
from agenda.stem import index_terms, is_exact_term, query_term, query_terms, term_matches
from storage.bodies import BodyRow, body_from_row
from storage.db import Database
from storage.meeting_rows import parse_date

CANDIDATES = 1000
MAX_EXPANSION = 64
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
    document: str | None = None  # the document the words were found in (storage.document_search)
    document_url: str | None = None
    in_minutes: bool = False  # found in the minutes PDF (at § `paragraph`, when one is known)


BODY_MARK = "xbody"


def item_terms(item: Item) -> list[str]:
    """The indexed normal forms of an item's title, texts, proposal and case numbers."""
    parts = [item.title, item.text, item.minutes_text, item.proposal, " ".join(item.case_numbers)]
    return index_terms(" ".join(p for p in parts if p))


def indexed_text(item: Item, body_id: int) -> str:
    """What the index holds for an item: normal forms of its words, then its body token."""
    return _indexed(item_terms(item), body_id)


def _indexed(terms: list[str], body_id: int) -> str:
    return " ".join([*terms, f"{BODY_MARK}{body_id}"])


async def index_items(
    conn: aiosqlite.Connection, items: Sequence[tuple[int, Item]], *, body_id: int
) -> None:
    """(Re)index stored items (id, item) of one body inside a transaction: three statements
    whatever their number, so the poll process's transaction, which a member's write may be
    waiting for, stays short."""
    indexed = [(item_id, item_terms(item)) for item_id, item in items]
    if not indexed:
        return
    await conn.executemany("DELETE FROM items_fts WHERE rowid = ?", [(i,) for i, _ in indexed])
    await conn.executemany(
        "INSERT INTO items_fts (rowid, stems) VALUES (?, ?)",
        [(i, _indexed(terms, body_id)) for i, terms in indexed],
    )
    vocabulary = sorted({term for _, terms in indexed for term in terms})
    await conn.executemany(
        "INSERT OR IGNORE INTO search_terms (term) VALUES (?)", [(t,) for t in vocabulary]
    )


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _group(alternatives: Sequence[str]) -> str:
    return "(" + " OR ".join(alternatives) + ")" if len(alternatives) > 1 else alternatives[0]


def fts_query(
    terms: Sequence[str | Sequence[str]],
    *,
    prefix: bool = True,
    body_ids: Sequence[int] | None = None,
) -> str:
    """An FTS5 MATCH expression, all parts required. A str term is quoted (and starred when
    `prefix`, except numbers and very short terms); a list of terms is OR-ed exact terms;
    `body_ids` restricts to items of those bodies."""
    parts = []
    for term in terms:
        if isinstance(term, str):
            star = "*" if prefix and not is_exact_term(term) else ""
            parts.append(_quote(term) + star)
        else:
            parts.append(_group([_quote(t) for t in term]))
    if body_ids is not None:
        parts.append(_group([_quote(f"{BODY_MARK}{int(b)}") for b in body_ids]))
    return " AND ".join(parts)


async def _expand(db: Database, term: str) -> str | list[str]:
    """Indexed terms starting with `term` (compounds), or `term` itself (as a prefix) when
    there are more than MAX_EXPANSION of them or it must match exactly."""
    if is_exact_term(term):
        return [term]
    async with db.reader.execute(
        "SELECT term FROM search_terms WHERE term >= :lo AND term < :hi ORDER BY term LIMIT :n",
        {"lo": term, "hi": term + "\U0010ffff", "n": MAX_EXPANSION + 1},
    ) as cur:
        found = [str(r[0]) for r in await cur.fetchall()]
    return term if len(found) > MAX_EXPANSION else found


_RANKED_SQL = (
    "SELECT rowid AS id, bm25(items_fts) AS rank FROM items_fts"
    " WHERE items_fts MATCH :q ORDER BY rowid DESC LIMIT :cap"
)
_RECENT_SQL = (
    "SELECT rowid AS id, 0.0 AS rank FROM items_fts"
    " WHERE items_fts MATCH :q ORDER BY rowid DESC LIMIT :cap"
)
_HIT_SQL = (
    "SELECT i.id, i.meeting_id, i.position, i.number, i.paragraph, i.title, i.text,"
    " i.minutes_text, i.proposal, m.date, b.id AS b_id, b.portal AS b_portal,"
    " b.slug AS b_slug, b.name AS b_name, b.organisation AS b_organisation FROM items i"
    " JOIN meetings m ON m.id = i.meeting_id JOIN bodies b ON b.id = m.body_id"
    " WHERE i.id IN (SELECT value FROM json_each(:ids))"
)


async def _matches(db: Database, sql: str, match: str, cap: int) -> list[tuple[float, int]]:
    async with db.reader.execute(sql, {"q": match, "cap": cap}) as cur:
        return [(-float(r["rank"]), int(r["id"])) for r in await cur.fetchall()]


async def search(
    db: Database,
    query: str,
    *,
    limit: int = 10,
    body_ids: Sequence[int] | None = None,
    snippets: slice | None = None,
) -> list[SearchHit]:
    """Items matching every word of `query` (any inflection or compound), best first; [] when
    the query has no words. `body_ids` restricts to those bodies (empty: nothing). `snippets`:
    the hits (by position in the result) that get a snippet, the others an empty one (a page
    shows 8 of up to 100 counted hits, and a snippet stems the text's words until one matches:
    all 100 made /sok 45% dearer at 2M items); None: every hit."""
    terms = query_terms(query)
    if not terms or limit <= 0 or (body_ids is not None and not body_ids):
        return []
    exact = await _matches(
        db, _RANKED_SQL, fts_query(terms, prefix=False, body_ids=body_ids), CANDIDATES
    )
    # Higher score first; ties go to the most recently stored item.
    best = sorted(exact, key=lambda c: (-c[0], -c[1]))[:limit]
    if len(best) < limit and not all(is_exact_term(t) for t in terms):
        best += await _compound_matches(db, terms, body_ids, best, limit)
    if not best:
        return []
    async with db.reader.execute(_HIT_SQL, {"ids": json.dumps([i for _, i in best])}) as cur:
        rows = {int(r["id"]): r for r in await cur.fetchall()}
    found = [(rows[i], score) for score, i in best if i in rows]
    wanted = range(len(found))[snippets or slice(None)]
    return [
        _hit(row, score, terms if n in wanted else None) for n, (row, score) in enumerate(found)
    ]


async def _compound_matches(
    db: Database,
    terms: list[str],
    body_ids: Sequence[int] | None,
    found: list[tuple[float, int]],
    limit: int,
) -> list[tuple[float, int]]:
    """Newest items matching the terms as prefixes (compounds) not already `found`; score 0."""
    expanded = [await _expand(db, t) for t in terms]
    if any(not e for e in expanded):
        return []
    seen = {i for _, i in found}
    match = fts_query(expanded, body_ids=body_ids)
    wider = await _matches(db, _RECENT_SQL, match, limit + len(seen))
    return [(0.0, i) for _, i in wider if i not in seen][: limit - len(found)]


def _hit(row: aiosqlite.Row, score: float, terms: list[str] | None) -> SearchHit:
    """The hit of `row`; its snippet only when `terms` are given."""
    return SearchHit(
        item_id=int(row["id"]),
        meeting_id=int(row["meeting_id"]),
        position=int(row["position"]),
        body=body_from_row(row, "b_"),
        date=parse_date(row["date"]),
        number=row["number"],
        paragraph=row["paragraph"],
        title=row["title"],
        snippet=""
        if terms is None
        else snippet([row["text"], row["minutes_text"], row["proposal"], row["title"]], terms),
        score=score,
    )


def snippet(texts: Sequence[str | None], terms: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """A window of the first text containing a matching word, around that word, "…" at cuts.

    Falls back to the start of the first non-empty text. Never adds words of its own.
    """
    flat = [" ".join(t.split()) for t in texts if t and t.strip()]
    for text in flat:
        for match in _WORD.finditer(text):
            indexed = query_term(match.group().lower())
            if any(term_matches(t, indexed) for t in terms):
                return _window(text, match.start(), width)
    return _window(flat[0], 0, width) if flat else ""


def first_match(text: str, terms: Sequence[str]) -> int | None:
    """Where the first word of `text` matching one of `terms` starts, None when none does."""
    for match in _WORD.finditer(text):
        if any(term_matches(t, query_term(match.group().lower())) for t in terms):
            return match.start()
    return None


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
