"""Source health: admins are told once per failure period when a source keeps failing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alerts.source_health import report_failing_sources
from storage.outbox import outbox_stats
from tests.jobs.outbox_helpers import ADMIN, open_db


async def test_a_long_failure_is_reported_once_to_each_admin(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    now = db.clock.now()
    since = (now - timedelta(hours=2)).isoformat(timespec="seconds")
    recent = (now - timedelta(minutes=5)).isoformat(timespec="seconds")
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO sources (name, kind, url, failing_since, last_error, consecutive_failures)"
            " VALUES (?, 'meetingsplus', 'https://x.invalid', ?, ?, 5)",
            [("Portal <A>", since, "HTTP 500"), ("Portal B", recent, "timeout")],
        )
    admins = frozenset({ADMIN, 4343})
    assert await report_failing_sources(db, admins, minutes=60) == 1
    assert await report_failing_sources(db, admins, minutes=60) == 0
    async with db.reader.execute(
        "SELECT chat_id, payload FROM outbox WHERE kind = 'admin' ORDER BY chat_id"
    ) as cur:
        rows = list(await cur.fetchall())
    assert [r[0] for r in rows] == [ADMIN, 4343]
    assert "Portal &lt;A&gt;" in rows[0][1] and "HTTP 500" in rows[0][1]
    assert (await outbox_stats(db)).pending == 2
    await db.close()
