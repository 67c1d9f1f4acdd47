"""Keyword watches: storage and Swedish matching (inflections and compounds)."""

from __future__ import annotations

from pathlib import Path

from agenda.stem import query_term, words
from alerts.watches import matching_texts
from storage.chats import deactivate_chat
from storage.db import Database
from storage.watches import (
    active_watchers,
    add_watch,
    list_watches,
    remove_watch,
)
from tests.jobs.outbox_helpers import add_chats, open_db


async def _known(db: Database, *terms: str) -> None:
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT OR IGNORE INTO search_terms (term) VALUES (?)", [(t,) for t in terms]
        )


async def test_matching_texts_uses_the_index_vocabulary_for_compounds(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    await _known(db, "brist", "mat", "ram", "nämnd")
    texts = [
        set(words("Vårdplatserna på sjukhuset")),  # 0
        set(words("Åtgärder mot vårdplatsbrist")),  # 1
        set(words("Budgeten för 2027")),  # 2
        set(words("Budgetramen är beslutad")),  # 3
        set(words("Skolans lokaler och skolmat")),  # 4
        set(words("Kostnader, bilagor och material om rasten")),  # 5
        set(words("Årsredovisning för sjukvårdsnämnden")),  # 6
        set(words("Vårdplatsxyzzy")),  # 7: rest not a known word
    ]
    watched = ["vårdplats", "vårdplatser", "budget", "skola"]
    watched += ["kost", "bil", "mat", "ras", "sjukvård"]
    async with db.transaction() as conn:
        found = await matching_texts(conn, watched, texts)
    assert found == {
        "vårdplats": {0, 1},
        "vårdplatser": {0, 1},
        "budget": {2, 3},
        "skola": {4},
        "kost": set(),
        "bil": set(),
        "mat": set(),
        "ras": set(),
        "sjukvård": {6},
    }
    await db.close()


async def test_a_rest_known_only_from_the_same_texts_counts(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    # `gnurk` is no Swedish word: only the texts themselves make it known
    texts = [set(words("Vårdplatsgnurk: gnurk på vårdplatser")), set(words("Vårdplatsgnurk"))]
    async with db.transaction() as conn:
        assert await matching_texts(conn, ["vårdplats"], texts) == {"vårdplats": {0, 1}}
        assert await matching_texts(conn, ["vårdplats"], texts[1:]) == {"vårdplats": set()}
    await db.close()


async def test_add_list_remove_and_inactive_chats(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    await add_chats(db, 1, 2)
    assert await add_watch(db, 1, "vårdplats", query_term("vårdplats"))
    assert not await add_watch(db, 1, "vårdplatser", query_term("vårdplatser"))  # same stem
    assert await add_watch(db, 2, "budget", query_term("budget"), thread_id=9)
    assert [w.term for w in await list_watches(db, 1)] == ["vårdplats"]
    async with db.transaction() as conn:
        await deactivate_chat(conn, 1)
        assert [(w.chat_id, w.thread_id) for w in await active_watchers(conn)] == [(2, 9)]
    assert await remove_watch(db, 1, query_term("vårdplatserna"))
    assert not await remove_watch(db, 1, query_term("vårdplats"))
    await db.close()


async def test_compounds_ending_with_the_word_and_common_second_parts(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    await _known(db, "grund")
    texts = [set(words("Grundskolans kostpolicy")), set(words("Kostnaderna för xyzskolan"))]
    async with db.transaction() as conn:
        found = await matching_texts(conn, ["skola", "kost"], texts)
    assert found == {"skola": {0}, "kost": {0}}
    await db.close()
