"""The bot's rate limiter: Telegram's 30 messages a second, shared fairly among chats.

Why: every request python-telegram-bot makes goes through the application's rate limiter. Its
own `AIORateLimiter` serves the shared budget first come, first served, so when many chats'
answers (or a broadcast of alerts) wait for it, another chat's answer waits behind all of them.
This one gives the overall budget (`FloodLimit.MESSAGES_PER_SECOND` a second, as much at once)
to the waiting request of the chat that has had the least lately: every message to a chat moves
that chat's own clock on by Telegram's interval for it (1 s in a private chat, 3 s in a group),
and the request whose chat's clock is least ahead of now goes first. Among equals the update
processor's order holds (`ANSWER_RANK`: an answer to a chat's n-th update in its busy spell, see
`bot.fair_queue`): a chat's first answer, then alerts (no rank), then the chat's second answer,
and so on; then first come. So a chat that got twenty answers just now waits behind one that got
none, and a member's first answer never queues behind a broadcast. A group also keeps Telegram's
twenty a minute; a request waiting for its group never holds a slot others could use. Requests
without a chat (answering a press, `getUpdates`, `getMe`) are not limited, as before; Telegram's
429 is not retried here (the sender and the error handler decide), but moves that chat's clock
on by `retry_after`. `alerts.throttle` still paces the alerts below the budget: this is the backstop
that makes answers and alerts share it fairly. No kept library does this (aiolimiter, which
`AIORateLimiter` uses, is first come, first served), hence by hand.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from telegram.constants import FloodLimit
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from alerts.delivery_errors import retry_after_seconds
from bot.pace import PaceBudget

# Set by the update processor for the requests of a handler: the rank of the update it answers.
ANSWER_RANK: ContextVar[int] = ContextVar("answer_rank", default=0)
PRIVATE_INTERVAL = 1 / FloodLimit.MESSAGES_PER_SECOND_PER_CHAT
GROUP_INTERVAL = 60 / FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP
_OVERALL = "overall"
JsonResult = bool | dict[str, Any] | list[dict[str, Any]]


@dataclass(slots=True)
class _Waiter:
    chat: int | str
    group: bool
    rank: int  # 0: not an answer (an alert, a job's message)
    arrival: int
    turn: asyncio.Future[None]

    def order(self, lead: float) -> tuple[float, int, int, int]:
        """Least lead first; then a chat's first answer, alerts, its second answer, …"""
        rank = self.rank or 1
        return (lead, rank, 0 if self.rank else 1, self.arrival)


def _chat_of(data: dict[str, Any]) -> tuple[int | str, bool] | None:
    """The chat a request goes to, and whether it is a group (or channel); None: no chat."""
    chat = data.get("chat_id")
    if chat is None:
        return None
    try:
        chat = int(chat)
    except (TypeError, ValueError):
        return str(chat), True  # an @username: only channels and supergroups have one
    return chat, chat < 0


class FairRateLimiter(BaseRateLimiter[int]):
    def __init__(
        self,
        per_second: float = float(FloodLimit.MESSAGES_PER_SECOND),
        group_per_minute: float = float(FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_second = per_second
        self.group_per_second = group_per_minute / 60
        self.clock = clock
        self._overall: PaceBudget[str] = PaceBudget(per_second, clock)
        self._groups: PaceBudget[int | str] = PaceBudget(group_per_minute, clock)
        self._ahead: dict[int | str, float] = {}  # chat -> its clock (monotonic seconds)
        self._waiting: list[_Waiter] = []
        self._arrivals = itertools.count()
        self._timer: asyncio.TimerHandle | None = None

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        if self._timer is not None:
            self._timer.cancel()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JsonResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JsonResult:
        found = _chat_of(data)
        if found is None or data.get("allow_paid_broadcast"):
            return await callback(*args, **kwargs)
        chat, group = found
        await self._turn(chat, group)
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as exc:
            self._push(chat, retry_after_seconds(exc))
            raise

    async def _turn(self, chat: int | str, group: bool) -> None:
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        waiter = _Waiter(chat, group, ANSWER_RANK.get(), next(self._arrivals), turn)
        self._waiting.append(waiter)
        self._pump()
        try:
            await turn
        except asyncio.CancelledError:
            if waiter in self._waiting:
                self._waiting.remove(waiter)
            raise

    def _pump(self) -> None:
        """Grant every slot that is free now, best waiter first; wake up for the next one."""
        self._timer = None
        now = self.clock()
        while self._waiting and self._overall.tokens(_OVERALL, self.per_second) >= 1:
            ready = [w for w in self._waiting if not w.group or self._group_ready(w.chat) <= 0]
            if not ready:
                break
            best = min(ready, key=lambda w: w.order(self._lead(w.chat, now)))
            self._waiting.remove(best)
            self._overall.take(_OVERALL, self.per_second)
            if best.group:
                self._groups.take(best.chat, self.group_per_second)
            self._push(best.chat, GROUP_INTERVAL if best.group else PRIVATE_INTERVAL)
            if not best.turn.done():
                best.turn.set_result(None)
        if self._waiting:
            self._wake_in(self._next_wake())

    def _lead(self, chat: int | str, now: float) -> float:
        """How far this chat's clock is ahead of now (0: it has had nothing lately)."""
        return max(0.0, self._ahead.get(chat, now) - now)

    def _push(self, chat: int | str, seconds: float) -> None:
        now = self.clock()
        self._ahead[chat] = max(self._ahead.get(chat, now), now) + seconds
        if len(self._ahead) > 1000:  # forget the chats whose clocks are behind: bounded memory
            self._ahead = {c: at for c, at in self._ahead.items() if at > now}
            self._groups.forget_full(self.group_per_second)

    def _group_ready(self, chat: int | str) -> float:
        return self._groups.ready_in(chat, self.group_per_second)

    def _next_wake(self) -> float:
        overall = self._overall.ready_in(_OVERALL, self.per_second)
        groups = [self._group_ready(w.chat) for w in self._waiting if w.group]
        if len(groups) == len(self._waiting):  # all wait for their groups
            return max(overall, min(groups))
        return overall

    def _wake_in(self, seconds: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        # at least a millisecond, so a rounding error cannot spin the loop
        self._timer = asyncio.get_running_loop().call_later(max(seconds, 0.001), self._pump)
