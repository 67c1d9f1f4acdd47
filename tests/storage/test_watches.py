"""Keyword watches: storage and Swedish matching (inflections and compounds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from agenda.stem import query_term, stems
from storage.chats import deactivate_chat
from storage.watches import active_watchers, add_watch, list_watches, matches, remove_watch
from tests.jobs.outbox_helpers import add_chats, open_db


@pytest.mark.parametrize(
    ("watch", "text", "hit"),
    [
        ("vårdplats", "Vårdplatserna på sjukhuset", True),
        ("vårdplats", "Åtgärder mot vårdplatsbrist", True),
        ("vårdplatser", "Antal vårdplatser", True),
        ("budget", "Budgeten för 2027", True),
        ("budget", "Årsredovisning", False),
        ("skola", "Skolans lokaler", True),
        ("skola", "Sjukvård", False),
    ],
)
def test_matching_covers_inflections_and_compounds(watch: str, text: str, hit: bool) -> None:
    assert matches(query_term(watch), set(stems(text))) is hit


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
