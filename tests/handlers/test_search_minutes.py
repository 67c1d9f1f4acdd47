"""Search you can act on and §§ known from the minutes (issue 20, point 6), end to end.

A minutes hit names the § its words stand under and links the item that § was aligned with,
never an item the meeting does not have and never the PDF's raw URL as text; `/paragraf N`
finds a § that only the minutes PDF knows. A hit on an untitled item has a title line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from agenda.parse import parse_page
from sources.documents import DocumentReader
from sources.http import Fetcher
from storage.db import Database
from storage.http_cache import load_cache
from storage.meetings import get_meeting, upsert_meeting
from tests.fixtures import seed_text
from tests.support import pdfmaker
from tests.support.chatdriver import Member, button_data
from tests.support.pdfserver import Files, serving

pytestmark = pytest.mark.usefixtures("bot_app")


@pytest.fixture
def files() -> Iterator[Files]:
    with serving() as served:
        yield served


def _entries() -> list[tuple[int, str, str, str, str | None]]:
    entries = [
        (p, title, text + (" Kvarnstensgruset diskuteras." if p == 23 else ""), decision, res)
        for p, title, text, decision, res in pdfmaker.MINUTES_004
    ]
    extra = (31, "Extra ärende om bär", "Blåbärsriset i parken.", "Ärendet bordläggs.", None)
    return [*entries, extra]


async def _minutes(db: Database, files: Files, seed_ids: dict[str, int]) -> int:
    """Seed 004's meeting with a minutes PDF (§ 16-28, and § 31 that no item matches)."""
    stored = await get_meeting(db, seed_ids["004"])
    assert stored is not None and stored.meeting.date is not None
    meeting = parse_page(seed_text("004"), url=stored.meeting.url)
    meeting.body, meeting.date = stored.meeting.body, stored.meeting.date
    meeting.minutes_url = f"{files.base}/protocol/protokoll.pdf"
    files.files["/protocol/protokoll.pdf"] = pdfmaker.text_pdf(
        pdfmaker.minutes_text(_entries()), "Protokoll SVOM"
    )
    await upsert_meeting(db, meeting)
    async with httpx.AsyncClient() as client:
        fetcher = Fetcher(client, await load_cache(db))
        await DocumentReader(db).run(fetcher, stored.meeting.date + timedelta(days=7))
    return stored.id


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


async def test_a_minutes_hit_links_its_paragraph_and_item(
    member: Member, seeded_db: Database, files: Files, seed_ids: dict[str, int]
) -> None:
    meeting_id = await _minutes(seeded_db, files, seed_ids)
    sent = await member.say_one("/sok kvarnstensgruset")
    assert "· Punkt 8 · § 23" in sent.text and "Bildandet av kommunförbund" in sent.text
    assert "Hittat i <a href=" in sent.text and ">protokollet</a>, under § 23" in sent.text
    assert files.base not in _visible(sent.text)  # no raw PDF URL to read
    assert button_data(sent) == [f"i:{meeting_id}:7"]


async def test_a_minutes_hit_without_an_item_points_to_the_meeting(
    member: Member, seeded_db: Database, files: Files, seed_ids: dict[str, int]
) -> None:
    meeting_id = await _minutes(seeded_db, files, seed_ids)
    sent = await member.say_one("/sok blåbärsriset")
    assert "§ 31" in sent.text and "Punkt" not in sent.text and "utan nummer" not in sent.text
    assert button_data(sent) == [f"m:{meeting_id}"]  # never an item the meeting lacks


async def test_paragraph_known_only_from_the_minutes(
    member: Member, seeded_db: Database, files: Files, seed_ids: dict[str, int]
) -> None:
    before = await member.say_one("/paragraf 23 svom")
    assert "Jag hittar ingen § 23" in before.text
    await _minutes(seeded_db, files, seed_ids)
    sent = await member.say_one("/paragraf 23 svom")
    assert "§ 23 i protokollet" in sent.text and "gäller punkt 8" in sent.text
    assert "<b>Punkt 8</b>" in sent.text and "<b>Beslut:</b> SVOM ställer sig bakom" in sent.text
    lone = await member.say_one("/paragraf 31 svom")
    assert "<b>§ 31</b>" in lone.text and "Ärendet bordläggs." in lone.text


async def test_a_hit_on_an_untitled_item_has_a_title_line(member: Member) -> None:
    sent = await member.say_one("/sok professionsmiljarden")
    assert "– <i>Med medel från den statliga professionsmiljarden" in sent.text
