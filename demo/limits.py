"""Telegram's sending limits, enforced by the fake Bot API when asked to, and scripted faults.

Why: the delivery job must stay inside Telegram's limits (about 30 messages a second overall,
one a second per chat, 20 a minute per group) and survive every error the Bot API returns. The
fake server uses `LimitEnforcer` to answer 429 with `retry_after` exactly where Telegram would
(so `bench/deliver.py` can count them), and `FaultBook` to return scripted errors, delays and
dropped connections per method and chat, consumed once or N times.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Literal

from telegram.constants import FloodLimit

FaultKind = Literal["retry_after", "forbidden", "bad_request", "migrate", "delay", "drop"]


@dataclass(frozen=True, slots=True)
class TelegramLimits:
    """Messages per window; `scaled(10)` gives ten times Telegram's real limits."""

    global_per_second: float = FloodLimit.MESSAGES_PER_SECOND
    per_chat_per_second: float = FloodLimit.MESSAGES_PER_SECOND_PER_CHAT
    group_per_minute: float = FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP

    def scaled(self, factor: float) -> TelegramLimits:
        return TelegramLimits(
            self.global_per_second * factor,
            self.per_chat_per_second * factor,
            self.group_per_minute * factor,
        )


class _Window:
    """Sliding window: at most `count` events in any `seconds`-long interval."""

    def __init__(self, count: float, seconds: float) -> None:
        if count < 1:  # e.g. 0.5 a second = 1 per 2 seconds
            count, seconds = 1, seconds / count
        self.capacity = math.floor(count)
        self.seconds = seconds
        self.times: deque[float] = deque()

    def wait(self, now: float) -> float:
        while self.times and now - self.times[0] >= self.seconds:
            self.times.popleft()
        if len(self.times) < self.capacity:
            return 0.0
        return self.seconds - (now - self.times[0])

    def add(self, now: float) -> None:
        self.times.append(now)


class LimitEnforcer:
    """Decides whether a send to `chat_id` at `now` would exceed Telegram's limits."""

    def __init__(self, limits: TelegramLimits) -> None:
        self.limits = limits
        self._global = _Window(limits.global_per_second, 1.0)
        self._chats: dict[int, _Window] = {}
        self._groups: dict[int, _Window] = {}

    def retry_after(self, chat_id: int, now: float) -> int | None:
        """Seconds to wait (Telegram sends whole seconds, at least 1) or None when allowed."""
        windows = [self._global, self._chat(chat_id)]
        if chat_id < 0:
            windows.append(self._group(chat_id))
        wait = max(w.wait(now) for w in windows)
        if wait > 0:
            return max(1, math.ceil(wait))
        for window in windows:
            window.add(now)
        return None

    def _chat(self, chat_id: int) -> _Window:
        if chat_id not in self._chats:
            self._chats[chat_id] = _Window(self.limits.per_chat_per_second, 1.0)
        return self._chats[chat_id]

    def _group(self, chat_id: int) -> _Window:
        if chat_id not in self._groups:
            self._groups[chat_id] = _Window(self.limits.group_per_minute, 60.0)
        return self._groups[chat_id]


@dataclass(slots=True)
class Fault:
    """One scripted misbehaviour of `method` (for `chat_id` only when given), `times` times."""

    method: str
    kind: FaultKind
    chat_id: int | None = None
    times: int = 1
    retry_after: int = 1
    migrate_to_chat_id: int | None = None
    delay_seconds: float = 0.0
    description: str | None = None
    used: int = field(default=0)

    def matches(self, method: str, chat_id: object) -> bool:
        if self.used >= self.times or self.method != method:
            return False
        return self.chat_id is None or self.chat_id == chat_id


class FaultBook:
    """The scripted faults, taken in the order they were added."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        self._faults.append(fault)
        return fault

    def take(self, method: str, chat_id: object) -> Fault | None:
        for fault in self._faults:
            if fault.matches(method, chat_id):
                fault.used += 1
                return fault
        return None

    def pending(self) -> list[Fault]:
        return [f for f in self._faults if f.used < f.times]

    def clear(self) -> None:
        self._faults.clear()
