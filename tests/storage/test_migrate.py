"""Migrations by name: applied once in order, released databases upgraded, bad history refused."""

from __future__ import annotations

import gzip
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from demo.clock import ManualClock
from storage import migrate
from storage.db import Database
from storage.migrate import Migration, MigrationError, bundled, pending

RELEASED = sorted((Path(__file__).parents[1] / "fixtures" / "schemas").glob("*.sqlite3.gz"))


def schema(path: Path) -> set[tuple[str, str, str]]:
    """Every table, index, trigger and view as SQLite stores it (FTS shadow tables included)."""
    con = sqlite3.connect(path)
    try:
        rows = con.execute(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        con.close()
    return {(str(t), str(n), _normal(str(s))) for t, n, s in rows}


def _normal(sql: str) -> str:
    """The statement without comments and layout (releases before 0.2 stored it stripped)."""
    return " ".join(re.sub(r"--[^\n]*", "", sql).split()).replace("( ", "(").replace(" )", ")")


def released_copy(gz: Path, tmp_path: Path) -> Path:
    path = tmp_path / gz.name.removesuffix(".gz")
    with gzip.open(gz) as src, path.open("wb") as dst:
        shutil.copyfileobj(src, dst)
    return path


def test_every_release_has_a_fixture() -> None:
    assert RELEASED, "tests/fixtures/schemas holds no released database"


@pytest.mark.parametrize("gz", RELEASED, ids=lambda p: p.name)
async def test_a_released_database_upgrades_to_the_fresh_schema(
    gz: Path, tmp_path: Path, clock: ManualClock
) -> None:
    old = released_copy(gz, tmp_path)
    fresh = tmp_path / "fresh.sqlite3"
    for path in (old, fresh):
        db = await Database.open(path, clock)
        assert await db.applied_migrations() == [m.name for m in bundled()]
        await db.close()
    assert schema(old) == schema(fresh)
    con = sqlite3.connect(old)
    try:
        assert con.execute("SELECT count(*) FROM items").fetchone() == (3,)
        assert con.execute("SELECT count(*) FROM follows").fetchone() == (1,)
        hits = "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'vårdplats*'"
        assert con.execute(hits).fetchone() == (1,)
    finally:
        con.close()


async def test_opening_twice_applies_nothing_the_second_time(
    tmp_path: Path, clock: ManualClock
) -> None:
    path = tmp_path / "nb.sqlite3"
    await (await Database.open(path, clock)).close()
    con = sqlite3.connect(path)
    first = con.execute("SELECT name, applied_at FROM schema_migrations").fetchall()
    con.close()
    clock.advance(clock.now() - clock.now().replace(year=2000))
    await (await Database.open(path, clock)).close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT name, applied_at FROM schema_migrations").fetchall() == first
    con.close()


def _fake(*names: str) -> list[Migration]:
    return [Migration(name, f"-- {name}\nSELECT 1;") for name in names]


def test_a_gap_filled_later_is_refused() -> None:
    available = _fake("0001_a.sql", "0003_c.sql", "0004_d.sql")
    history = {m.name: m.sha256 for m in available if m.name != "0003_c.sql"}
    with pytest.raises(MigrationError, match=r"0003_c\.sql is not applied but the later 0004_d"):
        pending(history, available)


def test_an_edited_shipped_migration_is_refused() -> None:
    available = _fake("0001_a.sql", "0002_b.sql")
    history = {m.name: m.sha256 for m in available}
    history["0002_b.sql"] = "0" * 64
    with pytest.raises(MigrationError, match=r"0002_b\.sql was changed after it was applied"):
        pending(history, available)


def test_a_database_from_a_newer_version_is_refused() -> None:
    available = _fake("0001_a.sql")
    history = {"0001_a.sql": available[0].sha256, "0002_future.sql": "f" * 64}
    with pytest.raises(MigrationError, match="newer version"):
        pending(history, available)


def test_only_new_migrations_are_pending() -> None:
    available = _fake("0001_a.sql", "0002_b.sql", "0003_c.sql")
    history = {m.name: m.sha256 for m in available[:2]}
    assert pending(history, available) == available[2:]


async def test_a_failing_migration_leaves_nothing_behind(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = Migration(
        "9999_broken.sql",
        "CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);",
    )
    monkeypatch.setattr(migrate, "bundled", lambda: [*bundled(), broken])
    with pytest.raises(sqlite3.OperationalError):
        await Database.open(tmp_path / "nb.sqlite3", clock)
    con = sqlite3.connect(tmp_path / "nb.sqlite3")
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        names = {r[0] for r in con.execute("SELECT name FROM schema_migrations")}
    finally:
        con.close()
    assert "half_done" not in tables and "9999_broken.sql" not in names
    assert "bodies" in tables  # the good migrations before it stay applied


async def test_statements_are_parsed_by_sqlite_not_split_by_hand(
    tmp_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    tricky = Migration(
        "9999_tricky.sql",
        "CREATE TABLE notes (t TEXT DEFAULT 'a; -- not a comment');\n"
        "CREATE TRIGGER notes_trim AFTER INSERT ON notes BEGIN\n"
        "  UPDATE notes SET t = trim(t) WHERE rowid = new.rowid;\n"
        "END;",
    )
    monkeypatch.setattr(migrate, "bundled", lambda: [*bundled(), tricky])
    db = await Database.open(tmp_path / "nb.sqlite3", clock)
    async with db.transaction() as conn:
        await conn.execute("INSERT INTO notes DEFAULT VALUES")
    async with db.reader.execute("SELECT t FROM notes") as cur:
        assert tuple(await cur.fetchone() or ()) == ("a; -- not a comment",)
    await db.close()
