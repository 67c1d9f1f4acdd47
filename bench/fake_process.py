"""The fake Telegram Bot API in a process of its own, for the benchmarks.

Why: a benchmark's numbers must not include the fake server competing with the bot for the
event loop or the GIL (in a thread it did, and a stall there bunched evenly paced sends into a
429). Telegram's servers are elsewhere too. The child serves until told to stop, then sends back
what it received; `bench/commands.py` and `bench/deliver.py` both use it.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from multiprocessing.connection import Connection

from demo.fake_api import FakeBotApi
from demo.limits import TelegramLimits


def _serve(conn: Connection, scale: float | None) -> None:
    async def serve() -> None:
        limits = TelegramLimits().scaled(scale) if scale is not None else None
        async with FakeBotApi(limits=limits) as fake:
            conn.send((fake.token, fake.base_url))
            await asyncio.get_running_loop().run_in_executor(None, conn.recv)
            calls = fake.calls("sendMessage")
            sent = fake.records.sent_messages()
            conn.send(
                (
                    sum(c.ok for c in calls),
                    sum(not c.ok for c in calls),
                    [m.text for m in sent],
                    [m.at for m in sent],
                    fake.count_429,
                )
            )

    asyncio.run(serve())


class FakeApiProcess:
    """`with FakeApiProcess(scale) as (token, base_url):` — afterwards `accepted`/`refused`
    sendMessage calls, the accepted `texts` with their arrival `times`, and the 429s sent.
    `scale`: enforce Telegram's limits times `scale`; None enforces none."""

    def __init__(self, scale: float | None = None) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, scale), daemon=True)
        self.accepted = self.refused = self.too_many = 0
        self.texts: list[str] = []
        self.times: list[float] = []

    def __enter__(self) -> tuple[str, str]:
        self.process.start()
        token, base_url = self.conn.recv()
        return str(token), str(base_url)

    def __exit__(self, *exc: object) -> None:
        self.conn.send("stop")
        self.accepted, self.refused, self.texts, self.times, self.too_many = self.conn.recv()
        self.process.join(10)
