"""The fake Bot API's update queue: long-polled `getUpdates` and update injection.

Why: tests and the demo terminal play the members' side of the conversation. They inject the
updates Telegram would send (messages, commands, button presses, the bot being blocked or
added) and python-telegram-bot's real Updater fetches them with `getUpdates`, honouring
`offset` (confirmation) and `timeout` (long polling) like the real server.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from typing import Any

from demo.fake_objects import JsonDict


class UpdateQueue:
    """Pending updates with increasing `update_id`; `get` long-polls like getUpdates."""

    def __init__(self) -> None:
        self._pending: list[JsonDict] = []
        self._ids = itertools.count(1)
        self._arrived = asyncio.Condition()
        self._closed = False
        self.delivered_up_to = 0  # highest update_id handed out by getUpdates

    async def put(self, payload: JsonDict) -> JsonDict:
        """Queue one update (the payload without update_id); returns the full update."""
        update = {"update_id": next(self._ids), **payload}
        async with self._arrived:
            self._pending.append(update)
            self._arrived.notify_all()
        return update

    async def _wake(self) -> None:
        async with self._arrived:
            self._arrived.notify_all()

    async def close(self) -> None:
        self._closed = True
        await self._wake()

    @property
    def pending(self) -> int:
        """Updates not yet confirmed by a later getUpdates offset."""
        return len(self._pending)

    def undelivered(self) -> int:
        """Updates never handed out by getUpdates."""
        return sum(1 for u in self._pending if u["update_id"] > self.delivered_up_to)

    async def get(self, params: dict[str, Any]) -> list[JsonDict]:
        offset = int(params.get("offset") or 0)
        limit = max(1, min(100, int(params.get("limit") or 100)))
        timeout = max(0.0, float(params.get("timeout") or 0))
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        async with self._arrived:
            if not self._pending and timeout > 0 and not self._closed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._arrived.wait(), timeout)
        batch = [u for u in self._pending if u["update_id"] >= offset][:limit]
        if batch:
            self.delivered_up_to = max(self.delivered_up_to, batch[-1]["update_id"])
        return batch
