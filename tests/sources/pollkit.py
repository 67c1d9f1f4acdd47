"""Shared pieces for the ingestion tests: a test clock frozen on a fixed `TODAY` (noon in
Stockholm) that both the sample portal and the database use, a real SQLite file, the real HTTP
client with short timeouts, and small readers of what was stored."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from demo.clock import ManualClock
from demo.sample_portal import SamplePortal
from jobs.documents import DocumentStep
from jobs.poll import Poller, PollSettings
from sources.backfill import OnBackfill
from sources.config import SourceConfig
from sources.documents import DocumentReader
from sources.http import HttpSettings, make_http_client
from sources.parse_pool import ParsePool
from storage.db import Database
from storage.meetings import OnEvents

TODAY = date(2026, 11, 22)
FAST = HttpSettings(
    timeout_seconds=0.3,
    retries=1,
    backoff_base_seconds=0.01,
    backoff_max_seconds=0.02,
    deadline_seconds=1.5,
)
RS = "/committees/regionstyrelsen/mote-2026-12-04"
HSN = "/committees/halso-och-sjukvardsnamnden/mote-2026-11-28"
SVOM_OLD = "/committees/sociala-vard-och-omsorgsgruppen/mote-2026-09-20"


@dataclass
class Env:
    portal: SamplePortal
    db: Database
    client: httpx.AsyncClient
    clock: ManualClock

    def portal_source(self, **kwargs: Any) -> SourceConfig:
        return SourceConfig("meetingsplus", "Exempelportalen", self.portal.base_url, **kwargs)

    def feed_source(self) -> SourceConfig:
        return SourceConfig("feed", "Anslagstavlan", self.portal.url("/feed.rss"))

    def poller(
        self,
        sources: Sequence[SourceConfig] | None = None,
        *,
        on_events: OnEvents | None = None,
        on_backfill: OnBackfill | None = None,
        parser: ParsePool | None = None,
        **settings: Any,
    ) -> Poller:
        return Poller(
            self.db,
            self.client,
            sources or [self.portal_source(), self.feed_source()],
            on_events=on_events,
            on_backfill=on_backfill,
            settings=PollSettings(http=FAST, **settings),
            parser=parser,
        )

    def documents(self, reader: DocumentReader) -> DocumentStep:
        """The documents step over this portal, as the `documents` job runs it after a poll."""
        return DocumentStep(self.db, self.client, reader, FAST)


@pytest.fixture
async def env(tmp_path: Path) -> AsyncIterator[Env]:
    clock = ManualClock.at_local(TODAY)
    db = await Database.open(tmp_path / "nb.sqlite3", clock)
    async with (
        SamplePortal(clock=clock, slow_seconds=1.0) as portal,
        make_http_client("Namndbot-tests (test@example.invalid)", FAST) as client,
    ):
        yield Env(portal, db, client, clock)
    await db.close()


async def rows(db: Database, sql: str, *params: object) -> list[tuple[Any, ...]]:
    async with db.reader.execute(sql, params) as cur:
        return [tuple(r) for r in await cur.fetchall()]


async def stored_meetings(env: Env) -> dict[str, int]:
    """Stored meeting path → item count."""
    found = await rows(
        env.db,
        "SELECT m.url, COUNT(i.id) FROM meetings m LEFT JOIN items i ON i.meeting_id = m.id "
        "GROUP BY m.id",
    )
    return {url.removeprefix(env.portal.base_url): count for url, count in found}


async def events(env: Env, kind: str | None = None) -> list[tuple[str, str, dict[str, Any]]]:
    """(meeting path, kind, detail) of every event, oldest first."""
    found = await rows(
        env.db,
        "SELECT m.url, e.kind, e.detail FROM events e JOIN meetings m ON m.id = e.meeting_id "
        "ORDER BY e.id",
    )
    return [
        (url.removeprefix(env.portal.base_url), k, json.loads(d))
        for url, k, d in found
        if kind is None or k == kind
    ]
