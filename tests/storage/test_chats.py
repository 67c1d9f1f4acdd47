"""Chats, follows and the alert-side helpers (followers, deactivate, migrate) on a real file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from demo.clock import ManualClock
from storage.chats import (
    deactivate_chat,
    ensure_chat,
    follow,
    follow_telegram_language,
    followers,
    following,
    get_chat,
    migrate_chat,
    reactivate_chat,
    set_language,
    unfollow,
)
from storage.db import Database


@pytest.fixture
async def db(tmp_path: Path, clock: ManualClock) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "chats.sqlite3", clock)
    async with database.transaction() as conn:
        for slug, name in (("regionstyrelsen", "Regionstyrelsen"), ("hsn", None)):
            await conn.execute(
                "INSERT INTO bodies (portal, slug, name) VALUES ('p', ?, ?)", (slug, name)
            )
    yield database
    await database.close()


async def test_ensure_chat_creates_swedish_active_chat_once(db: Database) -> None:
    first = await ensure_chat(db, 42, "private")
    again = await ensure_chat(db, 42, "group")
    assert first == again
    assert (first.language, first.active, first.digest, first.reminders) == ("sv", True, False, "")
    assert await get_chat(db, 43) is None


async def test_set_language_rejects_unknown(db: Database) -> None:
    await ensure_chat(db, 1, "private")
    await set_language(db, 1, "en")
    chat = await get_chat(db, 1)
    assert chat is not None and chat.language == "en"
    with pytest.raises(ValueError):
        await set_language(db, 1, "de'; DROP TABLE chats; --")


async def test_telegram_language_applies_only_until_chosen(db: Database) -> None:
    await ensure_chat(db, 2, "private", "en")
    assert await follow_telegram_language(db, 2, "en") is False
    assert await follow_telegram_language(db, 2, "sv") is True
    chat = await get_chat(db, 2)
    assert chat is not None and (chat.language, chat.language_chosen) == ("sv", False)
    await set_language(db, 2, "sv")
    assert await follow_telegram_language(db, 2, "en") is False
    chat = await get_chat(db, 2)
    assert chat is not None and (chat.language, chat.language_chosen) == ("sv", True)


async def test_follow_unfollow_and_following_sorted_by_name(db: Database) -> None:
    await ensure_chat(db, 7, "supergroup")
    assert await follow(db, 7, 1, None) is True
    assert await follow(db, 7, 2, 99) is True
    assert await follow(db, 7, 1, 5) is False
    assert [b.slug for b in await following(db, 7)] == ["hsn", "regionstyrelsen"]
    fs = await followers(db, 1)
    assert [(f.chat_id, f.thread_id) for f in fs] == [(7, 5)]
    assert await unfollow(db, 7, 1) is True
    assert await unfollow(db, 7, 1) is False
    assert [b.id for b in await following(db, 7)] == [2]


async def test_followers_skip_inactive_and_work_inside_transaction(db: Database) -> None:
    for chat_id in (1, 2):
        await ensure_chat(db, chat_id, "private")
        await follow(db, chat_id, 1, None)
    async with db.transaction() as conn:
        await deactivate_chat(conn, 1)
        assert [f.chat_id for f in await followers(conn, 1)] == [2]
    async with db.transaction() as conn:
        await conn.execute("UPDATE chats SET forbidden_strikes = 2 WHERE chat_id = 1")
        await reactivate_chat(conn, 1)
    chat = await get_chat(db, 1)
    assert chat is not None and chat.active and chat.forbidden_strikes == 0
    assert [f.chat_id for f in await followers(db, 1)] == [1, 2]


async def _outbox(db: Database, chat_id: int, key: str, status: str) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO outbox (chat_id, dedup_key, kind, payload, status, not_before, "
            "created_at) VALUES (?, ?, 'new', '{}', ?, ?, ?)",
            (chat_id, key, status, db.timestamp(), db.timestamp()),
        )


async def _outbox_chats(db: Database) -> dict[str, int]:
    async with db.reader.execute("SELECT dedup_key, chat_id FROM outbox") as cur:
        return {r[0]: r[1] for r in await cur.fetchall()}


async def test_migrate_chat_renames_when_new_id_unknown(db: Database) -> None:
    await ensure_chat(db, -5, "group")
    await set_language(db, -5, "en")
    await follow(db, -5, 1, None)
    await _outbox(db, -5, "a", "pending")
    async with db.transaction() as conn:
        await migrate_chat(conn, -5, -1005)
    assert await get_chat(db, -5) is None
    moved = await get_chat(db, -1005)
    assert moved is not None and moved.language == "en" and moved.kind == "supergroup"
    assert [b.id for b in await following(db, -1005)] == [1]
    assert await _outbox_chats(db) == {"a": -1005}


async def test_migrate_chat_merges_into_existing_new_chat(db: Database) -> None:
    await ensure_chat(db, -5, "group")
    await ensure_chat(db, -1005, "supergroup")
    await follow(db, -5, 1, None)
    await follow(db, -5, 2, None)
    await follow(db, -1005, 2, 3)
    await _outbox(db, -5, "pending", "pending")
    await _outbox(db, -5, "sent", "sent")
    async with db.transaction() as conn:
        await migrate_chat(conn, -5, -1005)
    assert await get_chat(db, -5) is None
    assert {b.id for b in await following(db, -1005)} == {1, 2}
    assert {f.thread_id for f in await followers(db, 2)} == {3}
    assert await _outbox_chats(db) == {"pending": -1005}
