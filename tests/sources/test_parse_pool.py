"""The parse workers: same meeting as in-process parsing, errors come back as they are, a page
past its deadline or memory cap is that page's problem (its worker is replaced), and one
source's slow pages leave a worker free for another source's page."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from collections.abc import AsyncIterator

import pytest

from agenda.parse import ParseError, parse_page
from sources.parse_pool import PageOverLimits, ParsePool
from sources.workers import MB, WorkerLimits, WorkerPool
from tests.fixtures import seed_bytes
from tests.support.hostile import hostile_page
from tests.support.pdfmaker import agenda_pdf
from tests.support.processes import alive

URL = "https://forum.regionjh.se/committees/regionstyrelsen/mote-2017-12-12"
LIMITS = WorkerLimits(seconds=1.5, memory_bytes=384 * MB)


@pytest.fixture
async def pool() -> AsyncIterator[ParsePool]:
    pool = ParsePool(LIMITS, size=2)
    yield pool
    await pool.close()


async def test_the_worker_gives_the_same_meeting(pool: ParsePool) -> None:
    page = seed_bytes("001")
    assert await pool.parse(page, URL) == parse_page(page, URL)


async def test_a_parse_error_comes_back_as_itself(pool: ParsePool) -> None:
    with pytest.raises(ParseError, match="empty") as raised:
        await pool.parse(b"   ", URL)
    assert not isinstance(raised.value, PageOverLimits)


async def test_a_dead_worker_fails_one_page_then_a_new_one_parses(pool: ParsePool) -> None:
    page = seed_bytes("001")
    await pool.parse(page, URL)  # the worker is up
    (pid,) = pool.pids()

    async def kill_soon() -> None:
        await asyncio.sleep(0.3)
        os.kill(pid, signal.SIGKILL)  # what an out-of-memory kill would do

    killer = asyncio.create_task(kill_soon())
    with pytest.raises(PageOverLimits, match="worker stopped"):
        await pool.parse(hostile_page(), URL)
    await killer
    assert await pool.parse(page, URL) == parse_page(page, URL)
    assert pid not in pool.pids()


async def test_a_page_past_its_deadline_is_stopped_and_the_worker_replaced(
    pool: ParsePool,
) -> None:
    started = time.monotonic()
    with pytest.raises(PageOverLimits, match=r"longer than 1\.5 s") as raised:
        await pool.parse(hostile_page(), URL)
    assert raised.value.reason == "time"
    assert time.monotonic() - started < 5  # not the ~10 s the parse would take
    page = seed_bytes("001")
    assert await pool.parse(page, URL) == parse_page(page, URL)


async def test_a_page_over_the_memory_cap_is_stopped() -> None:
    small = ParsePool(WorkerLimits(seconds=20, memory_bytes=160 * MB), size=1)
    try:
        # 4 MB of short elements: the tree needs far more than the 160 MB the worker may use
        crowded = b"<html><body>" + b"<span a='1' b='2'>t</span>" * 160_000 + b"</body></html>"
        with pytest.raises(PageOverLimits) as raised:
            await small.parse(crowded, URL)
        assert raised.value.reason in {"memory", "crash"}
        page = seed_bytes("001")
        assert await small.parse(page, URL) == parse_page(page, URL)
    finally:
        await small.close()


async def test_one_sources_slow_pages_leave_a_worker_for_another_source() -> None:
    """Source A's hostile pages come first, but one source holds at most all workers but one:
    B's page, queued after them, is parsed at once on the other worker."""
    pool = ParsePool(WorkerLimits(seconds=1.0, memory_bytes=384 * MB), size=2)
    page = seed_bytes("001")
    done: list[str] = []

    async def parse(source: str, content: bytes) -> None:
        with contextlib.suppress(PageOverLimits):
            await pool.parse(content, URL, key=source)
        done.append(source)

    try:
        both = (pool.parse(page, URL, key="A"), pool.parse(page, URL, key="B"))
        await asyncio.gather(*both)  # both workers up
        slow = [asyncio.create_task(parse("A", hostile_page())) for _ in range(2)]
        await asyncio.sleep(0.1)
        started = time.monotonic()
        await parse("B", page)
        assert time.monotonic() - started < 1.0  # never waited for an A page's deadline
        await asyncio.gather(*slow)
        assert done == ["B", "A", "A"]  # A's pages ran one at a time, on one worker
    finally:
        await pool.close()


def test_one_key_holds_all_workers_but_one() -> None:
    assert [WorkerPool("x", LIMITS, size=n).per_key for n in (1, 2, 3)] == [1, 1, 2]


async def test_close_leaves_no_worker() -> None:
    pool = ParsePool(LIMITS, size=2)
    await asyncio.gather(
        pool.parse(seed_bytes("001"), URL, key="a"), pool.parse(seed_bytes("002"), URL, key="b")
    )
    pids = pool.pids()
    assert len(pids) == 2
    await pool.close()
    assert not any(alive(pid) for pid in pids)


async def test_a_pdf_agenda_in_the_worker(pool: ParsePool) -> None:
    pdf = agenda_pdf("Kallelse kommunstyrelsen\nDatum: 2024-06-19\n1 Val av justerare\n2 Budget")
    meeting = await pool.parse_pdf(pdf, "https://x.se/ks.pdf")
    assert [(i.number, i.title) for i in meeting.items] == [(1, "Val av justerare"), (2, "Budget")]
    with pytest.raises(ParseError, match="not an agenda"):
        await pool.parse_pdf(agenda_pdf("Nyheter\nInget här."), None)
