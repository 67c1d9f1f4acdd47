"""The sample portal's documents: the bundled PDFs are the test generator's, the seed meetings
link them, every other link serves a readable PDF, and live changes add documents."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from agenda.decisions import parse_minutes
from agenda.parse import parse_item_document, parse_page
from demo.clock import ManualClock
from demo.sample_portal import SamplePortal
from sources.pdftext import extract_pdf
from tests.support import pdfmaker
from tests.support.pollkit import RS, TODAY

ROOT = Path(__file__).resolve().parents[2]
ASSEMBLY = "/committees/regionfullmaktige/regionfullmaktige-4711"
SVOM_MINUTES = "/committees/sociala-vard-och-omsorgsgruppen/mote-2026-11-01"


@pytest.fixture
async def portal() -> AsyncIterator[SamplePortal]:
    async with SamplePortal(clock=ManualClock.at_local(TODAY)) as p:
        yield p


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


@pytest.mark.parametrize("name", sorted(pdfmaker.SAMPLE_FILES))
def test_bundled_pdfs_are_what_the_generator_makes(name: str) -> None:
    """Regenerate with `.venv/bin/python -m tests.support.pdfmaker demo/sample_data`."""
    bundled = (ROOT / "demo" / "sample_data" / name).read_bytes()
    assert bundled == pdfmaker.SAMPLE_FILES[name]()


async def _get_pdf(client: httpx.AsyncClient, url: str) -> str:
    response = await client.get(url)
    assert response.headers["content-type"] == "application/pdf"
    result = await extract_pdf(response.content)
    assert result.status == "ok"
    return result.text


async def test_the_motion_links_the_seed_003_tjansteskrivelse(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    page = parse_page((await client.get(portal.url(ASSEMBLY))).content, portal.url(ASSEMBLY))
    item = page.item_by_number(4)
    assert item is not None
    (memo,) = item.attachments
    assert memo.title == "Tjänsteskrivelse" and memo.url
    assert "Motionen anses besvarad." in " ".join((await _get_pdf(client, memo.url)).split())
    scan = page.item_by_number(5)
    assert scan is not None and scan.attachments[0].url
    response = await client.get(scan.attachments[0].url)
    assert (await extract_pdf(response.content)).status == "no_text"


async def test_minutes_pdf_of_seed_004_and_generated_attachments(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    page = parse_page(
        (await client.get(portal.url(SVOM_MINUTES))).content, portal.url(SVOM_MINUTES)
    )
    assert page.minutes_url
    minutes = parse_minutes(await _get_pdf(client, page.minutes_url))
    assert [p.paragraph for p in minutes][:3] == [16, 17, 18]
    rs = parse_page((await client.get(portal.url(RS))).content, portal.url(RS))
    links = [a.url for i in rs.items for a in i.attachments if a.url]
    memo = await _get_pdf(client, links[0])  # a tjänsteskrivelse with its subject line
    assert "Sekretariatet" in memo and parse_item_document(memo).title
    assert "Bilaga" in await _get_pdf(client, links[1])  # the others: a generated page


async def test_live_attachment_and_minutes_with_decisions(
    portal: SamplePortal, client: httpx.AsyncClient
) -> None:
    path = portal.publish_meeting("regionstyrelsen", TODAY, [(1, "Mötet öppnas"), (2, "Budget")])
    portal.add_attachment(path, 2, "Kompletterande yttrande", "yttrandepdf", pdfmaker.minutes_pdf())
    page = parse_page((await client.get(portal.url(path))).content, portal.url(path))
    item = page.item_by_number(2)
    assert item is not None and [a.title for a in item.attachments] == ["Kompletterande yttrande"]
    assert item.attachments[0].url
    assert (await client.get(item.attachments[0].url)).content == pdfmaker.minutes_pdf()
    portal.publish_minutes(path)
    page = parse_page((await client.get(portal.url(path))).content, portal.url(path))
    assert page.minutes_url
    decided = parse_minutes(await _get_pdf(client, page.minutes_url))
    assert [(p.title, p.decision) for p in decided] == [
        ("Mötet öppnas", "Beslut enligt förslag."),
        ("Budget", "Beslut enligt förslag."),
    ]
