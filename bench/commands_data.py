"""Bulk-generated benchmark data for `bench.commands`: 100,000 meetings, 2 million items.

Why: the command benchmark needs a database the size issue 4 names, made in well under the
few minutes a 2-core machine allows. Rows go straight into the schema with executemany (bulk is
fine for benchmark data): 200 bodies in 20 portals, meetings every 14 days per body in date
order (mostly past, a tenth ahead), 20 items each (3 procedural), titles and texts made of real
sentences from the seed agendas. items_fts rows are built from per-sentence term lists and are
checked to equal what `storage.search.indexed_text` stores for the same item; the
`search_terms` vocabulary holds every indexed term, as `storage.search.index_items` keeps it.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

from agenda.clock import SystemClock
from agenda.clock import today as clock_today
from agenda.model import Item
from agenda.stem import index_terms
from agenda.summary import split_sentences
from demo.sample_seeds import seed_files
from storage.db import Database
from storage.search import indexed_text

_TOWNS = (
    "Östersund|Åre|Berg|Bräcke|Härjedalen|Krokom|Ragunda|Strömsund|Sundsvall|Umeå|Luleå|Kiruna|"
    "Gävle|Falun|Karlstad|Örebro|Västerås|Uppsala|Norrtälje|Danderyd"
)
_KINDS = (
    "Kommunstyrelsen|Kommunfullmäktige|Socialnämnden|Barn- och utbildningsnämnden|"
    "Miljö- och byggnadsnämnden|Tekniska nämnden|Kultur- och fritidsnämnden|"
    "Hälso- och sjukvårdsnämnden|Revisionen|Valnämnden"
)
_PROCEDURAL = "Mötet öppnas|Val av justerare och tid för justering|Fastställande av dagordning"
_QUERIES = (
    "vårdplatser|budget|motion|primärvård|revision|intern kontroll|sjukfrånvaro|samverkan|"
    "läkemedelskostnader|screening|bemanning|upphandling|Östersunds sjukhus|folkhälsa|sepsis"
)
TOWNS, KINDS = _TOWNS.split("|"), _KINDS.split("|")
PROCEDURAL, QUERIES = _PROCEDURAL.split("|"), _QUERIES.split("|")
CHUNK = 50_000


def _seed_pools() -> tuple[list[str], list[str]]:
    sentences: list[str] = []
    for path in seed_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            clean = " ".join(line.replace("•", " ").split())
            sentences.extend(s for s in split_sentences(clean) if 40 <= len(s) <= 300)
    titles = [s.rstrip(".")[:90] for s in sentences if len(s) < 100]
    return sentences, titles


def bodies_rows() -> list[tuple[int, str, str, str]]:
    rows: list[tuple[int, str, str, str]] = []
    for t, town in enumerate(TOWNS):
        portal = f"https://moten.{t}.example.se"
        for k, kind in enumerate(KINDS):
            slug = f"{kind.lower().split()[0].strip('-')}-{t}-{k}"
            rows.append((len(rows) + 1, portal, slug, f"{kind} {town}"))
    return rows


def generate(path: Path, meetings: int, per_meeting: int) -> None:
    """Create the schema with `Database.open`, then bulk-insert bodies, meetings, items, FTS."""
    asyncio.run(_migrate(path))
    sentences, titles = _seed_pools()
    sent_terms = [" ".join(index_terms(s)) for s in sentences]
    title_terms = [" ".join(index_terms(t)) for t in titles]
    proc_terms = [" ".join(index_terms(t)) for t in PROCEDURAL]
    bodies = bodies_rows()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript("PRAGMA synchronous=OFF; PRAGMA cache_size=-200000; BEGIN;")
    conn.executemany("INSERT INTO bodies (id, portal, slug, name) VALUES (?,?,?,?)", bodies)
    per_body = -(-meetings // len(bodies))
    today, stamp = clock_today(SystemClock()), "2024-01-01T00:00:00+00:00"
    meeting_rows, item_rows, fts_rows = [], [], []
    item_id = 0
    for meeting_id, (k, (body_id, portal, slug, _)) in enumerate(_schedule(per_body, bodies), 1):
        if meeting_id > meetings:
            break
        day = (today + timedelta(days=14 * (k - per_body + per_body // 10))).isoformat()
        url = f"{portal}/committees/{slug}/mote-{day}"
        meeting_rows.append(
            (
                meeting_id,
                body_id,
                url,
                url,
                day,
                "09:00",
                "16:00",
                "Sammanträdesrummet",
                f"h{meeting_id}",
                stamp,
                stamp,
            )
        )
        for position in range(per_meeting):
            item_id += 1
            item_rows.append(_item(item_id, meeting_id, position, sentences, titles))
            fts_rows.append(
                (item_id, _fts(item_id, position, body_id, sent_terms, title_terms, proc_terms))
            )
        if len(item_rows) >= CHUNK:
            _flush(conn, meeting_rows, item_rows, fts_rows)
    _flush(conn, meeting_rows, item_rows, fts_rows)
    vocabulary = {t for terms in (*sent_terms, *title_terms, *proc_terms) for t in terms.split()}
    conn.executemany(
        "INSERT OR IGNORE INTO search_terms (term) VALUES (?)", [(t,) for t in sorted(vocabulary)]
    )
    conn.execute("COMMIT")
    _check_index(conn, bodies)
    conn.execute("ANALYZE")
    conn.close()


async def _migrate(path: Path) -> None:
    db = await Database.open(path, SystemClock())
    await db.close()


def _schedule(per_body: int, bodies: list[Any]) -> Iterator[tuple[int, Any]]:
    """Meetings in date order (as they would be stored over the years)."""
    for k in range(per_body):
        for body in bodies:
            yield k, body


def pick(item_id: int, salt: int, size: int) -> int:
    return (item_id * 2654435761 + salt * 40503) % size


def _item(
    item_id: int, meeting_id: int, position: int, sentences: list[str], titles: list[str]
) -> tuple[Any, ...]:
    if position < len(PROCEDURAL):
        return (item_id, meeting_id, position, position + 1, PROCEDURAL[position], None, 1)
    text = " ".join(sentences[pick(item_id, s, len(sentences))] for s in (1, 2))
    title = titles[pick(item_id, 3, len(titles))]
    return (item_id, meeting_id, position, position + 1, title, text, 0)


def _fts(
    item_id: int,
    position: int,
    body_id: int,
    sent_terms: list[str],
    title_terms: list[str],
    proc_terms: list[str],
) -> str:
    if position < len(PROCEDURAL):
        return f"{proc_terms[position]} xbody{body_id}"
    parts = [title_terms[pick(item_id, 3, len(title_terms))]]
    parts += [sent_terms[pick(item_id, s, len(sent_terms))] for s in (1, 2)]
    return " ".join([*parts, f"xbody{body_id}"])


def _flush(conn: sqlite3.Connection, meetings: list[Any], items: list[Any], fts: list[Any]) -> None:
    conn.executemany(
        "INSERT INTO meetings (id, body_id, key, url, date, start, end, place, content_hash,"
        " first_seen, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        meetings,
    )
    conn.executemany(
        "INSERT INTO items (id, meeting_id, position, number, title, text, procedural)"
        " VALUES (?,?,?,?,?,?,?)",
        items,
    )
    conn.executemany("INSERT INTO items_fts (rowid, stems) VALUES (?,?)", fts)
    meetings.clear()
    items.clear()
    fts.clear()


def _check_index(conn: sqlite3.Connection, bodies: list[Any]) -> None:
    """The bulk FTS rows equal what `storage.search.indexed_text` would store."""
    sql = (
        "SELECT i.title, i.text, m.body_id, f.stems FROM items i JOIN meetings m"
        " ON m.id = i.meeting_id JOIN items_fts f ON f.rowid = i.id WHERE i.id IN (1, 4, 77)"
    )
    for title, text, body_id, stems in conn.execute(sql):
        expected = indexed_text(Item(title=title, text=text), body_id)
        if expected != stems:
            raise AssertionError(f"bulk index differs: {stems!r} != {expected!r}")
