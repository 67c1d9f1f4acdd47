"""Source health, poll records and announcements in a real SQLite file."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.db import Database
from storage.sources import (
    add_announcement,
    backoff_delay,
    ensure_source,
    finish_poll,
    last_poll,
    record_attempt,
    record_page_error,
    source_health,
    sources_failing_since,
    start_poll,
)


def test_backoff_doubles_up_to_the_cap() -> None:
    delays = [backoff_delay(n, 60, 600).total_seconds() for n in range(1, 6)]
    assert delays == [60, 120, 240, 480, 600]


async def test_ensure_source_is_idempotent_and_follows_the_config(db: Database) -> None:
    first = await ensure_source(db, "R", "meetingsplus", "https://a.se")
    again = await ensure_source(db, "R", "feed", "https://b.se/f.rss")
    assert first.id == again.id and not again.backfilled
    (health,) = await source_health(db)
    assert (health.kind, health.url) == ("feed", "https://b.se/f.rss")


async def test_failures_count_back_off_and_reset_on_success(db: Database) -> None:
    state = await ensure_source(db, "R", "meetingsplus", "https://a.se")
    await record_attempt(db, state.id, error="https://a.se/committees: HTTP 500", backoff_base=60)
    await record_attempt(db, state.id, error="timed out", backoff_base=60)
    (health,) = await source_health(db)
    assert health.consecutive_failures == 2 and health.failing
    assert health.last_error == "timed out" and health.last_success is None
    until = datetime.fromisoformat(health.backoff_until or "")
    assert timedelta(seconds=100) < until - db.clock.now() <= timedelta(seconds=120)
    since = health.failing_since
    assert since is not None
    assert (await ensure_source(db, "R", "meetingsplus", "https://a.se")).backoff_until
    await record_attempt(db, state.id, error=None, failed_pages=1, backfilled=True)
    await record_page_error(db, state.id, "https://a.se/x: HTTP 404")
    (health,) = await source_health(db)
    assert (health.consecutive_failures, health.backoff_until, health.failing_since) == (
        0,
        None,
        None,
    )
    assert health.last_error == "https://a.se/x: HTTP 404" and health.last_failed_pages == 1
    assert (await ensure_source(db, "R", "meetingsplus", "https://a.se")).backfilled
    assert await sources_failing_since(db, db.clock.now() + timedelta(days=1)) == []


async def test_polls_are_recorded(db: Database) -> None:
    assert await last_poll(db) is None
    poll_id = await start_poll(db)
    running = await last_poll(db)
    assert running is not None and running.finished_at is None
    await finish_poll(db, poll_id, new=2, changed=1, unchanged=7, failed=1)
    done = await last_poll(db)
    assert done is not None and done.finished_at
    assert (done.new, done.changed, done.unchanged, done.failed) == (2, 1, 7, 1)


async def test_announcements_are_stored_once(db: Database) -> None:
    state = await ensure_source(db, "F", "feed", "https://a.se/f.rss")
    async with db.transaction() as conn:
        now = db.timestamp()
        assert await add_announcement(conn, state.id, None, "g1", "Protokoll", None, None, now=now)
        again = await add_announcement(conn, state.id, None, "g1", "Protokoll", None, None, now=now)
        assert not again
    async with db.reader.execute("SELECT COUNT(*) FROM announcements") as cur:
        assert tuple(await cur.fetchone() or ()) == (1,)
