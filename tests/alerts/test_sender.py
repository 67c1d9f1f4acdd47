"""The outbox sender against the fake Bot API over real HTTP: order, pacing, replies, leases."""

from __future__ import annotations

from pathlib import Path

from demo.fake_api import FakeBotApi
from demo.limits import TelegramLimits
from storage.outbox import claim_due, enqueue_parts, outbox_stats
from tests.jobs.outbox_helpers import (
    add_chats,
    drain_until,
    drained,
    make_bot,
    open_db,
    put,
    sender,
    status_of,
)


async def test_every_row_is_sent_once_and_marked_sent(tmp_path: Path, fake_api: FakeBotApi) -> None:
    db = await open_db(tmp_path)
    for chat in range(1, 21):
        await put(db, chat, f"new:1:{chat}:0", f"hej {chat}")
    async with make_bot(fake_api) as bot:
        sent = await sender(db, bot).run_until_idle()
    assert sent == 20
    texts = sorted(m.text for m in fake_api.records.sent_messages())
    assert texts == sorted(f"hej {c}" for c in range(1, 21))
    assert await status_of(db, "new:1:5:0") == ("sent", 1, 0, 5)
    stats = await outbox_stats(db)
    assert (stats.pending, stats.dead, stats.sent_last_24h) == (0, 0, 20)
    await db.close()


async def test_parts_of_a_message_arrive_in_order(tmp_path: Path, fake_api: FakeBotApi) -> None:
    db = await open_db(tmp_path)
    await add_chats(db, 7, 8)
    now = db.timestamp()
    async with db.transaction() as conn:
        await enqueue_parts(
            conn, now=now, chat_id=7, key="new:9:7", kind="new", parts=["a", "b", "c", "d"]
        )
        await enqueue_parts(conn, now=now, chat_id=8, key="new:9:8", kind="new", parts=["x", "y"])
        # Re-enqueueing the same keys writes nothing.
        again = await enqueue_parts(
            conn, now=now, chat_id=7, key="new:9:7", kind="new", parts=["a", "b"]
        )
    assert again == 0
    async with make_bot(fake_api) as bot:
        await sender(db, bot).run_until_idle()
    assert [m.text for m in fake_api.records.sent_messages(7)] == ["a", "b", "c", "d"]
    assert [m.text for m in fake_api.records.sent_messages(8)] == ["x", "y"]
    await db.close()


async def test_pacing_keeps_within_the_limits_the_fake_enforces(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    """Invariants, not speed: the fake answers 429 to any send over the limits (scaled 50x, the
    sender's too), so 'no 429 and every row sent exactly once' means the pacing held. How fast
    it drains depends on the machine and is measured in bench/deliver.py."""
    fake_api.set_limits(TelegramLimits().scaled(50))
    db = await open_db(tmp_path)
    keys = [f"k:{chat}:{n}" for chat in (1, 2, -100) for n in range(15)]
    keys += [f"k:{chat}" for chat in range(10, 110)]
    for key in keys:
        await put(db, int(key.split(":")[1]), key)
    async with make_bot(fake_api) as bot:
        await drain_until(sender(db, bot), drained(db), timeout=120)
    assert fake_api.count_429 == 0
    assert sorted(m.text for m in fake_api.records.sent_messages()) == sorted(keys)
    await db.close()


async def test_rows_left_sending_by_a_crash_are_sent_after_the_lease(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    db = await open_db(tmp_path)
    await put(db, 3, "new:1:3:0", "lost in a crash")
    claimed = await claim_due(db, limit=10, lease_seconds=1.0)
    assert [r.dedup_key for r in claimed] == ["new:1:3:0"]
    assert (await status_of(db, "new:1:3:0"))[0] == "sending"
    assert await claim_due(db, limit=10, lease_seconds=1.0) == []  # leased: not claimable
    async with make_bot(fake_api) as bot:
        s = sender(db, bot)
        # Claimable again once the lease has run out.
        await drain_until(s, lambda: bool(fake_api.records.sent_messages(3)))
    assert [m.text for m in fake_api.records.sent_messages(3)] == ["lost in a crash"]
    assert (await status_of(db, "new:1:3:0"))[:2] == ("sent", 2)
    await db.close()


async def test_scheduled_deliver_job_sends_from_a_running_application(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    from telegram.ext import ApplicationBuilder

    from jobs.deliver import schedule_deliver
    from tests.jobs.outbox_helpers import FAST

    db = await open_db(tmp_path)
    await put(db, 42, "new:1:42:0", "via the job queue")
    app = ApplicationBuilder().token(fake_api.token).base_url(fake_api.base_url).build()
    assert app.job_queue is not None
    job = schedule_deliver(app.job_queue, db, frozenset(), settings=FAST, interval_seconds=0.1)
    await app.initialize()
    await app.start()
    try:
        assert job.job.id == "deliver"
        await fake_api.wait_for_messages(42, 1)
        await put(db, 42, "new:2:42:0", "and the next one")
        await fake_api.wait_for_messages(42, 2)
    finally:
        await app.stop()
        await app.shutdown()
    assert [m.text for m in fake_api.records.sent_messages(42)] == [
        "via the job queue",
        "and the next one",
    ]
    await db.close()
