"""Pacing of outgoing alerts within Telegram's flood limits, without sleeping on any one chat.

Why: Telegram answers 429 (and may slow the bot down for a while) when a bot sends more than
about 30 messages a second overall, more than one a second to one chat, or more than 20 a minute
to one group. The sender asks this throttle two questions: *when may this chat get its next
message?* (`chat_ready_at`) and *when is the next global slot?* (`next_slot`), and reports each
send (`record`). A chat that must wait is simply skipped for now; other chats go on. The
limits are configurable (`Limits.scaled`) so tests run fast; `safety` keeps a small margin below
the real limits because network jitter reorders requests on their way to Telegram.
The application's rate limiter (`bot.ratelimit`, shared fairly with answers) remains only a
backstop.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace

from telegram.constants import FloodLimit


@dataclass(frozen=True, slots=True)
class Limits:
    """Telegram's flood limits as the sender applies them."""

    per_second: float = float(FloodLimit.MESSAGES_PER_SECOND)
    per_chat_per_second: float = float(FloodLimit.MESSAGES_PER_SECOND_PER_CHAT)
    per_group_per_minute: float = float(FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP)
    safety: float = 0.96  # < 29/30: at most 29 sends in any 1 s window, one spare for jitter

    def scaled(self, factor: float) -> Limits:
        """The same limits `factor` times faster (tests, and the 10x benchmark)."""
        return replace(
            self,
            per_second=self.per_second * factor,
            per_chat_per_second=self.per_chat_per_second * factor,
            per_group_per_minute=self.per_group_per_minute * factor,
        )

    @property
    def global_interval(self) -> float:
        return 1.0 / (self.per_second * self.safety)

    @property
    def chat_interval(self) -> float:
        return 1.0 / (self.per_chat_per_second * self.safety)

    @property
    def group_window(self) -> float:
        """Seconds of the group window (60 s at the real limit)."""
        return 60.0 / (self.per_group_per_minute / FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP)

    @property
    def group_max(self) -> int:
        return int(FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP)


class Throttle:
    """In-memory pacing state of one sender. `clock` is monotonic seconds."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self.clock = clock
        self._next_global = 0.0
        self._chat_next: dict[int, float] = {}
        self._group_sends: dict[int, deque[float]] = {}

    def next_slot(self) -> float:
        """The earliest time the next message (to any chat) may leave."""
        return self._next_global

    def take_slot(self) -> float:
        """Claim the next global slot; returns its time (may be in the past: send now)."""
        now = self.clock()
        slot = max(now, self._next_global)
        self._next_global = slot + self.limits.global_interval
        return slot

    def chat_ready_at(self, chat_id: int, is_group: bool) -> float:
        """The earliest time this chat may receive its next message."""
        ready = self._chat_next.get(chat_id, 0.0)
        if is_group:
            sends = self._group_sends.get(chat_id)
            if sends is not None and len(sends) >= self.limits.group_max:
                window = self.limits.group_window / self.limits.safety
                ready = max(ready, sends[-self.limits.group_max] + window)
        return ready

    def record(self, chat_id: int, is_group: bool, at: float | None = None) -> None:
        """A message to `chat_id` left at `at` (default: now)."""
        moment = self.clock() if at is None else at
        self._chat_next[chat_id] = moment + self.limits.chat_interval
        if is_group:
            sends = self._group_sends.setdefault(chat_id, deque(maxlen=self.limits.group_max))
            sends.append(moment)

    def hold_chat(self, chat_id: int, seconds: float) -> None:
        """Telegram asked us to wait (RetryAfter): nothing to this chat before then."""
        until = self.clock() + seconds
        self._chat_next[chat_id] = max(self._chat_next.get(chat_id, 0.0), until)

    def busy_chats(self) -> list[int]:
        """Chats that may not receive a message right now (to leave out of the next claim)."""
        now = self.clock()
        self._forget(now)
        busy = [c for c, t in self._chat_next.items() if t > now]
        busy.extend(
            c
            for c, sends in self._group_sends.items()
            if c not in self._chat_next or self._chat_next[c] <= now
            if self.chat_ready_at(c, True) > now
        )
        return busy

    def _forget(self, now: float) -> None:
        """Drop state that no longer restricts anything (keeps memory bounded)."""
        if len(self._chat_next) > 1000:
            self._chat_next = {c: t for c, t in self._chat_next.items() if t > now}
        horizon = now - self.limits.group_window / self.limits.safety
        if len(self._group_sends) > 1000:
            self._group_sends = {
                c: s for c, s in self._group_sends.items() if s and s[-1] > horizon
            }
