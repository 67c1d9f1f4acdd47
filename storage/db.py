"""The database handle: one writer connection, one reader connection, migrations at start.

Why: SQLite allows one writer at a time. Every write in the bot goes through
`Database.transaction()`, which serialises writers with a lock and wraps the work in
`BEGIN IMMEDIATE ... COMMIT` (or ROLLBACK on error), so a failed parse or send never leaves a
half-written change. Reads use a second connection; WAL lets them run beside the writer.
Migrations (`storage.migrate`) run at open. When the poll process writes the same file, the
bot's writes go first (`share_writes`, `storage.write_turns`).

The handle also carries the application's clock: every timestamp a repository module stores
comes from `Database.timestamp()`, so a test that sets the clock sets the stored times too.

Erased means erased (`storage.erase`): every connection sets `secure_delete`, so deleted rows are
overwritten with zeros, and `checkpoint()` copies the WAL into the main file and truncates it,
so old page versions do not linger in the `-wal` file. Residue from before `secure_delete` is
cleared by one VACUUM when migration `0035_secure_delete.sql` is applied. A file that is another
program's database is refused at open (`storage.migrate.foreign_reason`), never written into.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from pathlib import Path

import aiosqlite

from agenda.clock import Clock, iso_utc
from storage.migrate import applied, migrate
from storage.write_turns import WriteTurns

log = logging.getLogger(__name__)
SECURE_DELETE_MIGRATION = "0035_secure_delete.sql"


async def _configure(conn: aiosqlite.Connection) -> None:
    conn.row_factory = aiosqlite.Row
    await conn.execute("PRAGMA journal_mode = WAL")
    await conn.execute("PRAGMA foreign_keys = ON")
    await conn.execute("PRAGMA synchronous = NORMAL")
    await conn.execute("PRAGMA busy_timeout = 5000")
    await conn.execute("PRAGMA secure_delete = ON")


def _owner_only(path: Path) -> None:
    """The file holds chat ids, follows and keyword watches: readable by the owner only.
    SQLite gives the -wal and -shm files the main file's permissions."""
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if file.exists():
            file.chmod(0o600)


class Database:
    """The application's SQLite database. Open with `await Database.open(path, clock)`."""

    def __init__(
        self,
        path: Path,
        writer: aiosqlite.Connection,
        reader: aiosqlite.Connection,
        clock: Clock,
    ) -> None:
        self.path = path
        self._writer = writer
        self.reader = reader
        self.clock = clock
        self._lock = asyncio.Lock()
        self._turns: WriteTurns | None = None
        self._background = False

    def share_writes(self, turns: WriteTurns, *, background: bool) -> None:
        """Another process writes this file too (`storage.write_turns`): the background one
        (the poll process) lets the foreground one (the bot) write first."""
        self._turns, self._background = turns, background

    @classmethod
    async def open(cls, path: Path | str, clock: Clock) -> Database:
        path = Path(path)
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
            _owner_only(path)
        writer = await aiosqlite.connect(path, isolation_level=None)
        try:
            await _configure(writer)
            if SECURE_DELETE_MIGRATION in await migrate(writer, clock):
                await writer.execute("VACUUM")  # rewrite without what was deleted before,
                await writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # in the main file too
            reader = await aiosqlite.connect(path, isolation_level=None)
        except BaseException:
            await writer.close()
            raise
        await _configure(reader)
        await reader.execute("PRAGMA query_only = ON")
        return cls(path, writer, reader, clock)

    async def close(self) -> None:
        await self.reader.close()
        await self._writer.close()

    def timestamp(self) -> str:
        """Now, in the stored form (ISO 8601 UTC, whole seconds)."""
        return iso_utc(self.clock.now())

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """The single write path: serialised, atomic, rolled back on any exception; with
        shared writes (`share_writes`), the foreground's first."""
        turns, background = self._turns, self._background
        with turns.foreground() if turns is not None and not background else nullcontext():
            async with self._lock:
                if turns is not None:  # right before BEGIN: the bot's writes first
                    await (turns.give_way() if background else turns.background_done())
                with turns.background() if turns is not None and background else nullcontext():
                    async with self._begun() as conn:
                        yield conn

    @asynccontextmanager
    async def _begun(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK, on the writer (its lock held)."""
        try:
            await self._writer.execute("BEGIN IMMEDIATE")
        except asyncio.CancelledError:  # BEGIN still runs in aiosqlite's thread: undo it,
            await self._to_the_end("ROLLBACK")  # or every later BEGIN would fail
            raise
        try:
            yield self._writer
        except BaseException:
            await self._to_the_end("ROLLBACK")
            raise
        try:
            await self._writer.execute("COMMIT")
        except BaseException:  # failed, or cancelled (then it may have committed): out of
            await self._to_the_end("ROLLBACK")  # the transaction either way
            raise

    async def _to_the_end(self, sql: str) -> None:
        """Run `sql` and wait for it even if this task is cancelled meanwhile (the connection
        must be out of its transaction before the lock is let go); a cancel is raised after.
        A ROLLBACK with no transaction open (after a BEGIN that failed) is no error here."""
        statement = asyncio.ensure_future(self._writer.execute(sql))
        cancelled = False
        while not statement.done():
            try:
                await asyncio.wait([statement])  # never cancels `statement`
            except asyncio.CancelledError:
                cancelled = True
        error = statement.exception()
        if error is not None and "no transaction is active" not in str(error):
            raise error
        if cancelled:
            raise asyncio.CancelledError

    async def checkpoint(self, attempts: int = 3) -> bool:
        """Copy the WAL into the main file and truncate it to nothing, so no page version from
        before (say, an erased chat's rows) stays in the `-wal` file. SQLite waits for readers
        of older snapshots up to the busy timeout; False when it still could not finish."""
        async with self._lock:
            for _ in range(attempts):
                async with self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cur:
                    row = await cur.fetchone()
                if row is not None and int(row[0]) == 0:
                    return True
                await asyncio.sleep(0.1)
        log.warning("the WAL could not be truncated (readers held it); the next checkpoint will")
        return False

    async def applied_migrations(self) -> list[str]:
        """The names of the migrations this database has, in order."""
        return sorted(await applied(self.reader))
