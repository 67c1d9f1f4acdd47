"""The parse worker process: same meeting as in-process parsing, errors come back as they are,
and a worker that dies costs one page, not the parser."""

from __future__ import annotations

import os
import signal
from collections.abc import AsyncIterator

import pytest

from agenda.parse import ParseError, parse_page
from sources.parse_pool import ParsePool
from tests.fixtures import seed_bytes
from tests.pdfmaker import agenda_pdf

URL = "https://forum.regionjh.se/committees/regionstyrelsen/mote-2017-12-12"


@pytest.fixture
async def pool() -> AsyncIterator[ParsePool]:
    pool = ParsePool()
    yield pool
    pool.close()


async def test_the_worker_gives_the_same_meeting(pool: ParsePool) -> None:
    page = seed_bytes("001")
    assert await pool.parse(page, URL) == parse_page(page, URL)


async def test_a_parse_error_comes_back_as_itself(pool: ParsePool) -> None:
    with pytest.raises(ParseError, match="empty"):
        await pool.parse(b"   ", URL)


async def test_a_dead_worker_fails_one_page_then_a_new_one_parses(pool: ParsePool) -> None:
    page = seed_bytes("001")
    await pool.parse(page, URL)  # the worker is up
    executor = pool._pool()
    for pid in list(executor._processes):  # what an out-of-memory kill would do
        os.kill(pid, signal.SIGKILL)
    with pytest.raises(ParseError, match="parser process stopped"):
        await pool.parse(page, URL)
    assert await pool.parse(page, URL) == parse_page(page, URL)


async def test_a_pdf_agenda_in_the_worker(pool: ParsePool) -> None:
    pdf = agenda_pdf("Kallelse kommunstyrelsen\nDatum: 2024-06-19\n1 Val av justerare\n2 Budget")
    meeting = await pool.parse_pdf(pdf, "https://x.se/ks.pdf")
    assert [(i.number, i.title) for i in meeting.items] == [(1, "Val av justerare"), (2, "Budget")]
    with pytest.raises(ParseError, match="not an agenda"):
        await pool.parse_pdf(agenda_pdf("Nyheter\nInget här."), None)
