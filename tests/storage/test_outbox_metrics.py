"""`outbox_metrics`: the totals behind /metrics and /healthz, read from a real outbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.outbox_payload import stamp
from storage.outbox_stats import outbox_metrics
from tests.support.outbox import open_db, put


async def test_lag_counts_from_when_a_message_was_due(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    now = datetime(2030, 1, 1, 12, tzinfo=UTC)  # any instant: every timestamp is set from it

    def ago(seconds: float) -> str:
        return stamp(now - timedelta(seconds=seconds))

    for key in ("reminder", "plain", "late"):
        await put(db, 1, key)
    async with db.transaction() as conn:
        # a reminder queued long before it was due, then sent 20 s after it was due
        await conn.execute(
            "UPDATE outbox SET status = 'sent', created_at = ?, not_before = ?, sent_at = ?,"
            " attempts = 2 WHERE dedup_key = 'reminder'",
            (ago(86400), ago(30), ago(10)),
        )
        await conn.execute(
            "UPDATE outbox SET status = 'sent', created_at = ?, not_before = ?, sent_at = ?,"
            " attempts = 1 WHERE dedup_key = 'plain'",
            (ago(100), ago(100), ago(60)),
        )
        await conn.execute(
            "UPDATE outbox SET created_at = ?, not_before = ? WHERE dedup_key = 'late'",
            (ago(300), ago(120)),
        )
    found = await outbox_metrics(db, now)
    await db.close()
    assert found.by_status == {"sent": 2, "pending": 1}
    assert found.retries == 1
    assert round(found.due_lag_seconds) == 120
    assert round(found.lag_last_hour_avg_seconds) == 30  # (20 + 40) / 2
    assert round(found.lag_last_hour_max_seconds) == 40
