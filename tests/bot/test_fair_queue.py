"""`bot.fair_queue`: each chat's jobs in order, one at a time per chat, and the chat served least
in its busy spell first: a new chat's first job before a busy chat's next."""

from __future__ import annotations

import asyncio

import pytest

from bot.fair_queue import FairQueue


class Jobs:
    """Jobs that record when they start and wait until released."""

    def __init__(self) -> None:
        self.started: list[str] = []
        self.release = asyncio.Event()

    async def job(self, name: str) -> None:
        self.started.append(name)
        await self.release.wait()


async def _settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


async def test_a_new_chat_goes_before_the_next_job_of_busy_chats() -> None:
    queue, jobs = FairQueue(workers=1), Jobs()
    tasks = [
        asyncio.create_task(queue.run(key, jobs.job(f"{key}{n}")))
        for n in range(1, 4)
        for key in ("a", "b")
    ]
    await _settle()
    tasks.append(asyncio.create_task(queue.run("c", jobs.job("c1"))))
    await _settle()
    assert queue.waiting == 6 and queue.waiting_of("a") == 2
    for _ in range(7):
        jobs.release.set()
        await _settle()
        jobs.release.clear()
    await asyncio.gather(*tasks)
    # a1 was running when c came; then every chat's first before anyone's second, and so on.
    assert jobs.started == ["a1", "b1", "c1", "a2", "b2", "a3", "b3"]
    assert queue.waiting == 0 and not queue.busy("a")


async def test_a_chats_jobs_run_in_order_and_never_two_at_once() -> None:
    queue = FairQueue(workers=4)
    running: dict[str, int] = {"a": 0, "b": 0}
    seen: list[str] = []

    async def job(key: str, n: int) -> None:
        running[key] += 1
        assert running[key] == 1, "two jobs of one chat at once"
        seen.append(f"{key}{n}")
        await asyncio.sleep(0.001 * (n % 3))
        running[key] -= 1

    await asyncio.gather(*(queue.run(k, job(k, n)) for n in range(10) for k in ("a", "b")))
    assert [s for s in seen if s[0] == "a"] == [f"a{n}" for n in range(10)]
    assert [s for s in seen if s[0] == "b"] == [f"b{n}" for n in range(10)]


async def test_a_cancelled_wait_leaves_the_queue_and_frees_nothing_it_never_had() -> None:
    queue, jobs = FairQueue(workers=1), Jobs()
    first = asyncio.create_task(queue.run("a", jobs.job("a1")))
    second = asyncio.create_task(queue.run("a", jobs.job("a2")))
    third = asyncio.create_task(queue.run("b", jobs.job("b1")))
    await _settle()
    second.cancel()
    with pytest.raises(asyncio.CancelledError):
        await second
    assert queue.waiting == 1 and queue.waiting_of("a") == 0
    jobs.release.set()
    await asyncio.gather(first, third)
    assert jobs.started == ["a1", "b1"]
    assert not queue.busy("a") and not queue.busy("b")


async def test_a_wait_cancelled_as_its_turn_comes_does_not_stall_the_chat() -> None:
    """An update that waits behind its chat's running one is cancelled (shutdown, a deadline)
    in the same step that the running one ends: the turn used to go to the cancelled wait
    (InvalidStateError in the finishing job) and the chat stayed `running` for good, so none
    of its later updates was ever handled."""
    queue, jobs = FairQueue(workers=2), Jobs()
    first = asyncio.create_task(queue.run("a", jobs.job("a1")))
    second = asyncio.create_task(queue.run("a", jobs.job("a2")))
    await _settle()
    jobs.release.set()  # the first job's step (which hands the turn on) runs first ...
    second.cancel()  # ... while this wait is already cancelled but still queued
    outcomes = await asyncio.gather(first, second, return_exceptions=True)
    assert outcomes[0] is None and isinstance(outcomes[1], asyncio.CancelledError), outcomes
    async with asyncio.timeout(2):
        await queue.run("a", jobs.job("a3"))
    assert jobs.started == ["a1", "a3"] and not queue.busy("a") and queue.waiting == 0
