"""How long to wait after failures: the one exponential back-off of the bot.

Why: four places wait after a failure: a page fetch retried within a poll (`sources.http`), an
alert whose send failed (the sender's retry policy), a source that keeps failing (its
`backoff_until` in `storage.sources`) and the start waiting for Telegram (`bot.startup`). They
share one rule, base·2^(n−1) after the n-th failure in a row, capped, optionally times a random
factor in [0.5, 1.5) so that many retries started together do not return together. Written here
rather than with `tenacity`: two of the four waits are stored (a row's or a source's next due
time in SQLite, surviving a restart), not slept in a retry loop, and tenacity's wait strategies
need its own retry state; a pure function serves all four. Pure and free of I/O, so every layer
may use it.
"""

from __future__ import annotations

from collections.abc import Callable


def backoff(
    failures: int, base: float, cap: float, *, jitter: Callable[[], float] | None = None
) -> float:
    """Seconds to wait after `failures` failures in a row (counted from 1): `base` doubled
    each time, at most `cap`; with `jitter` (a `random()`, [0, 1)) times 0.5 + jitter()."""
    delay = min(cap, base * 2.0 ** max(0, failures - 1))
    return delay * (0.5 + jitter()) if jitter is not None else delay
