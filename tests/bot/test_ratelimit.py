"""`bot.ratelimit.FairRateLimiter`: the shared budget goes to the chat that had least lately, a
chat's first answer before alerts, a group kept to its own limit without holding anyone up."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.error import RetryAfter

from bot.ratelimit import ANSWER_RANK, FairRateLimiter


class Calls:
    """Stands in for the HTTP request python-telegram-bot hands the limiter: records the order."""

    def __init__(self) -> None:
        self.done: list[str] = []
        self.refuse: set[str] = set()

    def request(self, limiter: FairRateLimiter, name: str, chat: int, rank: int = 0) -> Any:
        async def callback() -> bool:
            if name in self.refuse:
                raise RetryAfter(5)
            self.done.append(name)
            return True

        async def send() -> Any:
            ANSWER_RANK.set(rank)  # this task's requests answer its rank's update (0: an alert)
            data = {"chat_id": chat, "text": name}
            return await limiter.process_request(callback, (), {}, "sendMessage", data, None)

        return asyncio.create_task(send())


async def test_the_chat_that_had_least_goes_first_and_a_first_answer_before_alerts() -> None:
    limiter, calls = FairRateLimiter(per_second=20), Calls()
    busy = [calls.request(limiter, f"busy{n}", 1, rank=n + 1) for n in range(25)]
    await asyncio.sleep(0)  # the first second's budget (20) is spent on the busy chat
    alert = calls.request(limiter, "alert", 3)
    answer = calls.request(limiter, "answer", 2, rank=1)
    await asyncio.gather(*busy, alert, answer)
    assert calls.done[:20] == [f"busy{n}" for n in range(20)]
    assert calls.done[20:22] == ["answer", "alert"]  # before the busy chat's 21st
    assert calls.done[22:] == [f"busy{n}" for n in range(20, 25)]


async def test_requests_without_a_chat_are_not_limited() -> None:
    limiter = FairRateLimiter(per_second=1)

    async def callback() -> bool:
        return True

    results = [
        await limiter.process_request(callback, (), {}, "answerCallbackQuery", {}, None)
        for _ in range(50)
    ]
    assert all(results)


async def test_a_group_keeps_its_own_limit_without_holding_others() -> None:
    limiter, calls = FairRateLimiter(per_second=100, group_per_minute=2), Calls()
    group = [calls.request(limiter, f"group{n}", -7) for n in range(3)]
    await asyncio.sleep(0.05)
    private = calls.request(limiter, "private", 9, rank=1)
    await asyncio.wait_for(private, timeout=2)
    assert calls.done == ["group0", "group1", "private"]  # the third waits for its minute
    group[2].cancel()
    await asyncio.gather(*group, return_exceptions=True)
    await limiter.shutdown()


async def test_a_429_moves_that_chat_behind_the_others() -> None:
    limiter, calls = FairRateLimiter(per_second=2), Calls()
    calls.refuse.add("refused")
    first = calls.request(limiter, "refused", 5, rank=1)
    assert isinstance((await asyncio.gather(first, return_exceptions=True))[0], RetryAfter)
    filler = calls.request(limiter, "filler", 6, rank=1)  # the budget's second token
    later = calls.request(limiter, "again", 5, rank=1)
    other = calls.request(limiter, "other", 8, rank=1)
    await asyncio.gather(filler, later, other)
    assert calls.done == ["filler", "other", "again"]
