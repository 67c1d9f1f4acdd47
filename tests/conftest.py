"""Shared fixtures: the fake Bot API, a seeded SQLite database, the sample portal, the real bot.

Why: every end-to-end test uses the same real parts — python-telegram-bot's `Application`
talking HTTP to our fake Bot API server, a real SQLite file holding the five seed agendas,
the sample Meetings Plus portal over HTTP — so they are built once here, with stable names:

- `clock`: the test's clock (`demo.clock.ManualClock`), frozen at the session's start (or at
  `--now=2027-03-28T02:30+01:00`) and stepped only by the test; every date a test stores,
  serves or expects comes from it, so the suite says the same thing on any day;
- `fake_api`: a started `demo.fake_api.FakeBotApi` (stopped after the test);
- `seeded_db`: `storage.db.Database` in tmp_path with seeds 000, 001, 002 and 004 stored
  (000 and 001 re-dated into the future so /nasta finds them; see `SEEDS`); `seed_ids` maps
  seed name → meeting id;
- `make_config(tmp_path, fake_api, **overrides)`: a `bot.config.Config` pointing at both;
  `config` is that with no overrides;
- `bot_app`: `bot.app.build_application(config, db=seeded_db, start_jobs=False)` initialised,
  polling the fake API and started, in the order `run_polling` uses (post_init included);
- `sample_portal`: a started `demo.sample_portal.SamplePortal`.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Application

from agenda.clock import STOCKHOLM, SystemClock, today
from bot.config import Config
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.lifecycle import initialize_application, start_polling, stop_application
from storage.db import Database
from tests.fixtures import seed_text

PORTAL = "https://forum.regionjh.se"
ADMIN_CHAT_ID = 4242
USER_CHAT_ID = 1001


@dataclasses.dataclass(frozen=True)
class SeedSpec:
    """How a seed is stored: its body and the date (days from today, or a fixed date)."""

    file_prefix: str
    body_slug: str
    body_name: str
    offset_days: int | None = None
    fixed_date: date | None = None

    def meeting_date(self, today: date) -> date:
        if self.fixed_date is not None:
            return self.fixed_date
        return today + timedelta(days=self.offset_days or 0)

    def url(self, today: date) -> str:
        day = self.meeting_date(today).isoformat()
        return f"{PORTAL}/committees/{self.body_slug}/mote-{day}"


# Seed 003 is an item document (tjänsteskrivelse), not a meeting page: it is not stored.
SEEDS: dict[str, SeedSpec] = {
    "000": SeedSpec("000", "halso-och-sjukvardsnamnden", "Hälso- och sjukvårdsnämnden", 6),
    "001": SeedSpec("001", "regionstyrelsen", "Regionstyrelsen", 12),
    "002": SeedSpec(
        "002",
        "sociala-vard-och-omsorgsgruppen",
        "Sociala vård- och omsorgsgruppen (SVOM)",
        fixed_date=date(2020, 11, 18),
    ),
    "004": SeedSpec(
        "004",
        "sociala-vard-och-omsorgsgruppen",
        "Sociala vård- och omsorgsgruppen (SVOM)",
        fixed_date=date(2023, 3, 15),
    ),
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--now",
        help="start every test's clock at this ISO time (default: when the session starts)",
    )


def pytest_configure(config: pytest.Config) -> None:
    given = config.getoption("--now")
    start = datetime.fromisoformat(given) if given else SystemClock().now()
    if start.tzinfo is None:
        start = start.replace(tzinfo=STOCKHOLM)
    config.stash[_START] = start


def pytest_report_header(config: pytest.Config) -> str:
    return f"test clock starts at {config.stash[_START].astimezone(STOCKHOLM).isoformat()}"


_START = pytest.StashKey[datetime]()


@pytest.fixture
def clock(request: pytest.FixtureRequest) -> ManualClock:
    """The test's own clock: frozen at the session's start until the test steps it."""
    return ManualClock(request.config.stash[_START])


async def store_seeds(db: Database) -> dict[str, int]:
    """Parse and store the seed meetings, dated from the database's clock; seed name → id."""
    from agenda.model import Body
    from agenda.parse import parse_page
    from storage.meetings import upsert_meeting

    day = today(db.clock)
    ids: dict[str, int] = {}
    for name, spec in SEEDS.items():
        meeting = parse_page(seed_text(name), url=spec.url(day))
        meeting.date = spec.meeting_date(day)
        meeting.body = Body(slug=spec.body_slug, name=spec.body_name, portal=PORTAL)
        ids[name] = (await upsert_meeting(db, meeting)).meeting_id
    return ids


def make_config(tmp_path: Path, fake_api: FakeBotApi | None = None, **overrides: Any) -> Config:
    """A Config for tests: token and base_url of `fake_api`, files in `tmp_path`."""
    values: dict[str, Any] = {
        "token": fake_api.token if fake_api else None,
        "base_url": fake_api.base_url if fake_api else None,
        "database_path": tmp_path / "namndbot.sqlite3",
        "sources_file": tmp_path / "sources.toml",
        "admin_chat_ids": frozenset({ADMIN_CHAT_ID}),
        "poll_interval_seconds": 30,
        "contact": "test@example.invalid",
    }
    values.update(overrides)
    return Config(**values)


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        yield fake


@pytest.fixture
async def seeded_db(tmp_path: Path, clock: ManualClock) -> AsyncIterator[Database]:
    db = await Database.open(tmp_path / "namndbot.sqlite3", clock)
    try:
        await store_seeds(db)
        yield db
    finally:
        with contextlib.suppress(Exception):
            await db.close()


@pytest.fixture
async def seed_ids(seeded_db: Database) -> dict[str, int]:
    """Seed name ("000", "001", "002", "004") → meeting id in `seeded_db`."""
    ids: dict[str, int] = {}
    day = today(seeded_db.clock)
    for name, spec in SEEDS.items():
        async with seeded_db.reader.execute(
            "SELECT id FROM meetings WHERE url = ?", (spec.url(day),)
        ) as cur:
            row = await cur.fetchone()
        assert row is not None, f"seed {name} not stored"
        ids[name] = int(row[0])
    return ids


@pytest.fixture
def config(tmp_path: Path, fake_api: FakeBotApi) -> Config:
    return make_config(tmp_path, fake_api)


async def start_application(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start like `run_polling` does (post_init included), with quick long polling."""
    await initialize_application(app)
    await start_polling(app, poll_timeout=1)


@pytest.fixture
async def bot_app(
    config: Config, seeded_db: Database, clock: ManualClock
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    from bot.app import build_application

    app = build_application(config, clock, db=seeded_db, start_jobs=False)
    try:
        await start_application(app)
        yield app
    finally:
        await stop_application(app)


@pytest.fixture
async def sample_portal(clock: ManualClock) -> AsyncIterator[Any]:
    from demo.sample_portal import SamplePortal

    async with SamplePortal(clock=clock) as portal:
        yield portal
