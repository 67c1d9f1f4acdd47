"""A slow or absent Telegram, through the real sender and the fake Bot API over real HTTP.

The scenarios of production, scaled down in time: Telegram answering after 7 s against a 30 s
read timeout becomes 0.25 s against 1 s; answering later than the read timeout (7 s against the
old 5 s) becomes 0.7 s against 0.5 s; an outage of minutes becomes 1.5 s. The assertions are
invariants: nothing lost, no dead letter, duplicates within the bound, the queue drained soon
after Telegram answers again (with a generous margin, never a speed).
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections import Counter
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from agenda.clock import SystemClock
from alerts.delivery_errors import Policy
from alerts.throttle import Limits
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from storage.outbox import outbox_stats
from tests.jobs.outbox_helpers import (
    ADMIN,
    add_chats,
    drain_until,
    drained,
    make_bot,
    open_db,
    put,
    sender,
)

CHATS = range(1, 81)


async def _broadcast(db_path: Path, clock: ManualClock | None = None):  # type: ignore[no-untyped-def]
    db = await open_db(db_path, clock)
    await add_chats(db, *CHATS)
    for chat in CHATS:
        await put(db, chat, f"new:1:{chat}:0", f"alert {chat}")
    return db


def _counts(fake: FakeBotApi) -> Counter[int]:
    return Counter(m.chat_id for m in fake.records.sent_messages() if m.chat_id != ADMIN)


async def test_telegram_answering_late_within_the_read_timeout_sends_each_alert_once(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    db = await _broadcast(tmp_path)
    fake_api.slow_down(answer_after=0.25, for_seconds=60)
    async with make_bot(fake_api, read_timeout=1.0) as bot:
        await drain_until(sender(db, bot), drained(db), timeout=60)
    counts = _counts(fake_api)
    assert set(counts) == set(CHATS) and max(counts.values()) == 1
    assert (await outbox_stats(db)).dead == 0
    assert fake_api.records.sent_messages(ADMIN) == []
    await db.close()


async def test_telegram_slower_than_the_read_timeout_loses_nothing_and_duplicates_few(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    db = await _broadcast(tmp_path)
    async with make_bot(fake_api, read_timeout=0.5) as bot:
        fake_api.slow_down(answer_after=0.7, for_seconds=4)
        s = sender(db, bot, limits=Limits(), stall_floor=0.1, probe_timeout=3.0)
        await drain_until(s, drained(db), timeout=60)
    counts = _counts(fake_api)
    assert set(counts) == set(CHATS)  # nobody lost
    twice = [chat for chat, n in counts.items() if n > 1]
    # Only sends that left before the slowdown was noticed have an unknown outcome: a few.
    assert len(twice) <= 6, twice
    assert max(counts.values()) == 2
    assert (await outbox_stats(db)).dead == 0
    assert fake_api.records.sent_messages(ADMIN) == []
    await db.close()


async def test_telegram_unreachable_loses_nothing_and_drains_at_once_when_back(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    db = await _broadcast(tmp_path)
    down_for = 1.5
    # Production backoff: without the release on recovery, rows would wait up to a minute.
    slow_backoff = replace(Policy(), forbidden_delay=0.0, timeout_retry_delay=30.0)
    async with make_bot(fake_api, read_timeout=0.5) as bot:
        fake_api.go_down(down_for)
        back_at = time.monotonic() + down_for
        s = sender(db, bot, policy=slow_backoff)
        await drain_until(s, drained(db), timeout=30)
        assert s.stats.failed >= 3  # the outage was seen, and paused on
    counts = _counts(fake_api)
    assert set(counts) == set(CHATS) and max(counts.values()) == 1
    assert (await outbox_stats(db)).dead == 0
    last = max(c.at for c in fake_api.calls("sendMessage") if c.outcome == "ok")
    assert last - back_at < 10.0  # generous: a few job periods, far below the backoff
    await db.close()


async def test_only_rows_older_than_the_horizon_are_given_up_with_one_notice(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    clock = ManualClock(SystemClock().now())
    db = await _broadcast(tmp_path, clock)
    async with make_bot(fake_api, read_timeout=0.5) as bot:
        fake_api.go_down(3600)
        s = sender(db, bot)
        for _ in range(3):
            await s.run_until_idle()
        assert s.watch.down
        assert (await outbox_stats(db)).dead == 0  # down, but not for long: nothing given up
        clock.advance(timedelta(seconds=Policy().give_up_after + 60))
        await put(db, 500, "fresh")  # written during the outage: kept
        await s.run_until_idle()
        await s.run_until_idle()
        fake_api.go_down(0)
        await drain_until(s, drained(db), timeout=30)
    stats = await outbox_stats(db)
    assert stats.dead == len(CHATS)  # every row older than the horizon
    (notice,) = fake_api.records.sent_messages(ADMIN)  # one notice for the whole outage
    assert "Telegram" in notice.text
    assert [m.text for m in fake_api.records.sent_messages(500)] == ["fresh"]
    await db.close()


async def test_a_locked_database_retries_the_bookkeeping_not_the_message(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    db = await _broadcast(tmp_path)
    async with db.transaction() as conn:
        await conn.execute("PRAGMA busy_timeout = 100")  # give up waiting for the lock soon
    outsider = sqlite3.connect(db.path, timeout=5, check_same_thread=False)
    async with make_bot(fake_api, read_timeout=5.0) as bot:
        fake_api.slow_down(answer_after=0.3, for_seconds=0.5)
        running = asyncio.create_task(drain_until(sender(db, bot), drained(db), timeout=30))
        await fake_api.wait_for_messages(count=1)
        # Another writer takes the lock (waiting for ours) and holds it for a while.
        await asyncio.to_thread(outsider.execute, "BEGIN IMMEDIATE")
        await asyncio.sleep(1.5)  # every answer arrives while the lock is held
        await asyncio.to_thread(outsider.execute, "COMMIT")
        await running
    outsider.close()
    counts = _counts(fake_api)
    assert set(counts) == set(CHATS) and max(counts.values()) == 1
    await db.close()


async def test_a_restart_during_an_outage_gives_the_admins_no_second_notice(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    clock = ManualClock(SystemClock().now())
    db = await _broadcast(tmp_path, clock)
    horizon = timedelta(seconds=Policy().give_up_after + 60)
    async with make_bot(fake_api, read_timeout=0.5) as bot:
        fake_api.go_down(3600)
        first = sender(db, bot)
        for _ in range(3):
            await first.run_until_idle()
        clock.advance(horizon)
        await first.run_until_idle()  # gives the 80 up; the notice waits for Telegram
        assert (await outbox_stats(db)).dead == len(CHATS)
        # The process restarts: a new sender, which names the outage by its own start.
        await put(db, 500, "written during the outage")
        clock.advance(horizon)  # ... and that alert is given up too, hours later
        second = sender(db, bot)
        for _ in range(4):
            await second.run_until_idle()
        assert (await outbox_stats(db)).dead == len(CHATS) + 1
        fake_api.go_down(0)
        clock.advance(timedelta(minutes=5))  # the notice's backoff runs out, as time goes on
        await drain_until(second, drained(db), timeout=30)
    (notice,) = fake_api.records.sent_messages(ADMIN)  # one outage, one notice
    assert "Telegram" in notice.text
    await db.close()
