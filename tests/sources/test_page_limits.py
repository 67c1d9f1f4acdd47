"""A page whose parse breaks the workers' limits, through the real poller (sample portal over
HTTP, a real SQLite file, the parse workers): it is stopped at its deadline and counted as that
page's failure, the other pages are stored, its bytes are remembered and not parsed again, and
new bytes at the same URL are parsed and stored normally."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from sources.parse_pool import ParsePool
from sources.workers import MB, WorkerLimits
from tests.support.hostile import hostile_page
from tests.support.pollkit import TODAY, Env, rows, stored_meetings


@pytest.fixture
async def parser() -> AsyncIterator[ParsePool]:
    pool = ParsePool(WorkerLimits(seconds=1.0, memory_bytes=384 * MB), size=2)
    yield pool
    await pool.close()


async def test_a_hostile_page_is_its_own_problem_and_is_not_parsed_again(
    env: Env, parser: ParsePool
) -> None:
    poller = env.poller([env.portal_source()], parser=parser)
    await poller.run_cycle()  # the first visit (a backfill)
    hostile = env.portal.publish_meeting("regionstyrelsen", TODAY + timedelta(days=20))
    env.portal.serve(hostile, hostile_page())
    fine = env.portal.publish_meeting("halso-och-sjukvardsnamnden", TODAY + timedelta(days=21))

    started = time.monotonic()
    report = await poller.run_cycle()
    assert time.monotonic() - started < 8  # the parse alone would take ~10 s
    (source,) = report.sources
    assert (source.new, source.failed, source.over_limits) == (1, 1, 1)
    assert source.error is None  # one page's problem, not the source's
    assert any("parse stopped: took longer than 1 s" in e for e in source.errors)
    stored = await stored_meetings(env)
    assert fine in stored and hostile not in stored
    assert await rows(env.db, "SELECT url, kind FROM over_limits") == [
        (env.portal.url(hostile), "page")
    ]

    started = time.monotonic()
    again = await poller.run_cycle()
    assert time.monotonic() - started < 3
    assert again.parses == 0  # the same bytes: not parsed again
    assert again.sources[0].failed == 1 and again.sources[0].over_limits == 0
    assert any("not parsed again" in e for e in again.sources[0].errors)

    env.portal.heal(hostile)  # the portal serves the real page at that URL
    healed = await poller.run_cycle()
    assert healed.sources[0].new == 1 and healed.sources[0].failed == 0
    assert hostile in await stored_meetings(env)
    assert await rows(env.db, "SELECT url FROM over_limits") == []
