"""The delivery error policy, each case through the real sender and the fake Bot API."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from telegram.error import NetworkError, TimedOut

from alerts.delivery_errors import Policy, backoff, decide
from demo.fake_api import FakeBotApi
from storage.alert_prefs import set_digest
from storage.chats import followers, get_chat, set_language
from storage.outbox import OutboxRow, OutboxStatus, Payload, outbox_stats
from tests.jobs.outbox_helpers import (
    ADMIN,
    add_body,
    add_chats,
    add_follow,
    drain_until,
    drained,
    make_bot,
    open_db,
    put,
    sender,
    status_of,
)


async def test_retry_after_reschedules_the_row_and_other_chats_go_on(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    db = await open_db(tmp_path)
    fake_api.fail_retry_after(1, chat_id=1)
    await put(db, 1, "a")
    await put(db, 2, "b")
    async with make_bot(fake_api) as bot:
        s = sender(db, bot)
        await s.run_until_idle()  # returns without waiting for chat 1
        assert [m.chat_id for m in fake_api.records.sent_messages()] == [2]
        assert (await status_of(db, "a"))[0] == "pending"
        assert s.stats.retry_after == 1
        await drain_until(s, lambda: bool(fake_api.records.sent_messages(1)))
    assert [m.text for m in fake_api.records.sent_messages(1)] == ["a"]
    assert (await status_of(db, "a"))[:2] == ("sent", 2)
    await db.close()


async def test_forbidden_strikes_then_deactivates_the_chat(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    db = await open_db(tmp_path)
    body = await add_body(db)
    await add_follow(db, 5, body)
    await add_follow(db, 6, body)
    fake_api.fail_forbidden(chat_id=5, times=3)
    await put(db, 5, "first")
    await put(db, 5, "second")
    await put(db, 6, "other")
    async with make_bot(fake_api) as bot:
        await drain_until(sender(db, bot), drained(db))
    assert (await status_of(db, "first"))[:2] == ("dropped", 3)
    assert (await status_of(db, "second"))[0] == "dropped"  # not sent to a chat that blocked us
    # A member blocking the bot is not a failure the admins must look into: no dead letters.
    assert (await outbox_stats(db)).dead == 0
    chat = await get_chat(db, 5)
    assert chat is not None and not chat.active and chat.forbidden_strikes == 3
    assert [f.chat_id for f in await followers(db, body)] == [6]
    assert fake_api.records.sent_messages(5) == []
    await db.close()


async def test_one_forbidden_strike_is_forgiven_after_a_success(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    db = await open_db(tmp_path)
    fake_api.fail_forbidden(chat_id=5, times=1)
    await put(db, 5, "x")
    async with make_bot(fake_api) as bot:
        await drain_until(sender(db, bot), drained(db))
    assert (await status_of(db, "x"))[:2] == ("sent", 2)
    chat = await get_chat(db, 5)
    assert chat is not None and chat.active and chat.forbidden_strikes == 0
    await db.close()


async def test_chat_migration_moves_follows_and_rows_and_resends(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    db = await open_db(tmp_path)
    body = await add_body(db)
    await add_follow(db, -100, body)
    fake_api.fail_migrate(-100, -1009)
    await put(db, -100, "one")
    await put(db, -100, "two")
    async with make_bot(fake_api) as bot:
        await drain_until(sender(db, bot), drained(db))
    assert [m.text for m in fake_api.records.sent_messages(-1009)] == ["one", "two"]
    assert (await status_of(db, "one"))[::3] == ("sent", -1009)
    assert (await status_of(db, "two"))[::3] == ("sent", -1009)
    assert [f.chat_id for f in await followers(db, body)] == [-1009]
    await db.close()


async def test_bad_request_is_a_dead_letter_with_an_admin_notice(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    db = await open_db(tmp_path)
    fake_api.fail_bad_request("Bad Request: can't parse entities", chat_id=9)
    await put(db, 9, "broken <b>")
    async with make_bot(fake_api) as bot:
        await sender(db, bot).run_until_idle()
    assert (await status_of(db, "broken <b>"))[0] == "dead"
    (notice,) = fake_api.records.sent_messages(ADMIN)
    assert "BadRequest: Can&#x27;t parse entities" in notice.text  # escaped for HTML
    assert "chatt 9 " in notice.text
    await db.close()


async def test_read_timeout_is_retried_once_accepting_a_duplicate(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    db = await open_db(tmp_path)
    fake_api.delay(1.0, chat_id=4)  # delivered, but the answer comes after the read timeout
    await put(db, 4, "maybe twice")
    async with make_bot(fake_api, read_timeout=0.3) as bot:
        s = sender(db, bot)
        await s.run_until_idle()
        assert (await status_of(db, "maybe twice"))[:3] == ("pending", 1, 1)
        await drain_until(s, lambda: len(fake_api.records.sent_messages(4)) == 2)
        await s.run_until_idle()
    assert [m.text for m in fake_api.records.sent_messages(4)] == ["maybe twice"] * 2
    assert (await status_of(db, "maybe twice"))[:3] == ("sent", 2, 1)
    await db.close()


async def test_repeated_read_timeouts_never_make_a_dead_letter(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    db = await open_db(tmp_path)
    fake_api.delay(0.8, chat_id=4, times=3)
    await put(db, 4, "slow")
    async with make_bot(fake_api, read_timeout=0.2) as bot:
        s = sender(db, bot)
        await drain_until(s, drained(db))
    assert (await status_of(db, "slow"))[:3] == ("sent", 4, 3)
    assert fake_api.records.sent_messages(ADMIN) == []
    await db.close()


async def test_connect_error_is_retried_with_backoff(tmp_path: Path) -> None:
    db = await open_db(tmp_path)
    await put(db, 4, "later")
    closed = FakeBotApi()
    await closed.start()
    base_url = closed.base_url
    await closed.stop()  # nothing listens on that port any more: connection refused
    from telegram import Bot

    bot = Bot(closed.token, base_url=base_url)
    await sender(db, bot).run_until_idle()
    status, attempts, timeouts, _ = await status_of(db, "later")
    assert (status, attempts, timeouts) == ("pending", 1, 0)
    await db.close()


def _row(attempts: int = 1, timeout_retries: int = 0) -> OutboxRow:
    return OutboxRow(
        1,
        5,
        None,
        "k",
        "new",
        None,
        0,
        Payload("x"),
        OutboxStatus.SENDING,
        attempts,
        timeout_retries,
    )


def _raised(exc: Exception, cause: Exception | None) -> Exception:
    try:
        raise exc from cause
    except Exception as caught:
        return caught


@pytest.mark.parametrize(
    ("exc", "action", "timeout_retry"),
    [
        (_raised(TimedOut(), httpx.ConnectTimeout("c")), "retry", False),
        (_raised(NetworkError("httpx.ConnectError"), httpx.ConnectError("c")), "retry", False),
        (_raised(NetworkError("Bad Gateway (502)"), None), "retry", False),
        (_raised(TimedOut(), httpx.ReadTimeout("r")), "retry", True),
        (_raised(TimedOut(), httpx.WriteTimeout("w")), "retry", True),
        (_raised(NetworkError("lost"), httpx.RemoteProtocolError("r")), "retry", True),
    ],
)
def test_network_failures_are_told_apart(exc: Exception, action: str, timeout_retry: bool) -> None:
    decision = decide(exc, _row(), Policy())
    assert (decision.action, decision.timeout_retry) == (action, timeout_retry)


def test_a_network_failure_is_given_up_only_after_the_horizon() -> None:
    exc = _raised(TimedOut(), httpx.ReadTimeout("r"))
    written = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    row = replace(_row(attempts=40, timeout_retries=39), created_at=written.isoformat())
    policy = Policy()
    before = decide(exc, row, policy, now=written + timedelta(seconds=policy.give_up_after - 1))
    assert (before.action, before.network) == ("retry", True)
    after = decide(exc, row, policy, now=written + timedelta(seconds=policy.give_up_after + 1))
    assert (after.action, after.gave_up, after.notify_admins) == ("dead", True, False)


def test_backoff_grows_is_capped_and_jittered() -> None:
    policy = Policy(backoff_base=2.0, backoff_max=60.0)
    rng = random.Random(1)
    delays = [backoff(n, policy, rng) for n in range(1, 12)]
    assert all(1.0 <= d < 90.0 for d in delays)
    assert delays[0] < 3.0 and delays[-1] >= 30.0
    assert len({round(d, 6) for d in delays}) == len(delays)


async def test_migration_to_a_chat_already_known_keeps_the_digest_rows_and_settings(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    """The supergroup often talks to the bot (and gets its own chats row) before a send to the
    old id fails with ChatMigrated. Its held digest rows and its settings must move too, not
    vanish with the old chat row."""
    db = await open_db(tmp_path)
    body = await add_body(db)
    await add_follow(db, -200, body)
    await set_language(db, -200, "en")
    await set_digest(db, -200, True)
    await add_chats(db, -2009)  # the new supergroup already wrote to the bot
    await put(db, -200, "held-1", "a held alert", held=True)
    await put(db, -200, "now", "sent now")
    fake_api.fail_migrate(-200, -2009)
    async with make_bot(fake_api) as bot:
        await drain_until(sender(db, bot), drained(db))
    assert [m.text for m in fake_api.records.sent_messages(-2009)] == ["sent now"]
    assert await status_of(db, "held-1") == ("held", 0, 0, -2009)
    chat = await get_chat(db, -2009)
    assert chat is not None and chat.language == "en" and chat.digest
    assert [f.chat_id for f in await followers(db, body)] == [-2009]
    await db.close()
