"""A database file looked at from outside the bot: read-only, never created, never migrated.

Why: `namndbot doctor` tells an operator, before a start, whether the file would open: is it
readable and undamaged, is it ours, which migrations it has, how many meetings it holds. The
statements that answer are SQL, so they live here with the rest of the product's SQL; the
doctor (`bot.doctor`) turns the answers into its findings.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from storage.migrate import bundled, foreign_reason


@dataclass(frozen=True, slots=True)
class Inspection:
    """What a database file says of itself."""

    quick_check: str  # "ok", or SQLite's description of the damage
    foreign: str | None  # why the file is not a Nämndbot database (None: it is, or is empty)
    history: dict[str, str]  # applied migrations: name → sha256
    meetings: int


def inspect_database(path: Path) -> Inspection:
    """Read `path` (which exists) read-only; raises `sqlite3.Error` when it cannot be read."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
        quick = str(conn.execute("PRAGMA quick_check").fetchone()[0])
        return Inspection(quick, _foreign(conn), _history(conn), _count_meetings(conn))


def _foreign(conn: sqlite3.Connection) -> str | None:
    tables = {str(r[0]) for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return foreign_reason(tables, int(conn.execute("PRAGMA user_version").fetchone()[0]))


def _history(conn: sqlite3.Connection) -> dict[str, str]:
    """Applied migrations (name → sha256), as `storage.migrate` records or adopts them."""
    try:
        rows = conn.execute("SELECT name, sha256 FROM schema_migrations").fetchall()
    except sqlite3.OperationalError:  # from before migrations were recorded by name
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        return {m.name: m.sha256 for m in bundled() if m.number <= version}
    return {str(name): str(sha) for name, sha in rows}


def _count_meetings(conn: sqlite3.Connection) -> int:
    try:
        return int(conn.execute("SELECT count(*) FROM meetings").fetchone()[0])
    except sqlite3.OperationalError:  # a new database before its first migration
        return 0
