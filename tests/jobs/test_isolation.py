"""One source's hostile input never holds up another source's new agenda, through the real
wiring: the bot built by `bot.app.build_application` (poll job, parse workers, documents job
with its PDF worker, fan-out, deliver job, python-telegram-bot's `Application`), two sample
portals over HTTP as two sources, the fake Bot API. Times are scaled down: a poll every 3 s,
parse and PDF deadlines of 1 s and 5 s, a document's fetch cut at 4 s.

Portal A serves the hostile input (two new pages that parse for ~10 s each, eight documents
that drip one byte every 50 ms until healed, or a 1 KB PDF bomb that PDFium inflates past
2.5 GB) while portal B publishes a meeting a member follows: the member's "Ny kallelse" must
arrive within two poll intervals, and the bot's memory must not grow with the bomb.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from agenda.clock import today
from bot.app import WorkLimits, build_application, root_services
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.lifecycle import stop_application
from demo.sample_portal import SamplePortal
from demo.sample_site import SampleBody, SampleSite
from sources.workers import MB, WorkerLimits
from storage.db import Database
from tests.support.hostile import bomb_pdf, hostile_page
from tests.support.outbox import add_follow
from tests.support.processes import peak_rss_bytes
from tests.support.world import make_config, start_application

INTERVAL = 3
LIMITS = WorkLimits(
    parse=WorkerLimits(seconds=1.0, memory_bytes=384 * MB),
    pdf=WorkerLimits(seconds=5.0, memory_bytes=384 * MB),
    document_seconds=4.0,  # eight dripping documents, four at a time: 8 s of dripping
)
MEMBER = 77
RS = "regionstyrelsen"


def _hostile_pages(portal: SamplePortal, clock: ManualClock) -> None:
    day = today(clock) + timedelta(days=15)
    for n in range(2):
        path = portal.publish_meeting(RS, day + timedelta(days=n), slug=f"extra-{n}")
        portal.serve(path, hostile_page())


def _dripping_documents(portal: SamplePortal, clock: ManualClock) -> None:
    path = portal.publish_meeting(RS, today(clock) + timedelta(days=15), slug="med-bilagor")
    for n in range(8):
        portal.add_attachment(path, 2, f"Bilaga {n}", f"drip-{n}pdf", b"%PDF never sent")
        portal.inject(f"{path}/agenda/drip-{n}pdf", "drip")


def _pdf_bomb(portal: SamplePortal, clock: ManualClock) -> None:
    path = portal.publish_meeting(RS, today(clock) + timedelta(days=15), slug="med-bomb")
    portal.add_attachment(path, 2, "Bilaga", "bombpdf", bomb_pdf())


def _requested(portal: SamplePortal, part: str) -> Callable[[], bool]:
    return lambda: any(part in path and n for path, n in portal.requests.items())


@pytest.fixture
async def portals(clock: ManualClock) -> AsyncIterator[tuple[SamplePortal, SamplePortal]]:
    """Two small portals (one body each, no meetings yet): quick first polls."""
    sites = [SampleSite([SampleBody(RS, "Regionstyrelsen")], [], clock) for _ in "AB"]
    async with (
        SamplePortal(sites[0], clock=clock) as a,
        SamplePortal(sites[1], clock=clock) as b,
    ):
        yield a, b


@contextlib.asynccontextmanager
async def running_bot(
    tmp_path: Path, fake_api: FakeBotApi, portals: tuple[SamplePortal, SamplePortal], clock: Any
) -> AsyncIterator[Database]:
    """The bot polling portal A and B as two sources, after its first poll; its database."""
    sources = tmp_path / "sources.toml"
    sources.write_text(
        "".join(
            f'[[source]]\nkind = "meetingsplus"\nname = "{name}"\nurl = "{portal.base_url}"\n'
            for name, portal in zip("AB", portals, strict=True)
        ),
        encoding="utf-8",
    )
    config = make_config(tmp_path, fake_api, sources_file=sources, poll_interval_seconds=INTERVAL)
    app = build_application(config, clock, limits=LIMITS)
    try:
        await start_application(app)
        db = root_services(app).db
        await fake_api.wait_for(lambda: _polls(db) >= 1, timeout=30, what="the first poll")
        async with db.reader.execute(
            "SELECT id FROM bodies WHERE portal = ? AND slug = ?", (portals[1].base_url, RS)
        ) as cur:
            row = await cur.fetchone()
        assert row is not None
        await add_follow(db, MEMBER, int(row[0]))
        yield db
    finally:
        portals[0].heal()  # ends the drips in progress, so the jobs stop at once
        await stop_application(app)


def _polls(db: Database) -> int:
    with sqlite3.connect(db.path) as conn:
        return int(conn.execute("SELECT count(*) FROM polls WHERE finished_at").fetchone()[0])


async def _alert_delay(fake_api: FakeBotApi, b: SamplePortal, clock: ManualClock) -> float:
    """Portal B publishes a followed body's meeting: seconds until the member's alert."""
    b.publish_meeting(RS, today(clock) + timedelta(days=9), [(1, "Mötet öppnas"), (2, "Budget")])
    published = time.monotonic()
    await fake_api.wait_for(
        lambda: any("Ny kallelse" in m.text for m in fake_api.records.sent_messages(MEMBER)),
        timeout=5 * INTERVAL,
        what="the new agenda alert",
    )
    return time.monotonic() - published


async def test_hostile_pages_of_one_source_leave_the_others_alerts_on_time(
    tmp_path: Path,
    fake_api: FakeBotApi,
    portals: tuple[SamplePortal, SamplePortal],
    clock: ManualClock,
) -> None:
    a, b = portals
    async with running_bot(tmp_path, fake_api, portals, clock) as db:
        _hostile_pages(a, clock)  # parsed in the same cycle as B's new meeting
        delay = await _alert_delay(fake_api, b, clock)
        assert delay < 2 * INTERVAL, f"alerted after {delay:.1f} s"
        await fake_api.wait_for(
            lambda: _count(db, "SELECT count(*) FROM over_limits WHERE kind = 'page'") == 2,
            timeout=3 * INTERVAL,
            what="the hostile pages stopped and remembered",
        )


async def test_slow_drip_documents_leave_the_new_agenda_alerts_on_time(
    tmp_path: Path,
    fake_api: FakeBotApi,
    portals: tuple[SamplePortal, SamplePortal],
    clock: ManualClock,
) -> None:
    a, b = portals
    _dripping_documents(a, clock)  # stored by the first poll, read by the documents job
    async with running_bot(tmp_path, fake_api, portals, clock):
        await fake_api.wait_for(_requested(a, "drip-"), timeout=3 * INTERVAL, what="a drip")
        delay = await _alert_delay(fake_api, b, clock)
        assert a.in_flight > 0  # still dripping when the alert went out
        assert delay < 2 * INTERVAL, f"alerted after {delay:.1f} s"


async def test_a_pdf_bomb_leaves_the_bot_small_and_the_alerts_on_time(
    tmp_path: Path,
    fake_api: FakeBotApi,
    portals: tuple[SamplePortal, SamplePortal],
    clock: ManualClock,
) -> None:
    a, b = portals
    _pdf_bomb(a, clock)
    memory_before = peak_rss_bytes()
    async with running_bot(tmp_path, fake_api, portals, clock) as db:
        await fake_api.wait_for(_requested(a, "bombpdf"), timeout=3 * INTERVAL, what="the bomb")
        delay = await _alert_delay(fake_api, b, clock)
        assert delay < 2 * INTERVAL, f"alerted after {delay:.1f} s"
        await fake_api.wait_for(
            lambda: _count(db, "SELECT count(*) FROM documents WHERE status = 'too_large'") == 1,
            timeout=3 * INTERVAL,
            what="the bomb's verdict",
        )
    assert peak_rss_bytes() - memory_before < 200 * MB  # the bomb grew a worker, not the bot
    assert peak_rss_bytes() < 1024 * MB


def _count(db: Database, sql: str) -> int:
    with sqlite3.connect(db.path) as conn:
        return int(conn.execute(sql).fetchone()[0])
