"""The fetcher's bounds against the sample portal as a real server: a gzip bomb is stopped at the
size cap while it inflates (measured: the memory it took), honest gzip and deflate pages read
whole, and redirects are followed on the page's host only."""

from __future__ import annotations

import tracemalloc
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest

from demo.clock import ManualClock
from demo.sample_portal import SamplePortal
from sources.http import Fetcher, FetchError, HttpSettings, make_http_client
from sources.inflate import PIECE_BYTES, Inflater
from tests.support.pollkit import TODAY

CAP = 1024 * 1024
SETTINGS = HttpSettings(timeout_seconds=5.0, retries=0, max_bytes=CAP)
MEETING = "/committees/regionstyrelsen/mote-2026-12-04"
BOMB_BYTES = 200 * 1024 * 1024


@pytest.fixture
async def portal() -> AsyncIterator[SamplePortal]:
    async with SamplePortal(clock=ManualClock.at_local(TODAY)) as p:
        yield p


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with make_http_client("Namndbot-tests (test@example.invalid)", SETTINGS) as c:
        yield c


def _gzip(data: bytes, repeat: int = 1) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    out = b"".join(packer.compress(data) for _ in range(repeat))
    return out + packer.flush()


async def test_gzip_bomb_stops_at_the_cap_as_it_inflates(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    bomb = _gzip(b"\0" * (1024 * 1024), repeat=BOMB_BYTES // (1024 * 1024))
    assert len(bomb) < 300 * 1024  # 200 MB of zeros in a small answer
    portal.serve(MEETING, bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="too large"):
            await Fetcher(client, {}, SETTINGS).fetch(portal.url(MEETING))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The cap plus a few pieces and the buffer's growth; a whole 64 KB read inflated at once
    # would take some 64 MB.
    assert peak < 4 * CAP + len(bomb) + 16 * PIECE_BYTES


async def test_gzip_and_deflate_pages_are_read_whole(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    page = portal.site.page(MEETING, portal.base_url)
    assert page is not None
    raw_deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    answers = {
        "gzip": _gzip(page.content),
        "deflate": zlib.compress(page.content),
        "deflate-raw": raw_deflate.compress(page.content) + raw_deflate.flush(),
    }
    for name, body in answers.items():
        encoding = name.removesuffix("-raw")
        portal.serve(MEETING, body, headers={"Content-Encoding": encoding})
        fetched = await Fetcher(client, {}, SETTINGS).fetch(portal.url(MEETING))
        assert fetched.content == page.content, name


def test_inflater_hands_back_small_pieces() -> None:
    pieces = list(Inflater("gzip").feed(_gzip(b"\0" * (10 * PIECE_BYTES))))
    assert len(pieces) >= 10 and max(len(p) for p in pieces) <= PIECE_BYTES
    with pytest.raises(ValueError, match="unsupported"):
        Inflater("br")


async def test_redirect_to_another_host_is_refused_on_the_same_host_followed(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    async with SamplePortal(clock=ManualClock.at_local(TODAY)) as elsewhere:
        portal.serve("/old", b"", status=302, headers={"Location": elsewhere.url(MEETING)})
        with pytest.raises(FetchError, match="another host"):
            await Fetcher(client, {}, SETTINGS).fetch(portal.url("/old"))
        assert sum(elsewhere.requests.values()) == 0
    portal.serve("/moved", b"", status=301, headers={"Location": MEETING})
    fetched = await Fetcher(client, {}, SETTINGS).fetch(portal.url("/moved"))
    assert b"agenda-list" in fetched.content and fetched.url == portal.url("/moved")
