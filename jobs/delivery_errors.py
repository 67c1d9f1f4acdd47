"""THE error policy of alert delivery: what a failed send means for its outbox row and chat.

Why: every Telegram failure needs one deliberate answer, in one place, each case tested.

- `RetryAfter(n)`: the row is due again at now + n; that chat waits, the others go on (no sleep).
- `Forbidden` (blocked, kicked): a strike, the row is retried later; at `forbidden_strikes`
  strikes the chat is deactivated (no more alerts) and its unsent rows dropped (status
  'dropped', not dead letters: nothing for an admin to fix). A
  `my_chat_member` update (handlers.chat_member) does the same at once.
- `ChatMigrated(new_id)`: follows, watches, unsent and held rows and the alert settings move to
  the new id (also when the supergroup already has a row of its own); sent again there.
- `BadRequest`: dead letter, and a notice to every admin chat.
- `TimedOut`/`NetworkError` that cannot have reached Telegram (connect error or timeout, pool
  timeout, a 5xx answer): retried with exponential backoff and jitter, without limit.
- A read/write timeout or a connection lost after the request went out (it may have arrived):
  retried ONCE after `timeout_retry_delay`; a second such failure is a dead letter + notice.
- Anything else: backoff; dead letter + admin notice after `max_attempts`.

Delivery guarantee: every alert written to the outbox is delivered AT LEAST ONCE to every chat
that can receive it (unless Telegram rejects it as a bad request, or it times out ambiguously
twice: both become dead letters that the admins are told about). A DUPLICATE can happen only
(a) after a read/write timeout, where the message may have arrived and we send it once more,
accepting a possible duplicate over a miss, or (b) after a crash between Telegram accepting a
message and the outbox recording it (at most the rows in flight at that moment).
"""

from __future__ import annotations

import html
import random
import warnings
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal

import aiosqlite
import httpx
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from agenda.clock import iso_utc
from presentation.texts import t
from storage.chats import deactivate_chat, get_chat, migrate_chat
from storage.db import Database
from storage.outbox import OutboxRow, Payload, cancel_open, enqueue, ensure_chats, mark_dead
from storage.outbox import reschedule as reschedule_row

Action = Literal["retry", "dead", "forbidden", "migrate"]
_SAFE_CAUSES = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


@dataclass(frozen=True, slots=True)
class Policy:
    """Tunable numbers of the policy (tests shrink the delays)."""

    forbidden_strikes: int = 3
    forbidden_delay: float = 300.0
    backoff_base: float = 2.0
    backoff_max: float = 600.0
    timeout_retry_delay: float = 30.0
    max_attempts: int = 10

    def fast(self) -> Policy:
        """Short delays for tests."""
        return replace(
            self, forbidden_delay=0.0, backoff_base=0.05, backoff_max=0.5, timeout_retry_delay=0.5
        )


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    error: str
    delay: float = 0.0
    timeout_retry: bool = False
    notify_admins: bool = False
    new_chat_id: int | None = None


def backoff(attempt: int, policy: Policy, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: [0.5, 1.5) × base·2^(attempt-1), capped."""
    raw = min(policy.backoff_max, policy.backoff_base * 2.0 ** max(0, attempt - 1))
    jitter: float = (rng or random).random()
    return raw * (0.5 + jitter)


def retry_after_seconds(exc: RetryAfter) -> float:
    """`retry_after` in seconds, whichever type this PTB version returns (int or timedelta)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value: object = exc.retry_after
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value) if isinstance(value, int | float) else 1.0


def sent_for_sure_not(exc: NetworkError) -> bool:
    """True when the request cannot have reached Telegram (or Telegram answered it)."""
    cause = exc.__cause__
    if isinstance(cause, _SAFE_CAUSES) or "Pool timeout" in str(exc):
        return True
    # A NetworkError without an httpx cause is Telegram's own 5xx answer: not delivered.
    return cause is None and not isinstance(exc, TimedOut)


def decide(
    exc: Exception, row: OutboxRow, policy: Policy, rng: random.Random | None = None
) -> Decision:
    """The outcome of one failed send of `row` (its `attempts` already counts this one)."""
    text = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, RetryAfter):
        return Decision("retry", text, delay=retry_after_seconds(exc))
    if isinstance(exc, ChatMigrated):
        return Decision("migrate", text, new_chat_id=int(exc.new_chat_id))
    if isinstance(exc, Forbidden):
        return Decision("forbidden", text)
    if isinstance(exc, BadRequest):
        return Decision("dead", text, notify_admins=True)
    if isinstance(exc, NetworkError):  # TimedOut included
        if sent_for_sure_not(exc):
            return Decision("retry", text, delay=backoff(row.attempts, policy, rng))
        if row.timeout_retries == 0:
            return Decision("retry", text, delay=policy.timeout_retry_delay, timeout_retry=True)
        return Decision("dead", f"{text} (timed out twice)", notify_admins=True)
    if row.attempts >= policy.max_attempts:
        return Decision("dead", text, notify_admins=True)
    return Decision("retry", text, delay=backoff(row.attempts, policy, rng))


async def apply(
    db: Database,
    row: OutboxRow,
    decision: Decision,
    policy: Policy,
    admin_chat_ids: frozenset[int],
) -> None:
    """Record the decision for the row (and its chat) in one transaction."""
    now = db.clock.now()
    async with db.transaction() as conn:
        if decision.action == "retry":
            await reschedule_row(
                conn,
                row.id,
                decision.delay,
                decision.error,
                timeout_retry=decision.timeout_retry,
                now=now,
            )
        elif decision.action == "migrate" and decision.new_chat_id is not None:
            await reschedule_row(conn, row.id, 0.0, decision.error, timeout_retry=False, now=now)
            await ensure_chats(conn, [row.chat_id], iso_utc(now))
            await _carry_over(conn, row.chat_id, decision.new_chat_id)
            await migrate_chat(conn, row.chat_id, decision.new_chat_id)
            await conn.execute(
                "UPDATE outbox SET chat_id = ? WHERE id = ?", (decision.new_chat_id, row.id)
            )
        elif decision.action == "forbidden":
            await _strike(conn, row, decision, policy, now)
        else:
            await mark_dead(conn, row.id, decision.error)
            if decision.notify_admins and row.kind != "admin":
                await _notify_admins(conn, row, decision.error, admin_chat_ids, iso_utc(now))


async def _carry_over(conn: aiosqlite.Connection, old_id: int, new_id: int) -> None:
    """Before a migration merges `old_id` into an already known `new_id` (the supergroup wrote
    to the bot first), move what `migrate_chat` would drop with the old row: the alerts held for
    the digest, and the alert settings and language the new row still has at their defaults."""
    if old_id == new_id or await get_chat(conn, new_id) is None:
        return  # a plain rename: the foreign keys cascade, nothing is dropped
    await conn.execute(
        "UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND status = 'held'", (new_id, old_id)
    )
    await conn.execute(
        "UPDATE chats SET"
        " language = CASE WHEN chats.language = 'sv' THEN old.language ELSE chats.language END,"
        " digest = MAX(chats.digest, old.digest),"
        " reminders = CASE WHEN chats.reminders = '' THEN old.reminders ELSE chats.reminders END"
        " FROM (SELECT language, digest, reminders FROM chats WHERE chat_id = ?) AS old"
        " WHERE chats.chat_id = ?",
        (old_id, new_id),
    )


async def _strike(
    conn: aiosqlite.Connection, row: OutboxRow, decision: Decision, policy: Policy, now: datetime
) -> None:
    async with conn.execute(
        "UPDATE chats SET forbidden_strikes = forbidden_strikes + 1 WHERE chat_id = ?"
        " RETURNING forbidden_strikes",
        (row.chat_id,),
    ) as cur:
        found = await cur.fetchone()
    strikes = int(found[0]) if found else policy.forbidden_strikes
    if strikes >= policy.forbidden_strikes:
        await deactivate_chat(conn, row.chat_id)
        await cancel_open(conn, row.chat_id, f"chat inactive after {strikes} strikes")
        return
    delay = policy.forbidden_delay * strikes
    await reschedule_row(conn, row.id, delay, decision.error, timeout_retry=False, now=now)


async def _notify_admins(
    conn: aiosqlite.Connection,
    row: OutboxRow,
    error: str,
    admin_chat_ids: frozenset[int],
    now: str,
) -> None:
    await ensure_chats(conn, admin_chat_ids, now)
    for admin in sorted(admin_chat_ids):
        chat = await get_chat(conn, admin)
        lang = chat.language if chat else "sv"
        text = t(
            "alert_admin_dead",
            lang,
            row=row.id,
            chat=row.chat_id,
            kind=html.escape(row.kind),
            error=html.escape(error[:300]),
        )
        await enqueue(
            conn,
            now=now,
            chat_id=admin,
            dedup_key=f"admin:dead:{row.id}:{admin}",
            kind="admin",
            payload=Payload(text),
        )
