"""Token buckets per chat: a burst at once, then a steady rate (monotonic seconds).

Why: two parts of the bot ration the same thing, Telegram's patience, per chat: the update
processor (`bot.updates`: how fast a chat may ask) and the rate limiter (`bot.ratelimit`: how fast
a group may be sent to, and the bot's overall budget). One small bucket, tested once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)


class PaceBudget(Generic[Key]):
    """A token bucket per key (monotonic seconds): `burst` at once, then `per_second`."""

    def __init__(self, burst: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = float(burst)
        self.clock = clock
        self._buckets: dict[Key, tuple[float, float]] = {}  # key -> (tokens, at)

    def take(self, key: Key, per_second: float) -> bool:
        """Spend one token of `key`'s bucket; False when it is empty (nothing spent)."""
        tokens = self.tokens(key, per_second)
        self._buckets[key] = (tokens - 1 if tokens >= 1 else tokens, self.clock())
        return tokens >= 1

    def tokens(self, key: Key, per_second: float) -> float:
        tokens, at = self._buckets.get(key, (self.burst, self.clock()))
        return min(self.burst, tokens + (self.clock() - at) * per_second)

    def ready_in(self, key: Key, per_second: float) -> float:
        """Seconds until `key` has a whole token again (0: now)."""
        return max(0.0, (1 - self.tokens(key, per_second)) / per_second)

    def forget_full(self, per_second: float) -> list[Key]:
        """Drop the buckets that have refilled (memory stays bounded); returns their keys."""
        full = [k for k in self._buckets if self.tokens(k, per_second) >= self.burst]
        for key in full:
            del self._buckets[key]
        return full
