"""A flood summary's buttons, pressed in the real bot: each opens its own meeting (a new
message: the summary stays), never the apology. The summary is written by the real fan-out in
a flood scope and sent by the real sender over the fake Bot API."""

from __future__ import annotations

from datetime import timedelta

import pytest

from agenda.clock import today
from agenda.model import Body, Item, Meeting
from alerts.fanout import enqueue_alerts
from alerts.flood import gathering
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from presentation.texts import format_date
from storage.db import Database
from storage.events import meeting_events
from storage.meetings import upsert_meeting
from tests.conftest import PORTAL, USER_CHAT_ID
from tests.handlers.chatdriver import Member, press_then
from tests.jobs.outbox_helpers import add_follow, drain_until, drained, make_bot, sender

pytestmark = pytest.mark.usefixtures("bot_app")


async def _new_meetings(db: Database, count: int) -> list[int]:
    start = today(db.clock) + timedelta(days=40)
    ids = []
    for k in range(count):
        day = start + timedelta(days=7 * k)
        meeting = Meeting(
            body=Body("regionstyrelsen", "Regionstyrelsen", PORTAL),
            url=f"{PORTAL}/committees/regionstyrelsen/mote-{day.isoformat()}",
            date=day,
            items=[Item(number=1, title="Mötet öppnas"), Item(number=2, title=f"Ärende {k}")],
        )
        ids.append((await upsert_meeting(db, meeting)).meeting_id)
    return ids


async def test_each_button_of_a_flood_summary_opens_its_meeting(
    seeded_db: Database, fake_api: FakeBotApi, clock: ManualClock
) -> None:
    ids = await _new_meetings(seeded_db, 5)
    async with seeded_db.reader.execute(
        "SELECT body_id FROM meetings WHERE id = ?", (ids[0],)
    ) as cur:
        row = await cur.fetchone()
    assert row is not None
    await add_follow(seeded_db, USER_CHAT_ID, int(row[0]))
    events = [e for mid in ids for e in await meeting_events(seeded_db, mid) if e.kind == "new"]
    async with gathering(seeded_db, "test:1"), seeded_db.transaction() as conn:
        await enqueue_alerts(conn, events, clock.now())
    async with make_bot(fake_api) as bot:
        await drain_until(sender(seeded_db, bot), drained(seeded_db))
    (summary,) = fake_api.records.sent_messages(USER_CHAT_ID)
    assert "5 nya kallelser" in summary.text
    member = Member(fake_api, USER_CHAT_ID)
    for n, (label, data) in enumerate(summary.buttons(), start=1):
        assert label.startswith(f"{n}. ") and data == f"m:{ids[n - 1]}"
        shown, _probe = await press_then(member, summary.message_id, data or "")
        day = today(seeded_db.clock) + timedelta(days=40 + 7 * (n - 1))
        assert format_date(day, "sv") in shown.text and f"Ärende {n - 1}" in shown.text
