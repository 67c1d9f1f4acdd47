"""Appeal windows in a real SQLite file: one event per new (posting day, last day)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from agenda.appeal import Posting
from agenda.clock import today
from demo.clock import ManualClock
from storage.appeals import appeal_window, open_windows, record_posting
from storage.db import Database
from tests.support.world import store_seeds


async def test_a_window_is_recorded_once_and_corrected_once(
    tmp_path: Path, clock: ManualClock
) -> None:
    db = await Database.open(tmp_path / "nb.sqlite3", clock)
    try:
        ids = await store_seeds(db)
        meeting = ids["004"]
        posted = today(clock)
        first = await record_posting(db, meeting, Posting(posted, "feed"), None)
        assert [e.kind for e in first.events] == ["appeal"] and first.before is None
        again = await record_posting(db, meeting, Posting(posted, "minutes"), "https://x/p.pdf")
        assert again.events == [] and again.posting.posted_from == "minutes"
        printed = date(posted.year + 1, 1, 31)
        fixed = await record_posting(db, meeting, Posting(posted, "notice", printed), None)
        assert [e.detail["last_day"] for e in fixed.events] == [printed.isoformat()]
        window = await appeal_window(db, meeting)
        assert window is not None and window.last_day == printed
        assert window.link == "https://x/p.pdf"
        body = window.body.id
        assert [w.meeting_id for w in await open_windows(db, [body], posted)] == [meeting]
        assert await open_windows(db, [body], date(posted.year + 1, 2, 1)) == []
    finally:
        await db.close()
