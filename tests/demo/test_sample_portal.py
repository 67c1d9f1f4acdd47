"""The sample portal as a real HTTP server: pages in the agreed markup that the parser reads,
conditional GET, live changes in-process and over the control API, and its CLI."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from agenda.parse import parse_page
from demo.clock import ManualClock
from demo.sample_portal import SamplePortal
from tests.fixtures import seed_bytes
from tests.support.pollkit import HSN, RS, SVOM_OLD, TODAY

ROOT = Path(__file__).resolve().parents[2]
SVOM_MINUTES = "/committees/sociala-vard-och-omsorgsgruppen/mote-2026-11-01"


@pytest.fixture
async def portal() -> AsyncIterator[SamplePortal]:
    async with SamplePortal(clock=ManualClock.at_local(TODAY)) as p:
        yield p


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


async def test_meeting_pages_parse_as_their_seeds(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    rs = parse_page((await client.get(portal.url(RS))).content, portal.url(RS))
    assert (rs.body.name, rs.date, rs.place) == (
        "Regionstyrelsen",
        date(2026, 12, 4),
        "Hörsalen 08.30-12.00 och Styrelserummet 13.00-17.20",
    )
    item = rs.item_by_number(2)
    assert item is not None and "justerare" in (item.title or "")
    assert any(a.url and "/agenda/" in a.url for i in rs.items for a in i.attachments)
    assert rs.minutes_url is None and not rs.cancelled
    # The served page carries the same agenda as the seed text: numbers 2..27 (3-22 and 24-26
    # inferred); the list after a `Bilagor` is an entry of its own, not glued to that item.
    seed = parse_page(seed_bytes("001"))
    assert [i.number for i in rs.items] == [i.number for i in seed.items] == list(range(2, 28))
    svom = parse_page(
        (await client.get(portal.url(SVOM_MINUTES))).content, portal.url(SVOM_MINUTES)
    )
    assert svom.minutes_url and svom.minutes_url.endswith("pdf?downloadMode=open")
    item2 = svom.item_by_number(2)
    assert item2 is not None and item2.paragraph == 17
    old = parse_page((await client.get(portal.url(SVOM_OLD))).content, portal.url(SVOM_OLD))
    assert old.item_by_paragraph(54) is not None


async def test_listing_pages_and_feed(portal: SamplePortal, client: httpx.AsyncClient) -> None:
    committees = (await client.get(portal.url("/committees"))).text
    assert 'href="/committees/regionstyrelsen"' in committees
    body = (await client.get(portal.url("/committees/regionstyrelsen"))).text
    assert f'href="{RS}" aria-label="Möte 2026-12-04"' in body and "Kommande" in body
    feed = (await client.get(portal.url("/feed.rss"))).text
    assert portal.url(HSN) in feed and "Justerat protokoll" in feed
    attachment = await client.get(portal.url(RS + "/agenda/tjansteskrivelse-1pdf"))
    assert attachment.content.startswith(b"%PDF")
    assert (await client.get(portal.url("/nope"))).status_code == 404


async def test_etag_and_last_modified_are_honoured(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    first = await client.get(portal.url(RS))
    by_etag = await client.get(portal.url(RS), headers={"If-None-Match": first.headers["etag"]})
    by_date = await client.get(
        portal.url(RS), headers={"If-Modified-Since": first.headers["last-modified"]}
    )
    assert (by_etag.status_code, by_date.status_code) == (304, 304)
    portal.edit_item(RS, 2, title="Ny titel")
    changed = await client.get(portal.url(RS), headers={"If-None-Match": first.headers["etag"]})
    assert changed.status_code == 200 and "Ny titel" in changed.text
    assert changed.headers["last-modified"] != first.headers["last-modified"]
    assert portal.conditional[RS] == 3 and portal.not_modified[RS] == 2


async def test_fault_answers_byte_for_byte(portal: SamplePortal, client: httpx.AsyncClient) -> None:
    portal.inject("/a", "500")
    portal.inject("/b", "garbage")
    portal.inject("/c", "not_xml")
    portal.inject("/d", "redirect_loop")
    error, garbage, not_xml, redirect = [
        await client.get(portal.url(p)) for p in ("/a", "/b", "/c", "/d")
    ]
    assert (error.status_code, error.content) == (500, b"Internal error")
    assert garbage.content == bytes(range(256)) * 64
    assert garbage.headers["content-type"] == "text/html; charset=utf-8"
    assert not_xml.headers["content-type"] == "application/rss+xml"
    assert (redirect.status_code, redirect.headers["location"]) == (302, "/d")
    assert "content-type" not in redirect.headers
    portal.inject(RS, "drip")
    async with client.stream("GET", portal.url(RS)) as dripping:
        first = await anext(dripping.aiter_raw())
    assert first == b"<" and "content-length" not in dripping.headers
    portal.inject(RS, "huge")
    async with client.stream("GET", portal.url(RS)) as huge:
        received = 0
        async for chunk in huge.aiter_raw():
            received += len(chunk)
            if received > 1_000_000:
                break
    assert received > 1_000_000 and "content-length" not in huge.headers
    portal.heal()
    assert (await client.get(portal.url(RS))).status_code == 200
    assert portal.requests[RS] == 3


async def test_control_api_changes_the_site(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    made = (
        await client.post(
            portal.url("/_control/publish"), json={"body": "regionstyrelsen", "days": 3}
        )
    ).json()
    assert made == {"ok": True, "path": "/committees/regionstyrelsen/mote-2026-11-25"}
    assert made["path"] in (await client.get(portal.url("/committees/regionstyrelsen"))).text
    edit = {"path": made["path"], "number": 4, "title": "Tilläggsärende: vårdplatser"}
    assert (await client.post(portal.url("/_control/edit"), json=edit)).json()["ok"]
    assert "vårdplatser" in (await client.get(portal.url(made["path"]))).text
    for action in ("minutes", "cancel"):
        answer = await client.post(portal.url(f"/_control/{action}"), json={"path": made["path"]})
        assert answer.json()["ok"]
    page = parse_page(
        (await client.get(portal.url(made["path"]))).content, portal.url(made["path"])
    )
    assert page.cancelled and page.minutes_url
    bad = await client.post(portal.url("/_control/publish"), content=b"not json")
    assert bad.status_code == 400 and not bad.json()["ok"]
    unknown = await client.post(portal.url("/_control/explode"), json={})
    assert unknown.status_code == 400 and "unknown action" in unknown.json()["error"]
    listed = (await client.post(portal.url("/_control/meetings"), json={})).json()
    assert made["path"] in listed["paths"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_cli_serves_until_interrupted() -> None:
    port = _free_port()
    with subprocess.Popen(  # the context closes its stdout pipe (else a ResourceWarning)
        [sys.executable, "-m", "bot", "sample-portal", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    ) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            assert f"http://127.0.0.1:{port}/committees" in line
            with httpx.Client() as c:
                assert c.get(f"http://127.0.0.1:{port}/committees").status_code == 200
                answer = c.post(f"http://127.0.0.1:{port}/_control/meetings", content=b"{}")
                assert json.loads(answer.text)["ok"]
            proc.send_signal(signal.SIGINT)
            assert proc.wait(timeout=10) == 0
        finally:
            proc.kill()


async def test_counters_count_requests_and_connections_then_reset(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    for _ in range(3):
        await client.get(portal.url(RS))
    async with httpx.AsyncClient() as other:  # a second connection
        await other.get(portal.url(RS))
    first = (await client.post(portal.url("/_control/counters"))).json()
    assert first == {"requests": 4, "not_modified": 0, "connections": 2}
    again = (await client.post(portal.url("/_control/counters"))).json()
    assert again == {"requests": 0, "not_modified": 0, "connections": 0}
