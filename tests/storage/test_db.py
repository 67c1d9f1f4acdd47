"""Database core: migrations from an empty file, pragmas, the single write path."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest

from agenda.clock import SystemClock
from demo.clock import ManualClock
from storage.db import Database
from storage.migrate import MigrationError, bundled

RELEASED = Path(__file__).parents[1] / "fixtures" / "schemas" / "0.3.0.sqlite3.gz"


async def scalar(db: Database, sql: str) -> object:
    async with db.reader.execute(sql) as cur:
        row = await cur.fetchone()
    assert row is not None
    return row[0]


async def test_migrations_apply_from_empty_database(tmp_path: Path, clock: ManualClock) -> None:
    db = await Database.open(tmp_path / "nb.sqlite3", clock)
    try:
        assert await db.applied_migrations() == [m.name for m in bundled()]
        assert await scalar(db, "PRAGMA journal_mode") == "wal"
        assert await scalar(db, "PRAGMA foreign_keys") == 1
        async with db.reader.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
        ) as cur:
            tables = {r[0] for r in await cur.fetchall()}
        assert {"bodies", "meetings", "items", "events", "outbox", "chats", "follows"} <= tables
    finally:
        await db.close()


async def test_reopen_does_not_reapply(tmp_path: Path, clock: ManualClock) -> None:
    path = tmp_path / "nb.sqlite3"
    db = await Database.open(path, clock)
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO bodies (portal, slug, name) VALUES ('', 'rs', 'RS')")
    await db.close()
    db = await Database.open(path, clock)
    try:
        assert await scalar(db, "SELECT count(*) FROM bodies") == 1
    finally:
        await db.close()


async def test_transaction_rolls_back_on_error(tmp_path: Path, clock: ManualClock) -> None:
    db = await Database.open(tmp_path / "nb.sqlite3", clock)
    try:
        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO bodies (portal, slug) VALUES ('', 'x')")
                raise RuntimeError("boom")
        assert await scalar(db, "SELECT count(*) FROM bodies") == 0
    finally:
        await db.close()


async def test_a_transaction_cancelled_while_it_begins_leaves_none_open(
    tmp_path: Path, clock: ManualClock
) -> None:
    """A deadline (a source's, a job's) cancels a task while its BEGIN runs in aiosqlite's
    thread. BEGIN went through anyway and the connection stayed inside that transaction:
    every later write failed with "cannot start a transaction within a transaction"."""
    db = await Database.open(tmp_path / "nb.sqlite3", clock)

    async def write(slug: str) -> None:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO bodies (portal, slug) VALUES ('', ?)", (slug,))

    try:
        task = asyncio.create_task(write("cancelled"))
        await asyncio.sleep(0)  # at the first await: BEGIN
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await write("after")
        assert await scalar(db, "SELECT group_concat(slug) FROM bodies") == "after"
        for steps in range(1, 8):  # later: in the body, at COMMIT, or done
            task = asyncio.create_task(write(f"later{steps}"))
            for _ in range(steps):
                await asyncio.sleep(0)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            await write(f"after{steps}")  # never "within a transaction"
    finally:
        await db.close()


async def test_foreign_keys_enforced(tmp_path: Path, clock: ManualClock) -> None:
    import sqlite3

    db = await Database.open(tmp_path / "nb.sqlite3", clock)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            async with db.transaction() as conn:
                await conn.execute(
                    "INSERT INTO meetings (body_id, key, content_hash, first_seen, updated_at)"
                    " VALUES (999, 'k', 'h', 't', 't')"
                )
    finally:
        await db.close()


async def test_database_and_side_files_are_for_the_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "private.sqlite3"
    db = await Database.open(path, SystemClock())
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO chats (chat_id, kind, created_at) VALUES (1, 'private', '')"
        )
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        assert file.exists() and file.stat().st_mode & 0o777 == 0o600, file
    await db.close()


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


async def test_another_programs_database_is_refused_and_left_untouched(
    tmp_path: Path, clock: ManualClock
) -> None:
    path = tmp_path / "notes.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("PRAGMA user_version = 3")  # its own versioning, not ours
    with pytest.raises(MigrationError, match="not a Nämndbot database"):
        await Database.open(path, clock)
    assert _tables(path) == {"notes"}  # nothing written into it


async def test_what_was_deleted_before_secure_delete_is_vacuumed_away_once(
    tmp_path: Path, clock: ManualClock
) -> None:
    """A released database (from before migration 0035): deleted rows lie in its free space."""
    path = tmp_path / "nb.sqlite3"
    with gzip.open(RELEASED) as src, path.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    with contextlib.closing(sqlite3.connect(path)) as conn:  # as the older version did
        conn.execute("PRAGMA secure_delete = OFF")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("INSERT INTO chats (chat_id, kind, created_at) VALUES (5, 'private', 'x')")
        conn.execute(
            "INSERT INTO watches (chat_id, term, stem, created_at)"
            " VALUES (5, 'Hemligtord', 'hemligtord', 'x')"
        )
        conn.commit()
        conn.execute("DELETE FROM chats")
        conn.commit()
    assert b"Hemligtord" in path.read_bytes() + _wal(path)  # erased, but still in the file
    db = await Database.open(path, clock)
    try:
        assert "0035_secure_delete.sql" in await db.applied_migrations()
        assert b"Hemligtord" not in path.read_bytes() + _wal(path)
    finally:
        await db.close()


def _wal(path: Path) -> bytes:
    wal = Path(f"{path}-wal")
    return wal.read_bytes() if wal.exists() else b""
