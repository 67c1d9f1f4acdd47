"""Schema migrations, recorded by name with a checksum, refused when history does not add up.

Why: a database outlives many versions of the bot. Each migration is a file
`storage/migrations/NNNN_name.sql`, applied once, in name order, inside one transaction, and
recorded in `schema_migrations` with the SHA-256 of its text. At every start the recorded
history is held against the bundled files, and start-up stops with one clear line when:

- the database names a migration this version does not have (written by a newer version, or
  not a Nämndbot database at all): running on would misread it;
- a bundled migration is missing from the history while a later one is applied (a gap or a
  reordering: e.g. a `0003` merged after `0004` shipped would otherwise be skipped);
- a shipped migration's text changed after it was applied (databases would differ by when
  they were created).

Statements are executed by SQLite's own script parser (`executescript`), never split by hand.
Databases from before this table (schema recorded only in `PRAGMA user_version`) are adopted:
the migrations numbered up to that version are recorded as applied. A file that holds tables but
neither this history nor those early tables is another program's database: it is refused
(`foreign_reason`), never written into.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources

import aiosqlite

from agenda.clock import Clock, iso_utc

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_TABLE = """CREATE TABLE IF NOT EXISTS schema_migrations (
    name        TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL,
    applied_at  TEXT NOT NULL
)"""


# Tables every Nämndbot database had before migrations were recorded by name (0.1.0 on).
_EARLY_TABLES = frozenset({"bodies", "meetings", "chats"})


class MigrationError(RuntimeError):
    """The database's schema history does not fit this version; the message is one line."""


def foreign_reason(tables: set[str], user_version: int) -> str | None:
    """Why a database with these tables is not Nämndbot's (None: it is, or it is empty)."""
    tables = {name for name in tables if not name.startswith("sqlite_")}
    if not tables or "schema_migrations" in tables:
        return None
    if user_version > 0 and tables >= _EARLY_TABLES:
        return None  # from before the history was recorded by name: adopted
    shown = ", ".join(sorted(tables)[:3]) + (", …" if len(tables) > 3 else "")
    return (
        f"it is not a Nämndbot database (it holds {len(tables)} other table(s): {shown}); "
        "point DATABASE_PATH at a new file or at the bot's own database"
    )


async def _refuse_foreign(conn: aiosqlite.Connection) -> None:
    async with conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as cur:
        tables = {str(row[0]) for row in await cur.fetchall()}
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    reason = foreign_reason(tables, int(row[0]) if row else 0)
    if reason is not None:
        raise MigrationError(reason)


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str

    @property
    def number(self) -> int:
        return int(self.name[:4])

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


def bundled() -> list[Migration]:
    """Every migration file shipped with this version, in name order; numbers are unique."""
    found = sorted(
        (
            Migration(entry.name, entry.read_text(encoding="utf-8"))
            for entry in resources.files("storage.migrations").iterdir()
            if _NAME.match(entry.name)
        ),
        key=lambda m: m.name,
    )
    numbers = [m.number for m in found]
    if len(set(numbers)) != len(numbers):
        raise MigrationError(f"two bundled migrations share a number: {numbers}")
    return found


async def applied(conn: aiosqlite.Connection) -> dict[str, str]:
    """name → sha256 of every migration recorded in the database."""
    async with conn.execute("SELECT name, sha256 FROM schema_migrations") as cur:
        return {str(r[0]): str(r[1]) for r in await cur.fetchall()}


def pending(history: dict[str, str], available: list[Migration]) -> list[Migration]:
    """The migrations still to apply, or MigrationError when the history cannot be continued."""
    known = {m.name: m for m in available}
    foreign = sorted(set(history) - set(known))
    if foreign:
        raise MigrationError(
            f"the database has migration {foreign[-1]}, which this version of Nämndbot does not "
            "know: it was written by a newer version or is not a Nämndbot database"
        )
    for name, digest in history.items():
        if known[name].sha256 != digest:
            raise MigrationError(
                f"migration {name} was changed after it was applied to this database; "
                "restore the shipped file and add a new migration instead"
            )
    todo = [m for m in available if m.name not in history]
    last = max(history, default="")
    early = [m.name for m in todo if m.name < last]
    if early:
        raise MigrationError(
            f"migration {early[0]} is not applied but the later {last} is: "
            "migrations must be added after the last shipped one"
        )
    return todo


async def migrate(conn: aiosqlite.Connection, clock: Clock) -> list[str]:
    """Bring the schema up to date; returns the names applied now."""
    await _refuse_foreign(conn)
    await conn.execute(_TABLE)
    available = bundled()
    await _adopt_user_version(conn, available, clock)
    done: list[str] = []
    for migration in pending(await applied(conn), available):
        await _apply(conn, migration, clock)
        done.append(migration.name)
    return done


async def _apply(conn: aiosqlite.Connection, migration: Migration, clock: Clock) -> None:
    # executescript leaves the transaction its script opens: the record goes in the same one.
    try:
        await conn.executescript(f"BEGIN IMMEDIATE;\n{migration.sql}\n;")
        await conn.execute(
            "INSERT INTO schema_migrations (name, sha256, applied_at) VALUES (?, ?, ?)",
            (migration.name, migration.sha256, iso_utc(clock.now())),
        )
    except BaseException:
        if conn.in_transaction:
            await conn.execute("ROLLBACK")
        raise
    await conn.execute("COMMIT")


async def _adopt_user_version(
    conn: aiosqlite.Connection, available: list[Migration], clock: Clock
) -> None:
    """Record the migrations a pre-history database applied (numbered ≤ its user_version)."""
    async with conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    version = int(row[0]) if row else 0
    if version == 0 or await applied(conn):
        return
    stamp = iso_utc(clock.now())
    await conn.executemany(
        "INSERT INTO schema_migrations (name, sha256, applied_at) VALUES (?, ?, ?)",
        [(m.name, m.sha256, stamp) for m in available if m.number <= version],
    )
