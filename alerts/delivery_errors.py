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
  timeout, a 5xx answer): retried with exponential backoff and jitter.
- A read/write timeout or a connection lost after the request went out (it may have arrived):
  retried after `timeout_retry_delay`, counted in `timeout_retries`.
- A network failure alone never makes a dead letter: when sends to several chats fail in a row
  the sender declares an outage (`alerts.outage`), pauses, probes Telegram, and on its first
  answer clears the backoff of the waiting rows. Only a row still unsent `give_up_after`
  (6 hours) after it was written is given up, with ONE notice to the admins per outage.
- Anything else: backoff; dead letter + admin notice after `max_attempts`.

Delivery guarantee: every alert written to the outbox is delivered AT LEAST ONCE to every chat
that can receive it, however slow or absent Telegram is for up to 6 hours (unless Telegram
rejects it as a bad request: a dead letter the admins are told about). A DUPLICATE can happen
only (a) after a read/write timeout, where the message may have arrived and we send it once
more, accepting a possible duplicate over a miss (the sender's read timeout, 30 s in production,
makes this rare: a Telegram answering in 7 s makes none), or (b) after a crash between Telegram
accepting a message and the outbox recording it (at most the rows in flight at that moment).
A busy database never causes a resend: the sender retries the bookkeeping, not the message.
"""

from __future__ import annotations

import random
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

from agenda.backoff import backoff as delay_after
from agenda.clock import iso_utc
from agenda.events import AlertKind
from presentation.html import t
from storage.chats import add_forbidden_strike, chat_language, deactivate_chat, migrate_chat
from storage.db import Database
from storage.outbox import (
    OutboxRow,
    Payload,
    cancel_open,
    dead_notice_key,
    enqueue,
    ensure_chats,
    expire_open,
    has_open_notice,
    mark_dead,
    move_row,
)
from storage.outbox import reschedule as reschedule_row

Action = Literal["retry", "dead", "forbidden", "migrate"]
_SAFE_CAUSES = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
GAVE_UP_KEY = "admin:gave-up:"  # the dedup key of a notice that alerts were given up


@dataclass(frozen=True, slots=True)
class Policy:
    """Tunable numbers of the policy (tests shrink the delays)."""

    forbidden_strikes: int = 3
    forbidden_delay: float = 300.0
    backoff_base: float = 2.0
    backoff_max: float = 600.0
    timeout_retry_delay: float = 30.0
    max_attempts: int = 10
    give_up_after: float = 6 * 3600.0  # a row Telegram never took is given up after this

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
    network: bool = False  # no answer from Telegram (feeds the outage watch)
    gave_up: bool = False  # waited past `give_up_after`: one notice per outage, not per row


def backoff(attempt: int, policy: Policy, rng: random.Random | None = None) -> float:
    """Exponential backoff with jitter: [0.5, 1.5) × base·2^(attempt-1), capped."""
    return delay_after(
        attempt, policy.backoff_base, policy.backoff_max, jitter=(rng or random).random
    )


def retry_after_seconds(exc: RetryAfter) -> float:
    """`retry_after` in seconds: a timedelta (`bot` opts in to PTB_TIMEDELTA), else a number."""
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
    exc: Exception,
    row: OutboxRow,
    policy: Policy,
    rng: random.Random | None = None,
    now: datetime | None = None,
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
        if _waited_too_long(row, policy, now):
            return Decision("dead", f"{text} (no answer for too long)", network=True, gave_up=True)
        if sent_for_sure_not(exc):
            return Decision("retry", text, delay=backoff(row.attempts, policy, rng), network=True)
        return Decision(
            "retry", text, delay=policy.timeout_retry_delay, timeout_retry=True, network=True
        )
    if row.attempts >= policy.max_attempts:
        return Decision("dead", text, notify_admins=True)
    return Decision("retry", text, delay=backoff(row.attempts, policy, rng))


def _waited_too_long(row: OutboxRow, policy: Policy, now: datetime | None) -> bool:
    """Past the horizon: given up. Never an admin notice: after a long outage the one saying
    what was given up must still arrive (there is one per outage, not one per row)."""
    if now is None or not row.created_at or row.kind == AlertKind.ADMIN:
        return False
    written = datetime.fromisoformat(row.created_at)
    return (now - written).total_seconds() > policy.give_up_after


async def apply(
    db: Database,
    row: OutboxRow,
    decision: Decision,
    policy: Policy,
    admin_chat_ids: frozenset[int],
    incident: str | None = None,
) -> None:
    """Record the decision for the row (and its chat) in one transaction.

    `incident`: when the current outage began (stored form); rows given up in it share one
    admin notice."""
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
            await migrate_chat(conn, row.chat_id, decision.new_chat_id)
            await move_row(conn, row.id, decision.new_chat_id)
        elif decision.action == "forbidden":
            await _strike(conn, row, decision, policy, now)
        else:
            await mark_dead(conn, row.id, decision.error)
            if decision.gave_up and row.kind != AlertKind.ADMIN:
                since = incident or row.created_at
                await _notify_gave_up(conn, since, policy, admin_chat_ids, iso_utc(now))
            elif decision.notify_admins and row.kind != AlertKind.ADMIN:
                await _notify_admins(conn, row, decision.error, admin_chat_ids, iso_utc(now))


async def give_up_stale(
    db: Database, policy: Policy, admin_chat_ids: frozenset[int], incident: str
) -> int:
    """While Telegram is unreachable: give up the rows older than `give_up_after`, with one
    notice per outage (`incident`: when it began). Returns the alerts given up."""
    now = db.clock.now()
    cutoff = now - timedelta(seconds=policy.give_up_after)
    async with db.transaction() as conn:
        given_up = await expire_open(conn, cutoff, "no answer from Telegram for too long")
        if given_up:
            await _notify_gave_up(conn, incident, policy, admin_chat_ids, iso_utc(now))
    return given_up


async def _strike(
    conn: aiosqlite.Connection, row: OutboxRow, decision: Decision, policy: Policy, now: datetime
) -> None:
    found = await add_forbidden_strike(conn, row.chat_id)
    strikes = policy.forbidden_strikes if found is None else found
    if strikes >= policy.forbidden_strikes:
        await deactivate_chat(conn, row.chat_id)
        await cancel_open(conn, row.chat_id, f"chat inactive after {strikes} strikes")
        return
    delay = policy.forbidden_delay * strikes
    await reschedule_row(conn, row.id, delay, decision.error, timeout_retry=False, now=now)


async def _notify_gave_up(
    conn: aiosqlite.Connection,
    since: str,
    policy: Policy,
    admin_chat_ids: frozenset[int],
    now: str,
) -> None:
    """One notice per outage and admin (the dedup key names the outage's start). While one
    is still waiting to reach an admin, no other is written: after a restart during the same
    outage the new process names another start, but it is the same outage to the admin."""
    await ensure_chats(conn, admin_chat_ids, now)
    hours = f"{policy.give_up_after / 3600:g}"
    for admin in sorted(admin_chat_ids):
        if await has_open_notice(conn, admin, GAVE_UP_KEY):
            continue
        lang = await chat_language(conn, admin)
        await enqueue(
            conn,
            now=now,
            chat_id=admin,
            dedup_key=f"{GAVE_UP_KEY}{since}:{admin}",
            kind=AlertKind.ADMIN,
            payload=Payload(t("alert_admin_gave_up", lang, since=since, hours=hours)),
        )


async def _notify_admins(
    conn: aiosqlite.Connection,
    row: OutboxRow,
    error: str,
    admin_chat_ids: frozenset[int],
    now: str,
) -> None:
    await ensure_chats(conn, admin_chat_ids, now)
    for admin in sorted(admin_chat_ids):
        lang = await chat_language(conn, admin)
        text = t(
            "alert_admin_dead",
            lang,
            row=row.id,
            chat=row.chat_id,
            kind=row.kind,
            error=error[:300],
        )
        await enqueue(
            conn,
            now=now,
            chat_id=admin,
            dedup_key=dead_notice_key(row.chat_id, row.id, admin),
            kind=AlertKind.ADMIN,
            payload=Payload(text),
        )
