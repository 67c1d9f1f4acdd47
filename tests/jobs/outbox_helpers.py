"""Shared helpers for the alert delivery tests: a real SQLite file, chats, rows, a real Bot."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

from telegram import Bot
from telegram.request import HTTPXRequest

from agenda.clock import Clock, SystemClock
from alerts.delivery_errors import Policy
from alerts.sender import Sender, SenderSettings
from alerts.throttle import Limits
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from storage.db import Database
from storage.outbox import Payload, enqueue, ensure_chats

ADMIN = 4242
FAST = SenderSettings(
    limits=Limits().scaled(50),
    policy=Policy().fast(),
    lease_seconds=2.0,
    admin_chat_ids=frozenset({ADMIN}),
)


async def open_db(tmp_path: Path, clock: Clock | None = None) -> Database:
    """The delivery tests' database; its clock runs (retries fall due) unless one is given."""
    return await Database.open(
        tmp_path / "alerts.sqlite3", clock or ManualClock(SystemClock().now(), running=True)
    )


async def add_chats(db: Database, *chat_ids: int) -> None:
    async with db.transaction() as conn:
        await ensure_chats(conn, chat_ids, db.timestamp())


async def add_body(db: Database, slug: str = "rs") -> int:
    async with db.transaction() as conn:
        cur = await conn.execute(
            "INSERT INTO bodies (portal, slug, name) VALUES ('', ?, ?)", (slug, slug.upper())
        )
        return int(cur.lastrowid or 0)


async def add_follow(db: Database, chat_id: int, body_id: int) -> None:
    await add_chats(db, chat_id)
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO follows (chat_id, body_id, created_at) VALUES (?, ?, ?)",
            (chat_id, body_id, db.timestamp()),
        )


async def put(db: Database, chat_id: int, key: str, text: str | None = None, **kw: object) -> None:
    """Enqueue one pending row (the chat row is created when missing)."""
    await add_chats(db, chat_id)
    async with db.transaction() as conn:
        await enqueue(
            conn,
            now=db.timestamp(),
            chat_id=chat_id,
            dedup_key=key,
            kind=str(kw.pop("kind", "new")),
            payload=Payload(text or key),
            **kw,  # type: ignore[arg-type]
        )


def make_bot(fake: FakeBotApi, read_timeout: float = 5.0) -> Bot:
    request = HTTPXRequest(connection_pool_size=64, read_timeout=read_timeout)
    return Bot(fake.token, base_url=fake.base_url, request=request)


def sender(db: Database, bot: Bot, **changes: object) -> Sender:
    return Sender(db, bot, replace(FAST, **changes))  # type: ignore[arg-type]


async def status_of(db: Database, key: str) -> tuple[str, int, int, int]:
    """(status, attempts, timeout_retries, chat_id) of the row with `key`."""
    async with db.reader.execute(
        "SELECT status, attempts, timeout_retries, chat_id FROM outbox WHERE dedup_key = ?", (key,)
    ) as cur:
        row = await cur.fetchone()
    assert row is not None, key
    return str(row[0]), int(row[1]), int(row[2]), int(row[3])


async def drain_until(
    s: Sender,
    done: Callable[[], bool | Awaitable[bool]],
    timeout: float = 5.0,  # noqa: ASYNC109
) -> None:
    """Run the sender the way the repeating job does until `done()` (rows due later included)."""
    deadline = time.monotonic() + timeout
    while True:
        result = done()
        if result if isinstance(result, bool) else await result:
            return
        assert time.monotonic() < deadline, "sender did not get there in time"
        await s.run_until_idle()
        await asyncio.sleep(0.1)


async def pending_rows(db: Database) -> int:
    async with db.reader.execute(
        "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')"
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


def drained(db: Database) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return await pending_rows(db) == 0

    return check
