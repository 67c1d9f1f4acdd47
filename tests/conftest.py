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
- `config`: `tests.support.world.make_config(tmp_path, fake_api)`, a `bot.config.Config`
  pointing at both;
- `bot_app`: `bot.app.build_application(config, db=seeded_db, start_jobs=False)` initialised,
  polling the fake API and started, in the order `run_polling` uses (post_init included);
- `sample_portal`: a started `demo.sample_portal.SamplePortal`.

The helpers they are built from (the seeds, the chat ids, `make_config`) are in
`tests/support/`, with every other test helper; each test folder's own fixtures are in its
`conftest.py`.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Application

from agenda.clock import STOCKHOLM, SystemClock, today
from bot.config import Config
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.lifecycle import stop_application
from storage.db import Database
from tests.support.world import SEEDS, make_config, start_application, store_seeds


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
