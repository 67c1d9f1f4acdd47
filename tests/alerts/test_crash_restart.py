"""Crash test: a real sender subprocess broadcasting to 500 chats is SIGKILLed mid-broadcast and
started again. Every chat gets its alert; a chat gets it twice only where a read timeout was
injected, or where its row was in flight (`sending`) at the moment of the kill."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from demo.fake_api import FakeBotApi
from tests.jobs.outbox_helpers import add_chats, open_db, put

ROOT = Path(__file__).resolve().parents[2]
CHATS = range(1, 501)
TIMEOUT_CHATS = (450, 470)  # answered late: read timeout → resent once (a duplicate)
SENDER = """
import asyncio, sys
from dataclasses import replace
from telegram import Bot
from telegram.request import HTTPXRequest
from alerts.sender import Sender
from agenda.clock import SystemClock
from storage.db import Database
from storage.outbox import pending_count
from tests.jobs.outbox_helpers import FAST

async def main(path: str, token: str, base_url: str) -> None:
    db = await Database.open(path, SystemClock())  # a sender process, like production
    request = HTTPXRequest(connection_pool_size=64, read_timeout=2.0)
    async with Bot(token, base_url=base_url, request=request) as bot:
        sender = Sender(db, bot, replace(FAST, limits=FAST.limits.scaled(0.1), lease_seconds=1.0))
        while await pending_count(db):
            await sender.run_until_idle()
            await asyncio.sleep(0.05)
    await db.close()

asyncio.run(main(*sys.argv[1:]))
"""


async def _start(
    path: Path, fake: FakeBotApi, started: list[asyncio.subprocess.Process]
) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", SENDER, str(path), fake.token, fake.base_url,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    started.append(process)
    return process


@pytest.fixture
async def senders() -> AsyncIterator[list[asyncio.subprocess.Process]]:
    """The sender processes a test starts; killed at teardown even when the test fails."""
    started: list[asyncio.subprocess.Process] = []
    yield started
    for process in started:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_sigkill_mid_broadcast_then_restart_delivers_everything(
    tmp_path: Path, fake_api: FakeBotApi, senders: list[asyncio.subprocess.Process]
) -> None:
    db = await open_db(tmp_path)
    path = db.path
    await add_chats(db, *CHATS)
    for chat in CHATS:
        await put(db, chat, f"new:1:{chat}:0", f"alert {chat}")
    for chat in TIMEOUT_CHATS:
        fake_api.delay(3.0, chat_id=chat)  # past the sender's 2 s read timeout

    first = await _start(path, fake_api, senders)
    await fake_api.records.wait_for(
        lambda: len(fake_api.records.sent_messages()) >= 150, timeout=60, what="150 messages"
    )
    first.send_signal(signal.SIGKILL)
    assert await first.wait() == -signal.SIGKILL
    async with db.reader.execute("SELECT chat_id FROM outbox WHERE status = 'sending'") as cur:
        in_flight = {int(r[0]) for r in await cur.fetchall()}
    async with db.reader.execute("SELECT count(*) FROM outbox WHERE status = 'sent'") as cur:
        found = await cur.fetchone()
    assert found is not None
    sent_before = int(found[0])
    assert 0 < sent_before < len(CHATS)  # killed in the middle

    second = await _start(path, fake_api, senders)
    assert await asyncio.wait_for(second.wait(), 90) == 0

    counts = Counter(m.chat_id for m in fake_api.records.sent_messages())
    assert set(counts) == set(CHATS)  # nobody lost
    twice = {c for c, n in counts.items() if n > 1}
    assert twice <= set(TIMEOUT_CHATS) | in_flight
    assert set(TIMEOUT_CHATS) <= twice
    assert max(counts.values()) == 2
    async with db.reader.execute("SELECT DISTINCT status FROM outbox") as cur:
        assert [r[0] for r in await cur.fetchall()] == ["sent"]
    await db.close()
