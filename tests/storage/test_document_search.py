"""Search over documents: item hits first, then document hits (one per item), each naming its
document; hostile input is data; the body filter applies to documents too."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from agenda.model import Attachment, Body, Item, Meeting
from demo.clock import ManualClock
from storage.db import Database
from storage.document_search import search_all, search_documents
from storage.documents import DocumentRead, Listed, list_documents, save_read
from storage.meetings import upsert_meeting

PORTAL = "https://portal.example"


async def _meeting(db: Database, slug: str, items: list[Item]) -> int:
    meeting = Meeting(
        Body(slug, slug.upper(), PORTAL),
        url=f"{PORTAL}/committees/{slug}/mote-2031-03-01",
        date=date(2031, 3, 1),
        items=items,
    )
    return (await upsert_meeting(db, meeting)).meeting_id


async def _documents(db: Database, meeting_id: int, docs: list[tuple[int, str, str]]) -> None:
    """List the meeting's documents (position, title, text) at once, then save each read."""
    urls = [f"{PORTAL}/{meeting_id}/{position}/{title}pdf" for position, title, _ in docs]
    listed = [Listed(u, t, p) for u, (p, t, _) in zip(urls, docs, strict=True)]
    await list_documents(db, meeting_id, listed)
    for url, (_, _, text) in zip(urls, docs, strict=True):
        await save_read(db, meeting_id, DocumentRead(url, "ok", f"hash-{url}", text=text))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "nb.sqlite3", ManualClock.at_local(date(2031, 2, 1)))
    rs = await _meeting(
        database,
        "rs",
        [
            Item(number=1, title="Vårdplatser i länet", attachments=[Attachment("A", "x")]),
            Item(number=2, title="Budget"),
            Item(number=3, title="Motion"),
        ],
    )
    await _documents(
        database,
        rs,
        [
            (0, "Underlag vårdplatser", "Vårdplatserna räcker inte."),
            (1, "Budgetbilaga", "Fler vårdplatser kostar pengar."),
            (2, "Svar", "Motionen om vårdplatsbristen besvaras."),
            (2, "Bilaga 2", "Vårdplatser igen, i samma punkt."),
        ],
    )
    hsn = await _meeting(database, "hsn", [Item(number=1, title="Information")])
    await _documents(database, hsn, [(0, "Rapport", "Vårdplatser i hela regionen.")])
    yield database
    await database.close()


async def test_item_hits_come_first_then_one_document_hit_per_item(db: Database) -> None:
    hits = await search_all(db, "vårdplatser", limit=10)
    first = hits[0]
    assert (first.body.slug, first.number, first.document) == ("rs", 1, None)
    documents = [(h.body.slug, h.number) for h in hits[1:]]
    assert sorted(documents) == [("hsn", 1), ("rs", 2), ("rs", 3)]
    assert all(h.document and h.score < 0 for h in hits[1:])
    budget = next(h for h in hits if h.number == 2)
    assert budget.document == "Budgetbilaga"
    assert budget.snippet == "Fler vårdplatser kostar pengar."
    assert budget.document_url == f"{PORTAL}/{budget.meeting_id}/1/Budgetbilagapdf"


async def test_compounds_body_filter_and_hostile_input(db: Database) -> None:
    compound = await search_documents(db, "vårdplatsbrist")
    assert [(h.number, h.document) for h in compound] == [(3, "Svar")]
    async with db.reader.execute("SELECT id FROM bodies WHERE slug = 'hsn'") as cur:
        row = await cur.fetchone()
    assert row is not None
    only_hsn = await search_documents(db, "vårdplatser", body_ids=[int(row[0])])
    assert [h.body.slug for h in only_hsn] == ["hsn"]
    assert await search_documents(db, "vårdplatser", body_ids=[]) == []
    for hostile in ['"', "NEAR(", "vård*", "'; DROP TABLE documents;--", "🙂"]:
        await search_documents(db, hostile)  # data, never syntax: no exception
    assert await search_all(db, "zzyzzx") == []
