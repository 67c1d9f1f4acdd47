"""Swedish full-text search: inflections, compounds, hostile syntax, ranking, snippets, filter."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from agenda.model import Body, Item, Meeting
from demo.clock import ManualClock
from storage.db import Database
from storage.meetings import upsert_meeting
from storage.search import SNIPPET_CHARS, fts_query, search, snippet
from tests.fixtures import seed_bytes

PORTAL = "https://forum.regionjh.se"
LONG = (
    "Inledning om regionens ekonomi och verksamhet under året som gått, med många ord före. " * 3
    + "Bristen på vårdplatser är stor. "
    + "Avslutning om uppföljning och fortsatt arbete under kommande år med fler ord efter. " * 3
)


@pytest.fixture
async def db(tmp_path: Path, clock: ManualClock) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "nb.sqlite3", clock)
    items_rs = [
        Item(number=1, title="Vårdplatser", text="Antalet vårdplatser vårdplatser ökar."),
        Item(number=2, title="Ekonomi", text=LONG),
        Item(number=3, title="Budgeten 2025", text="Förslag till budget för nämnden."),
        Item(number=4, text="Vårdplatsbristen påverkar akutmottagningen."),
        Item(number=5, title="Motion", minutes_text="Vårdplatserna i Östersund räcker inte."),
    ]
    items_hsn = [Item(number=1, title="Vårdplatser i länet", text="Fler vårdplatser behövs.")]
    for body, items in [("regionstyrelsen", items_rs), ("hsn", items_hsn)]:
        meeting = Meeting(
            Body(body, None, PORTAL),
            url=f"{PORTAL}/committees/{body}/mote-2024-03-01",
            date=date(2024, 3, 1),
            items=items,
        )
        await upsert_meeting(database, meeting)
    yield database
    await database.close()


async def _numbers(db: Database, query: str, **kw: object) -> set[tuple[str, int | None]]:
    hits = await search(db, query, **kw)  # type: ignore[arg-type]
    return {(h.body.slug, h.number) for h in hits}


@pytest.mark.parametrize("query", ["vårdplats", "vårdplatser", "vårdplatserna", "Vårdplatsen"])
async def test_inflections_and_compounds_match(db: Database, query: str) -> None:
    assert await _numbers(db, query) == {
        ("regionstyrelsen", 1),
        ("regionstyrelsen", 2),
        ("regionstyrelsen", 4),
        ("regionstyrelsen", 5),
        ("hsn", 1),
    }


async def test_budgeten_finds_budget(db: Database) -> None:
    assert await _numbers(db, "budgeten") == {("regionstyrelsen", 3)}
    assert await _numbers(db, "budget") == {("regionstyrelsen", 3)}


async def test_compounds_found_when_vocabulary_expansion_is_too_wide(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storage.search

    monkeypatch.setattr(storage.search, "MAX_EXPANSION", 0)
    assert ("regionstyrelsen", 4) in await _numbers(db, "vårdplats")


async def test_exact_word_matches_rank_before_compound_only_matches(db: Database) -> None:
    hits = await search(db, "vårdplats")
    assert hits[-1].number == 4 and hits[-1].score == 0.0
    assert all(h.score > 0 for h in hits[:-1])


async def test_all_words_are_required(db: Database) -> None:
    assert await _numbers(db, "vårdplatser Östersund") == {("regionstyrelsen", 5)}
    assert await _numbers(db, "vårdplatser budget") == set()


async def test_best_match_first_and_limit(db: Database) -> None:
    hits = await search(db, "vårdplatser", limit=2)
    assert len(hits) == 2
    assert hits[0].number == 1 and hits[0].body.slug == "regionstyrelsen"
    assert hits[0].score >= hits[1].score


async def test_snippets_only_for_the_hits_asked(db: Database) -> None:
    every = await search(db, "vårdplats")
    page = await search(db, "vårdplats", snippets=slice(1, 3))
    assert [h.item_id for h in page] == [h.item_id for h in every]
    assert [h.snippet for h in page] == ["", every[1].snippet, every[2].snippet] + [""] * (
        len(every) - 3
    )
    assert all(h.snippet for h in every)


async def test_body_filter(db: Database) -> None:
    hsn = await search(db, "vårdplats", body_ids=[])
    assert hsn == []
    all_hits = await search(db, "vårdplats")
    hsn_id = next(h.body.id for h in all_hits if h.body.slug == "hsn")
    assert {h.body.slug for h in await search(db, "vårdplats", body_ids=[hsn_id])} == {"hsn"}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"vårdplats',
        "vårdplats*",
        "*",
        "NEAR(vårdplats budget",
        "NEAR(",
        "vårdplats AND budget OR",
        "NOT vårdplats",
        "(vårdplats",
        "vårdplats)",
        "stems:vårdplats",
        "^vårdplats",
        "vård-plats's \\ ' ; -- DROP TABLE items",
        "x" * 5000,
        "vårdplats " * 1000,
        "🙂",
        "🙂 vårdplats 🏥",
        "?!.,:;",
        "",
        "   ",
        "\x00vårdplats",
    ],
)
async def test_hostile_query_syntax_never_raises(db: Database, query: str) -> None:
    hits = await search(db, query)
    assert isinstance(hits, list)


async def test_hostile_queries_still_find_their_words(db: Database) -> None:
    assert len(await search(db, '"vårdplats')) == 5
    assert len(await search(db, "NEAR(vårdplatser")) == 0  # "near" is a required word too
    assert len(await search(db, "🙂 vårdplats 🏥")) == 5
    assert await search(db, "?!.,:;") == []
    assert await search(db, "🙂") == []


def test_fts_query_quotes_every_term() -> None:
    assert fts_query(["vårdplat", "2019", 'a"b']) == '"vårdplat"* AND "2019" AND "a""b"*'


async def test_snippet_is_original_text_around_the_match(db: Database) -> None:
    [hit] = [h for h in await search(db, "vårdplatser") if h.number == 2]
    assert "vårdplatser" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= SNIPPET_CHARS + 2
    assert hit.snippet.strip("…") in " ".join(LONG.split())
    [minutes_hit] = await search(db, "östersund")
    assert minutes_hit.snippet == "Vårdplatserna i Östersund räcker inte."


def test_snippet_falls_back_to_start_and_handles_nothing() -> None:
    assert snippet([None, "Kort text."], ["saknas"]) == "Kort text."
    assert snippet([None, None], ["x"]) == ""
    long = "ord " * 100
    cut = snippet([long], ["saknas"])
    assert cut.endswith("…") and not cut.startswith("…")


async def test_reindex_on_change_drops_old_words(db: Database) -> None:
    meeting = Meeting(
        Body("hsn", None, PORTAL),
        url=f"{PORTAL}/committees/hsn/mote-2024-03-01",
        date=date(2024, 3, 1),
        items=[Item(number=1, title="Ambulansflyg", text="Nytt avtal om ambulansflyg.")],
    )
    await upsert_meeting(db, meeting)
    assert await _numbers(db, "vårdplats") == {
        ("regionstyrelsen", 1),
        ("regionstyrelsen", 2),
        ("regionstyrelsen", 4),
        ("regionstyrelsen", 5),
    }
    assert await _numbers(db, "ambulansflyget") == {("hsn", 1)}


async def test_parsed_seed_is_searchable(tmp_path: Path, clock: ManualClock) -> None:
    parse = pytest.importorskip("agenda.parse")
    url = f"{PORTAL}/committees/halso-och-sjukvardsnamnden/mote-2019-03-28"
    meeting = parse.parse_page(seed_bytes("000"), url=url)
    db = await Database.open(tmp_path / "seed.sqlite3", clock)
    try:
        await upsert_meeting(db, meeting)
        hits = await search(db, "vårdplats")
        assert hits
        assert all("vårdplats" in h.snippet.lower() for h in hits)
        assert hits[0].body.slug == "halso-och-sjukvardsnamnden"
        assert await search(db, "budgeten")
    finally:
        await db.close()
