"""The throttle's arithmetic with a hand-driven clock: global slots, per-chat, per-group."""

from __future__ import annotations

from alerts.throttle import Limits, Throttle


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_global_slots_are_spaced_at_the_safe_rate() -> None:
    clock = Clock()
    throttle = Throttle(Limits(), clock)
    slots = [throttle.take_slot() for _ in range(30)]
    assert slots[0] == 100.0
    assert slots[-1] - slots[0] > 29 / 30  # never 30 within one second
    assert abs((slots[1] - slots[0]) - 1 / (30 * 0.96)) < 1e-9


def test_a_chat_waits_a_second_others_do_not() -> None:
    clock = Clock()
    throttle = Throttle(Limits(), clock)
    throttle.record(1, is_group=False)
    assert throttle.chat_ready_at(1, False) > 101.0
    assert throttle.chat_ready_at(2, False) == 0.0
    assert throttle.busy_chats() == [1]
    clock.now = 101.1
    assert throttle.busy_chats() == []


def test_a_group_gets_at_most_twenty_a_minute() -> None:
    clock = Clock()
    throttle = Throttle(Limits(), clock)
    for _ in range(20):
        assert throttle.chat_ready_at(-5, True) <= clock.now
        throttle.record(-5, is_group=True)
        clock.now += 1.1
    assert throttle.chat_ready_at(-5, True) >= 100.0 + 60.0
    assert -5 in throttle.busy_chats()


def test_retry_after_holds_only_that_chat() -> None:
    clock = Clock()
    throttle = Throttle(Limits(), clock)
    throttle.hold_chat(7, 5)
    assert throttle.chat_ready_at(7, False) == 105.0
    assert throttle.busy_chats() == [7]


def test_scaled_limits() -> None:
    fast = Limits().scaled(10)
    assert fast.per_second == 300 and fast.group_window == 6.0
