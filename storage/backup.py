"""A consistent copy of the live database, made with SQLite's online backup API.

Why: the bot keeps its SQLite file in WAL mode and writes at any moment, so copying the file (or
the file without its `-wal`) can give a torn or stale copy. `sqlite3.Connection.backup` copies
the pages inside one read transaction, a snapshot that WAL lets the writer work beside, so the
copy is a database as it was at one instant. The copy is switched to a single self-contained
file (rollback journal, no `-wal`), checked with `PRAGMA integrity_check`, readable only by its
owner (0600, secrets such as chat ids are inside), and renamed into place only when complete.
Synchronous on purpose: the CLI runs it in its own process, a caller on an event loop uses a
thread.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

BUSY_TIMEOUT_SECONDS = 30.0


class BackupError(Exception):
    """The backup could not be made; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size_bytes: int
    migrations: int  # recorded in the copy's schema_migrations
    integrity: str


def backup_database(source: Path, target: Path) -> BackupResult:
    """Copy the database at `source` to the new file `target` (which must not exist)."""
    if not source.is_file():
        raise BackupError(f"no database at {source}")
    if target.exists():
        raise BackupError(f"{target} already exists; give a new file name")
    if not target.parent.is_dir():
        raise BackupError(f"folder {target.parent} does not exist")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        result = _copy(source, partial)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(target, target.stat().st_size, result[0], result[1])


def _copy(source: Path, partial: Path) -> tuple[int, str]:
    try:
        with contextlib.closing(sqlite3.connect(source, timeout=BUSY_TIMEOUT_SECONDS)) as src:
            src.execute("PRAGMA query_only = ON")
            with contextlib.closing(sqlite3.connect(partial)) as dst:
                src.backup(dst)  # all pages in one step: one snapshot of the live database
                dst.execute("PRAGMA journal_mode = DELETE")
                integrity = str(dst.execute("PRAGMA integrity_check").fetchone()[0])
                migrations = _migrations(dst)
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite: {exc}") from exc
    if integrity != "ok":
        raise BackupError(f"the copy failed its integrity check: {integrity}")
    return migrations, integrity


def _migrations(conn: sqlite3.Connection) -> int:
    try:
        return int(conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0])
    except sqlite3.OperationalError:  # not (yet) a database of this version
        return 0
