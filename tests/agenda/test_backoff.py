"""The one back-off rule: doubling from the base after each failure, capped, with jitter only
when asked (the sender and the fetcher), the same numbers as each place computed before."""

from __future__ import annotations

import random

from agenda.backoff import backoff


def test_doubles_from_the_base_and_stops_at_the_cap() -> None:
    assert [backoff(n, 1.0, 60.0) for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert backoff(0, 300.0, 3600.0) == 300.0  # no failure counted yet: the base


def test_jitter_scales_by_half_to_one_and_a_half() -> None:
    rng = random.Random(7)
    delays = [backoff(5, 2.0, 600.0, jitter=rng.random) for _ in range(200)]
    assert all(16.0 <= d < 48.0 for d in delays)
    assert len(set(delays)) == len(delays)
    assert backoff(3, 1.0, 2.0, jitter=lambda: 0.0) == 1.0  # capped first, then jittered
