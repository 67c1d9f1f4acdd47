"""A whole bot for end-to-end tests of preparing a meeting (test helper): a real SQLite file,
the sample portal and its feed polled by the real `Poller`, then read by the real documents
step (`jobs.documents.DocumentStep`) with the alert fan-out, and python-telegram-bot's real
`Application` on the fake Bot API.

Why: /nytt, /forbered, the appeal window and the party group all need a change to travel from
the portal to storage and on to the chat; `world()` builds that once, on the test's clock
(which a test may set first, e.g. to a posting day before Christmas).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alerts.fanout import enqueue_alerts
from bot.app import build_application
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.lifecycle import stop_application
from demo.sample_portal import SamplePortal
from jobs.documents import DocumentStep
from jobs.poll import Poller, PollSettings
from sources.config import SourceConfig
from sources.documents import DocumentReader, DocumentSettings
from sources.http import make_http_client
from storage.db import Database
from tests.conftest import make_config, start_application
from tests.jobs.outbox_helpers import drain_until, drained, make_bot, sender
from tests.sources.pollkit import FAST

HSN = "halso-och-sjukvardsnamnden"


@dataclass
class Cycle:
    """The page poll, then the documents step after it, as the two jobs run them in turn."""

    pages: Poller
    documents: DocumentStep

    async def run_cycle(self) -> None:
        await self.pages.run_cycle()
        await self.documents.run()


@dataclass
class World:
    clock: ManualClock
    db: Database
    portal: SamplePortal
    poller: Cycle
    fake: FakeBotApi
    app: Any

    async def deliver(self) -> None:
        """Send every alert waiting in the outbox (the sender, as the deliver job runs it)."""
        async with make_bot(self.fake) as bot:
            await drain_until(sender(self.db, bot), drained(self.db))


@contextlib.asynccontextmanager
async def world(
    tmp_path: Path, clock: ManualClock, fake: FakeBotApi, **config: Any
) -> AsyncIterator[World]:
    """The started world; the first poll (a backfill: no alerts) has run. `config`: settings
    of the bot's `Config` (`tests.conftest.make_config`)."""
    db = await Database.open(tmp_path / "namndbot.sqlite3", clock)
    app = None
    try:
        async with (
            SamplePortal(clock=clock) as portal,
            make_http_client("Namndbot-tests (test@example.invalid)", FAST) as client,
        ):
            sources = [
                SourceConfig("meetingsplus", "Exempelportalen", portal.base_url),
                SourceConfig("feed", "Anslagstavlan", portal.url("/feed.rss")),
            ]
            reader = DocumentReader(db, DocumentSettings(budget=200), on_events=enqueue_alerts)
            pages = Poller(
                db, client, sources, on_events=enqueue_alerts, settings=PollSettings(http=FAST)
            )
            poller = Cycle(pages, DocumentStep(db, client, reader, FAST))
            await poller.run_cycle()
            app = build_application(
                make_config(tmp_path, fake, **config), clock, db=db, start_jobs=False
            )
            await start_application(app)
            yield World(clock, db, portal, poller, fake, app)
    finally:
        if app is not None:
            await stop_application(app)
        await db.close()
