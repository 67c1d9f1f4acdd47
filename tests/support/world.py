"""The world every end-to-end test stands in: the seed meetings and how they are stored, the
chat ids, the portal's address, a `Config` pointing at the fake Bot API, and starting the
application as `run_polling` does. The fixtures built from them are in `tests/conftest.py`.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from telegram.ext import Application

from agenda.clock import today
from bot.config import Config
from demo.fake_api import FakeBotApi
from demo.lifecycle import initialize_application, start_polling
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


async def start_application(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start like `run_polling` does (post_init included), with quick long polling."""
    await initialize_application(app)
    await start_polling(app, poll_timeout=1)
