"""The outbox sender: turns outbox rows into Telegram messages (run by the job in `jobs.deliver`).

Why: alerts must arrive once, in order, within Telegram's limits, and survive crashes. The
sender claims the oldest due row of each ready chat with a lease (`storage.outbox.claim_due`),
paces sends with `alerts.throttle` (a chat that must wait is left out of the claim; nothing sleeps
on its behalf), sends up to `concurrency` messages at once, and commits each outcome as soon as
Telegram answers (`mark_sent`, or the error policy of `alerts.delivery_errors`). A crash leaves at
most the in-flight rows `sending`; they are claimed again when their lease runs out. See
`alerts.delivery_errors` for the delivery guarantee.

A slow or absent Telegram: `alerts.outage` recognises it from failures across several chats; the
sender then stops sending and probes with `getMe` (one probe per run of the job); on the first
answer the waiting rows are due at once and, if sends had timed out while Telegram still
answered, later sends wait up to three times the probe's answer time (never less than the bot's
own read timeout). Writing an outcome to a database that another writer holds locked is retried
until it succeeds (`alerts.bookkeeping`): the message itself is never sent again for it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from telegram import Bot
from telegram.error import NetworkError, RetryAfter

from alerts.bookkeeping import bookkeep
from alerts.delivery_errors import Decision, Policy, apply, decide, give_up_stale
from alerts.outage import OutageWatch
from alerts.send_row import send_row
from alerts.throttle import Limits, Throttle
from storage.db import Database
from storage.outbox import OutboxRow, claim_due, due_for_any, mark_sent, release, unclaim

log = logging.getLogger(__name__)
IDLE_POLL_SECONDS = 0.05
CALM_SENDS = 100  # fast answers in a row after which an adapted read timeout is dropped


@dataclass(frozen=True, slots=True)
class SenderSettings:
    limits: Limits = field(default_factory=Limits)
    policy: Policy = field(default_factory=Policy)
    lease_seconds: float = 60.0
    concurrency: int = 32
    admin_chat_ids: frozenset[int] = frozenset()
    outage_chats: int = 3  # network failures of this many chats in a row: an outage
    probe_timeout: float = 60.0  # how long a probe (getMe) may wait for Telegram's answer
    stall_floor: float = 0.5  # no new send while the oldest has waited longer (and 3x usual)


@dataclass(slots=True)
class SenderStats:
    sent: int = 0
    failed: int = 0
    retry_after: int = 0


class Sender:
    """One sender per process: `run_until_idle()` sends everything that is due, then returns."""

    def __init__(
        self,
        db: Database,
        bot: Bot,
        settings: SenderSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.bot = bot
        self.settings = settings or SenderSettings()
        self.throttle = Throttle(self.settings.limits, clock)
        self.stats = SenderStats()
        self.running = False
        self._buffer: deque[OutboxRow] = deque()
        self._inflight: dict[int, asyncio.Task[None]] = {}
        self._refilling: asyncio.Task[None] | None = None
        self._leaving: set[int] = set()  # chats between the buffer and `_inflight`
        self._held_back: set[int] = set()  # chats the throttle kept out of the last claim
        self.watch = OutageWatch(self.settings.outage_chats, self.settings.stall_floor, clock)
        self._started: dict[int, float] = {}
        self._read_timeout: float | None = None  # adapted after a slowdown; None: the bot's own
        self._calm = 0

    async def run_until_idle(self) -> int:
        """Send until no row is due (for a ready chat) and nothing is in flight; returns sent."""
        if self.running:
            return 0
        self.running = True
        before = self.stats.sent
        try:
            while await self._step():
                pass
        finally:
            if self._refilling is not None:
                await asyncio.gather(self._refilling, return_exceptions=True)
            if self._inflight:
                await asyncio.gather(*self._inflight.values(), return_exceptions=True)
            self.running = False
        return self.stats.sent - before

    async def _step(self) -> bool:
        """One round: refill, dispatch what is ready; False when there is nothing left to do."""
        if self.watch.down:
            if self._inflight:
                await self._wait_inflight()
                return True
            await self._return_buffer()
            return await self._probe()
        self._start_refill()
        if not self._buffer and self._refilling is not None:
            await self._refilling  # nothing to send until the claim is back
        row = self._next_ready()
        if row is not None:
            await self._dispatch(row)
            return True
        if self._inflight:
            await self._wait_inflight()
            return True
        if self._buffer or await self._due_for_busy_chat():
            await asyncio.sleep(IDLE_POLL_SECONDS)
            return True
        return False

    async def _wait_inflight(self) -> None:
        await asyncio.wait(
            list(self._inflight.values()),
            timeout=IDLE_POLL_SECONDS,
            return_when=asyncio.FIRST_COMPLETED,
        )

    async def _probe(self) -> bool:
        """Ask Telegram whether it answers again; True (go on sending) when it does."""
        started = time.monotonic()
        try:
            await self.bot.get_me(read_timeout=self.settings.probe_timeout)
        except NetworkError as exc:
            log.info("Telegram still unreachable: %s", exc)
            await self._give_up_stale()
            return False
        latency = time.monotonic() - started
        slow = self.watch.timed_out
        parked = self.watch.recovered(latency)
        if slow:
            own = self.bot.request.read_timeout or 0.0
            self._read_timeout = min(self.settings.probe_timeout, max(own, 3.0 * latency))
            self._calm = 0
            log.warning("sends now wait up to %.1f s for Telegram's answer", self._read_timeout)
        await bookkeep("releasing waiting rows", lambda: release(self.db, parked))
        return True

    async def _return_buffer(self) -> None:
        """While Telegram is away, claimed rows go back to the queue (pending, no lease)."""
        if self._refilling is not None:
            await asyncio.gather(self._refilling, return_exceptions=True)
            self._refilling = None
        if self._buffer:
            ids = [row.id for row in self._buffer]
            self._buffer.clear()
            await bookkeep("returning claimed rows", lambda: unclaim(self.db, ids))

    async def _give_up_stale(self) -> None:
        settings, incident = self.settings, self.watch.incident or self.db.timestamp()
        given_up = await bookkeep(
            "giving up old rows",
            lambda: give_up_stale(self.db, settings.policy, settings.admin_chat_ids, incident),
        )
        if given_up:
            log.error("gave up %d alerts Telegram did not take in time", given_up)

    def _start_refill(self) -> None:
        """Claim more rows in the background while the buffer still feeds the dispatcher."""
        if self._refilling is not None and self._refilling.done():
            self._refilling.result()  # re-raise a failed claim
            self._refilling = None
        low_water = max(8, int(self.settings.limits.per_second))
        if self._refilling is None and len(self._buffer) < low_water:
            self._refilling = asyncio.create_task(self._refill(low_water))

    async def _refill(self, low_water: int) -> None:
        exclude = set(self._inflight) | self._leaving | {r.chat_id for r in self._buffer}
        held = self.throttle.busy_chats()
        self._held_back = set(held)
        exclude.update(held)
        rows = await bookkeep(
            "claiming rows",
            lambda: claim_due(
                self.db,
                limit=2 * low_water,
                lease_seconds=self.settings.lease_seconds,
                exclude=exclude,
            ),
        )
        self._buffer.extend(rows)

    async def _due_for_busy_chat(self) -> bool:
        """Is a row due for a chat the throttle holds back? Then wait instead of returning."""
        # Also the chats held back at the last claim: one may have become ready since, after
        # the claim left it out (returning now would leave its row for the next run).
        busy = set(self.throttle.busy_chats()) | self._held_back
        return bool(busy) and await due_for_any(self.db, busy)

    def _next_ready(self) -> OutboxRow | None:
        """The first buffered row whose chat may receive a message now (FIFO otherwise)."""
        if len(self._inflight) >= self.settings.concurrency:
            return None
        if self.watch.stalled(self._started.values()):
            return None  # answers are late: wait for them before more sends go out
        now = self.throttle.clock()
        for index, row in enumerate(self._buffer):
            if row.chat_id in self._inflight:
                continue
            if self.throttle.chat_ready_at(row.chat_id, row.is_group) <= now:
                del self._buffer[index]
                return row
        return None

    async def _dispatch(self, row: OutboxRow) -> None:
        self._leaving.add(row.chat_id)
        try:
            slot = self.throttle.take_slot()
            wait = slot - self.throttle.clock()
            if wait > 0:
                await asyncio.sleep(wait)  # global pacing only; per-chat waits never sleep
            self.throttle.record(row.chat_id, row.is_group)
            self._started[row.chat_id] = self.throttle.clock()
            task = asyncio.create_task(self._send(row))
            self._inflight[row.chat_id] = task
            task.add_done_callback(self._done_callback(row.chat_id))
        finally:
            self._leaving.discard(row.chat_id)

    def _done_callback(self, chat_id: int) -> Callable[[asyncio.Task[None]], None]:
        def done(_task: asyncio.Task[None]) -> None:
            self._inflight.pop(chat_id, None)
            self._started.pop(chat_id, None)

        return done

    async def _send(self, row: OutboxRow) -> None:
        started = time.monotonic()
        try:
            message_id = await send_row(self.bot, self.db, row, self._read_timeout)
        except Exception as exc:  # every failure goes through the one error policy
            try:
                await self._failed(row, exc)
            except Exception:  # the row stays leased and is retried when the lease runs out
                log.exception("recording the failure of outbox row %s failed", row.id)
            return
        self._answered(time.monotonic() - started)
        await bookkeep(
            f"recording outbox row {row.id} as sent", lambda: mark_sent(self.db, row, message_id)
        )
        self.stats.sent += 1

    def _answered(self, latency: float) -> None:
        self.watch.success(latency)
        if self._read_timeout is None:
            return
        own = self.bot.request.read_timeout or 0.0
        self._calm = self._calm + 1 if 3.0 * latency <= own else 0
        if self._calm >= CALM_SENDS:
            self._read_timeout = None

    async def _failed(self, row: OutboxRow, exc: Exception) -> None:
        self.stats.failed += 1
        decision = decide(exc, row, self.settings.policy, now=self.db.clock.now())
        if isinstance(exc, RetryAfter):
            self.stats.retry_after += 1
            self.throttle.hold_chat(row.chat_id, decision.delay)
        if decision.network:
            self.watch.failure(
                row.chat_id, row.id, timed_out=decision.timeout_retry, now=self.db.timestamp()
            )
        log.warning(
            "outbox row %s to chat %s: %s -> %s",
            row.id,
            row.chat_id,
            decision.error,
            decision.action,
        )
        await bookkeep(f"recording outbox row {row.id}", lambda: self._apply(row, decision))

    async def _apply(self, row: OutboxRow, decision: Decision) -> None:
        settings = self.settings
        await apply(
            self.db, row, decision, settings.policy, settings.admin_chat_ids, self.watch.incident
        )
