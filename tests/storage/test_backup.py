"""`storage.backup`: copies of a database that another task keeps writing are whole and sound."""

from __future__ import annotations

import asyncio
import sqlite3
import stat
from pathlib import Path

import pytest

from demo.clock import ManualClock
from storage.backup import BackupError, backup_database
from storage.db import Database


async def _write_pairs(
    db: Database, stop: asyncio.Event, wrote: asyncio.Event, written: list[int]
) -> None:
    """Insert rows two per transaction until told to stop; a consistent copy has an even count."""
    while not stop.is_set():
        async with db.transaction() as conn:
            for _ in range(2):
                await conn.execute("INSERT INTO churn (payload) VALUES (?)", ("x" * 2000,))
        written[0] += 2
        wrote.set()


def _check_copy(path: Path) -> int:
    """The copy is private, a single file, sound and transaction-consistent; its row count."""
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not Path(f"{path}-wal").exists()
    assert not list(path.parent.glob(".*partial"))
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count: int = conn.execute("SELECT count(*) FROM churn").fetchone()[0]
    finally:
        conn.close()
    assert count % 2 == 0
    return count


async def test_backups_taken_while_the_database_is_written_are_consistent(
    tmp_path: Path, clock: ManualClock
) -> None:
    db = await Database.open(tmp_path / "live.sqlite3", clock)
    async with db.transaction() as conn:
        await conn.execute("CREATE TABLE churn (id INTEGER PRIMARY KEY, payload TEXT)")
    stop, wrote, written = asyncio.Event(), asyncio.Event(), [0]
    writer = asyncio.create_task(_write_pairs(db, stop, wrote, written))
    counts = []
    try:
        for n in range(5):
            while written[0] < (n + 1) * 40:  # the writer is busy before each copy
                wrote.clear()
                await wrote.wait()
            target = tmp_path / f"copy{n}.sqlite3"
            result = await asyncio.to_thread(backup_database, db.path, target)
            assert result.integrity == "ok"
            assert result.migrations == len(await db.applied_migrations()) > 0
            counts.append(await asyncio.to_thread(_check_copy, target))
    finally:
        stop.set()
        await writer
        await db.close()
    assert counts == sorted(counts)
    assert 0 < counts[-1] <= written[0]


def test_refuses_to_overwrite_or_to_invent_a_database(tmp_path: Path) -> None:
    existing = tmp_path / "there.sqlite3"
    existing.write_bytes(b"keep me")
    sqlite3.connect(tmp_path / "db.sqlite3").close()
    with pytest.raises(BackupError, match="already exists"):
        backup_database(tmp_path / "db.sqlite3", existing)
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(BackupError, match="no database at"):
        backup_database(tmp_path / "missing.sqlite3", tmp_path / "new.sqlite3")
    assert not (tmp_path / "missing.sqlite3").exists()
