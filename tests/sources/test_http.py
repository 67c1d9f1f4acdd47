"""The polite HTTP client against the sample portal as a real server: conditional GET, honest
User-Agent, retries, timeouts, redirect loops, the size cap and the per-host limit."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from bot.config import Config
from demo.clock import ManualClock
from demo.sample_portal import SamplePortal
from sources.http import Fetcher, FetchError, HttpSettings, make_http_client
from tests.support.pollkit import RS, TODAY

FAST = HttpSettings(
    timeout_seconds=0.15, retries=2, backoff_base_seconds=0.01, backoff_max_seconds=0.02, per_host=2
)
MEETING = RS


@pytest.fixture
async def portal() -> AsyncIterator[SamplePortal]:
    async with SamplePortal(clock=ManualClock.at_local(TODAY), slow_seconds=1.0) as p:
        yield p


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with make_http_client(Config(contact="ops@example.se").user_agent, FAST) as c:
        yield c


async def test_conditional_get_returns_304_without_content(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    first = await Fetcher(client, {}, FAST).fetch(portal.url(MEETING))
    assert first.changed and b"agenda-list" in first.content and first.entry is not None
    assert first.entry.etag and first.entry.last_modified
    again = await Fetcher(client, {first.url: first.entry}, FAST).fetch(portal.url(MEETING))
    assert (again.changed, again.status, again.content) == (False, 304, b"")
    assert portal.conditional[MEETING] == 1 and portal.not_modified[MEETING] == 1
    assert portal.user_agents == {Config(contact="ops@example.se").user_agent}
    assert "ops@example.se" in next(iter(portal.user_agents))


async def test_changed_page_is_fetched_in_full(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    first = await Fetcher(client, {}, FAST).fetch(portal.url(MEETING))
    assert first.entry is not None
    portal.edit_item(MEETING, 2, title="Val av två justerare")
    again = await Fetcher(client, {first.url: first.entry}, FAST).fetch(portal.url(MEETING))
    assert again.changed and "Val av två justerare".encode() in again.content


async def test_server_errors_are_retried_then_reported(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    portal.inject(MEETING, "500")
    with pytest.raises(FetchError, match=r"HTTP 500.*3 attempts"):
        await Fetcher(client, {}, FAST).fetch(portal.url(MEETING))
    assert portal.requests[MEETING] == 3


async def test_timeout_is_retried_then_reported(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    portal.inject(MEETING, "slow")
    fetcher = Fetcher(client, {}, FAST)
    with pytest.raises(FetchError, match="timed out"):
        await fetcher.fetch(portal.url(MEETING))
    # Three attempts (retries=2). On a loaded machine an attempt can time out before the
    # portal has read it, so the portal's own count may be lower, never higher.
    assert fetcher.requests == 3
    assert 1 <= portal.requests[MEETING] <= 3


async def test_redirect_loop_is_an_error_not_a_hang(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    portal.inject(MEETING, "redirect_loop")
    with pytest.raises(FetchError, match="redirect"):
        await Fetcher(client, {}, FAST).fetch(portal.url(MEETING))
    assert portal.requests[MEETING] == FAST.max_redirects + 1


async def test_oversized_page_stops_reading(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    portal.inject(MEETING, "huge")
    with pytest.raises(FetchError, match="too large"):
        await Fetcher(client, {}, FAST).fetch(portal.url(MEETING))
    assert portal.requests[MEETING] == 1  # not retried


async def test_not_found_is_not_retried(portal: SamplePortal, client: httpx.AsyncClient) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        await Fetcher(client, {}, FAST).fetch(portal.url("/committees/x/mote-2020-01-01"))
    assert portal.requests["/committees/x/mote-2020-01-01"] == 1


async def test_connection_refused_is_an_error(client: httpx.AsyncClient) -> None:
    async with SamplePortal(clock=ManualClock.at_local(TODAY)) as gone:
        url = gone.url("/committees")
    with pytest.raises(FetchError, match="connection error"):
        await Fetcher(client, {}, FAST).fetch(url)


async def test_a_url_the_http_client_refuses_is_a_fetch_error(client: httpx.AsyncClient) -> None:
    """Not an exception that escapes the caller (it stopped the whole documents step)."""
    with pytest.raises(FetchError, match="not a URL that can be fetched"):
        await Fetcher(client, {}, FAST).fetch("http://[::1]x/bilaga.pdf")


async def test_per_host_concurrency_is_limited(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    portal.slow_seconds = 0.05
    paths = [m.path for m in portal.site.meetings]
    for path in paths:
        portal.inject(path, "slow")
    fetcher = Fetcher(client, {}, FAST)
    await asyncio.gather(*(fetcher.fetch(portal.url(p)) for p in paths))
    assert portal.max_in_flight == FAST.per_host


@pytest.mark.parametrize("kind", ["shared", "plain httpx"])
async def test_answers_read_to_the_end_reuse_connections(portal: SamplePortal, kind: str) -> None:
    """304s, redirects and error pages leave their connection in the pool, through the shared
    client (aiohttp) and through a plain httpx client handed to a Fetcher alike."""
    paths = [m.path for m in portal.site.meetings]
    portal.serve("/old", b"", status=301, headers={"Location": paths[0]})
    async with (
        make_http_client("Namndbot-tests (test@example.invalid)", FAST)
        if kind == "shared"
        else httpx.AsyncClient()
    ) as client:
        first = Fetcher(client, {}, FAST)
        pages = await asyncio.gather(*(first.fetch(portal.url(p)) for p in paths))
        fetcher = Fetcher(client, {p.url: p.entry for p in pages if p.entry is not None}, FAST)
        portal.reset_counters()
        for _round in range(3):
            answers = await asyncio.gather(*(fetcher.fetch(portal.url(p)) for p in paths))
            assert {a.status for a in answers} == {304}
            await fetcher.fetch(portal.url("/old"), conditional=False)
            with pytest.raises(FetchError, match="HTTP 404"):
                await fetcher.fetch(portal.url("/committees/x/mote-2020-01-01"))
    assert fetcher.statuses[304] == 3 * len(paths) and fetcher.statuses[301] == 3
    assert portal.connections <= FAST.per_host
