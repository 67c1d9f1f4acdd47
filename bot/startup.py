"""Patient start: wait for the Bot API with growing pauses, saying so, instead of exiting.

Why: after a reboot or a network outage the bot often starts before the network (or Telegram)
is back. python-telegram-bot's `bootstrap_retries` retries `initialize()` but logs the failures
only at DEBUG, so an operator would see a bot that says nothing. Before `run_polling` (which then
retries its own bootstrap too) the CLI waits here: `getMe` until it answers, a WARNING per failed
attempt naming the reason and the pause (1 s doubling to at most 60 s), and Telegram's own
pause after a 429. A refused token is no network problem: it is raised at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot, User
from telegram.error import InvalidToken, NetworkError, RetryAfter

from agenda.backoff import backoff

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]


async def wait_for_telegram(
    token: str,
    base_url: str | None = None,
    *,
    first_pause: float = 1.0,
    max_pause: float = 60.0,
    sleep: Sleep = asyncio.sleep,
) -> User:
    """The bot's own user, once the Bot API answers; raises InvalidToken if it refuses us."""
    kwargs: dict[str, Any] = {"base_url": base_url} if base_url else {}
    network_failures, attempt = 0, 1
    while True:
        bot = Bot(token, **kwargs)
        try:
            async with bot:  # initialize() calls getMe
                return bot.bot
        except InvalidToken:
            raise
        except RetryAfter as exc:
            wait = _seconds(exc.retry_after)
            log.warning("Telegram asks to wait %.0f s before starting (attempt %d)", wait, attempt)
        except NetworkError as exc:
            network_failures += 1
            wait = backoff(network_failures, first_pause, max_pause)
            log.warning(
                "cannot reach Telegram (%s); trying again in %.0f s (attempt %d)",
                exc.message,
                wait,
                attempt,
            )
        await sleep(wait)
        attempt += 1


def _seconds(value: Any) -> float:
    return float(value.total_seconds()) if hasattr(value, "total_seconds") else float(value)
