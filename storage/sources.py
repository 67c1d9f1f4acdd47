"""Sources and their health, poll cycles, and feed announcements.

Why: an operator (and the admin status / failure notice of the alerts) must see which source
works and which keeps failing; a failing source must be backed off rather than hammered, and the
back-off must survive a restart. Each poll cycle is recorded so "when did we last look" has an
answer. A source's crawl frontier (links left over when its page budget ran out) is kept here
too, so the next cycle continues where this one stopped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import aiosqlite

from agenda.backoff import backoff
from storage.db import Database
from storage.http_cache import Link

_HEALTH_COLUMNS = (
    "name, kind, url, last_attempt, last_success, last_error, last_error_at, "
    "consecutive_failures, backoff_until, failing_since, failure_reported, last_failed_pages"
)


@dataclass(frozen=True)
class SourceHealth:
    name: str
    kind: str
    url: str
    last_attempt: str | None
    last_success: str | None
    last_error: str | None
    last_error_at: str | None
    consecutive_failures: int
    backoff_until: str | None
    failing_since: str | None
    failure_reported: bool = False
    last_failed_pages: int = 0

    @property
    def failing(self) -> bool:
        return self.consecutive_failures > 0


@dataclass(frozen=True)
class SourceState:
    """What the poller needs before visiting a source."""

    id: int
    backfilled: bool
    consecutive_failures: int
    backoff_until: datetime | None


@dataclass(frozen=True)
class PollRow:
    id: int
    started_at: str
    finished_at: str | None
    new: int
    changed: int
    unchanged: int
    failed: int


def _health(row: aiosqlite.Row) -> SourceHealth:
    return SourceHealth(
        name=row["name"],
        kind=row["kind"],
        url=row["url"],
        last_attempt=row["last_attempt"],
        last_success=row["last_success"],
        last_error=row["last_error"],
        last_error_at=row["last_error_at"],
        consecutive_failures=int(row["consecutive_failures"]),
        backoff_until=row["backoff_until"],
        failing_since=row["failing_since"],
        failure_reported=bool(row["failure_reported"]),
        last_failed_pages=int(row["last_failed_pages"]),
    )


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


async def ensure_source(db: Database, name: str, kind: str, url: str) -> SourceState:
    """The source's row (created or updated to the configured kind and url)."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO sources (name, kind, url) VALUES (?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, url = excluded.url",
            (name, kind, url),
        )
        async with conn.execute(
            "SELECT id, backfilled, consecutive_failures, backoff_until FROM sources "
            "WHERE name = ?",
            (name,),
        ) as cur:
            row = await cur.fetchone()
    assert row is not None
    return SourceState(int(row[0]), bool(row[1]), int(row[2]), _parse_time(row[3]))


def backoff_delay(failures: int, base_seconds: float, max_seconds: float) -> timedelta:
    """Exponential back-off after `failures` consecutive failed attempts (>= 1)."""
    return timedelta(seconds=backoff(failures, base_seconds, max_seconds))


async def record_attempt(
    db: Database,
    source_id: int,
    *,
    error: str | None,
    failed_pages: int = 0,
    backoff_base: float = 300.0,
    backoff_max: float = 6 * 3600.0,
    backfilled: bool = False,
) -> None:
    """Record one attempt. `error` set = the source failed (counts, backs off); else success.

    A success with `failed_pages` keeps the first page error as `last_error` but does not back
    the source off: its other pages still bring news.
    """
    now = db.timestamp()
    async with db.transaction() as conn:
        if error is None:
            await conn.execute(
                "UPDATE sources SET last_attempt = ?, last_success = ?, consecutive_failures = 0, "
                "backoff_until = NULL, failing_since = NULL, failure_reported = 0, "
                "last_failed_pages = ?, backfilled = MAX(backfilled, ?) WHERE id = ?",
                (now, now, failed_pages, int(backfilled), source_id),
            )
            return
        async with conn.execute(
            "SELECT consecutive_failures FROM sources WHERE id = ?", (source_id,)
        ) as cur:
            row = await cur.fetchone()
        failures = (int(row[0]) if row else 0) + 1
        until = db.clock.now() + backoff_delay(failures, backoff_base, backoff_max)
        await conn.execute(
            "UPDATE sources SET last_attempt = ?, last_error = ?, last_error_at = ?, "
            "consecutive_failures = ?, backoff_until = ?, "
            "failing_since = COALESCE(failing_since, ?), last_failed_pages = ? WHERE id = ?",
            (
                now,
                error[:500],
                now,
                failures,
                until.isoformat(timespec="seconds"),
                now,
                failed_pages,
                source_id,
            ),
        )


async def record_page_error(db: Database, source_id: int, error: str) -> None:
    """Keep a page-level error visible in the health without failing the source."""
    now = db.timestamp()
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE sources SET last_error = ?, last_error_at = ? WHERE id = ?",
            (error[:500], now, source_id),
        )


async def source_health(db: Database) -> list[SourceHealth]:
    sql = f"SELECT {_HEALTH_COLUMNS} FROM sources ORDER BY name"  # noqa: S608 (constant)
    async with db.reader.execute(sql) as cur:
        return [_health(r) for r in await cur.fetchall()]


async def sources_failing_since(db: Database, older_than: datetime) -> list[SourceHealth]:
    """Sources failing since before `older_than` whose failure has not been reported yet."""
    sql = (
        f"SELECT {_HEALTH_COLUMNS} FROM sources WHERE failing_since IS NOT NULL "  # noqa: S608
        "AND failing_since <= ? AND failure_reported = 0 ORDER BY name"
    )
    async with db.reader.execute(
        sql,
        (older_than.astimezone(UTC).isoformat(timespec="seconds"),),
    ) as cur:
        return [_health(r) for r in await cur.fetchall()]


async def mark_failure_reported(db: Database, name: str) -> None:
    """The admins were told; reset when the source succeeds again."""
    async with db.transaction() as conn:
        await conn.execute("UPDATE sources SET failure_reported = 1 WHERE name = ?", (name,))


async def start_poll(db: Database) -> int:
    async with (
        db.transaction() as conn,
        conn.execute(
            "INSERT INTO polls (started_at) VALUES (?) RETURNING id", (db.timestamp(),)
        ) as cur,
    ):
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def finish_poll(
    db: Database, poll_id: int, *, new: int, changed: int, unchanged: int, failed: int
) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE polls SET finished_at = ?, new = ?, changed = ?, unchanged = ?, failed = ? "
            "WHERE id = ?",
            (db.timestamp(), new, changed, unchanged, failed, poll_id),
        )


async def last_poll(db: Database) -> PollRow | None:
    """The most recent poll cycle (finished or still running)."""
    async with db.reader.execute(
        "SELECT id, started_at, finished_at, new, changed, unchanged, failed FROM polls "
        "ORDER BY id DESC LIMIT 1"
    ) as cur:
        row = await cur.fetchone()
    return PollRow(*row) if row else None


async def add_announcement(
    conn: aiosqlite.Connection,
    source_id: int,
    body_id: int | None,
    guid: str,
    title: str | None,
    link: str | None,
    published: str | None,
    *,
    now: str,
) -> bool:
    """Store a feed entry that is not a meeting page; False when already known."""
    async with conn.execute(
        "INSERT INTO announcements (source_id, body_id, guid, title, link, published, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source_id, guid) DO NOTHING RETURNING id",
        (source_id, body_id, guid, title, link, published, now),
    ) as cur:
        return await cur.fetchone() is not None


async def load_frontier(db: Database, source_id: int) -> list[Link]:
    """The meeting links the source's last crawl found but had no page budget left for."""
    async with db.reader.execute(
        "SELECT url, label, date FROM crawl_frontier WHERE source_id = ? ORDER BY url",
        (source_id,),
    ) as cur:
        return [
            Link(str(r[0]), "meeting", r[1], date.fromisoformat(r[2]) if r[2] else None)
            for r in await cur.fetchall()
        ]


async def replace_frontier(db: Database, source_id: int, links: list[Link]) -> None:
    """Keep `links` (and only them) for the source's next crawl."""
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM crawl_frontier WHERE source_id = ?", (source_id,))
        await conn.executemany(
            "INSERT OR IGNORE INTO crawl_frontier (source_id, url, label, date) "
            "VALUES (?, ?, ?, ?)",
            [
                (source_id, link.url, link.label, link.date.isoformat() if link.date else None)
                for link in links
            ],
        )
