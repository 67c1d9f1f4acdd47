"""/arende, /folj_arende, /sluta_arende and /foljer end to end through the real Application.

The case appears on an agenda of one body and in a document of another; the documents step
runs with a fixed `today` (meetings in 2031), so nothing depends on the calendar.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest
from telegram.ext import Application

from agenda.model import Attachment, Body, Item, Meeting
from alerts.fanout import enqueue_alerts
from alerts.sender import Sender
from demo.fake_api import FakeBotApi
from sources.documents import DocumentReader
from sources.http import Fetcher
from storage.db import Database
from storage.http_cache import load_cache
from storage.meetings import upsert_meeting
from tests import pdfmaker
from tests.conftest import PORTAL, USER_CHAT_ID
from tests.handlers.chatdriver import Member, button_data
from tests.pdfserver import Files, serving

pytestmark = pytest.mark.usefixtures("bot_app")
MOTION = "Svar på motion om kvalificerad vård i hemmet för fler patienter"


@pytest.fixture
def files() -> Iterator[Files]:
    with serving() as served:
        yield served


@pytest.fixture
def member(fake_api: FakeBotApi) -> Member:
    return Member(fake_api, USER_CHAT_ID)


async def _store(db: Database, files: Files) -> tuple[int, int]:
    files.files["/agenda/tjanste.pdf"] = pdfmaker.tjansteskrivelse_pdf()
    committee = Meeting(
        Body("halso-och-sjukvardsnamnden", "Hälso- och sjukvårdsnämnden", PORTAL),
        url=f"{PORTAL}/committees/halso-och-sjukvardsnamnden/mote-2031-05-02",
        date=date(2031, 5, 2),
        items=[Item(number=9, title=MOTION, text="Dnr HSN/203/2019. Motionen besvaras.")],
    )
    assembly = Meeting(
        Body("regionfullmaktige", "Regionfullmäktige", PORTAL),
        url=f"{PORTAL}/committees/regionfullmaktige/mote-2031-06-10",
        date=date(2031, 6, 10),
        items=[
            Item(number=1, title="Mötet öppnas"),
            Item(
                number=4,
                title=MOTION,
                attachments=[Attachment("Tjänsteskrivelse", f"{files.base}/agenda/tjanste.pdf")],
            ),
        ],
    )
    first = await upsert_meeting(db, committee)
    second = await upsert_meeting(db, assembly)
    return first.meeting_id, second.meeting_id


async def _documents(db: Database) -> None:
    async with httpx.AsyncClient() as client:
        reader = DocumentReader(db, on_events=enqueue_alerts)
        await reader.run(Fetcher(client, await load_cache(db)), date(2031, 4, 25))


async def test_a_followed_case_alerts_and_lists_every_appearance_oldest_first(
    member: Member,
    fake_api: FakeBotApi,
    seeded_db: Database,
    files: Files,
    bot_app: Application[Any, Any, Any, Any, Any, Any],
) -> None:
    assert "Skriv ett diarienummer" in (await member.say_one("/arende")).text
    assert "inte ut som ett diarienummer" in (await member.say_one("/arende vårdplatser")).text
    none = await member.say_one("/case hsn/203/2019")
    assert "Ärende HSN/203/2019 finns inte i någon föredragningslista" in none.text
    done = await member.say_one("/folj_arende hsn/203/2019")
    assert "Du följer nu ärende HSN/203/2019" in done.text
    again = await member.say_one("/folj_arende HSN/203/2019")
    assert "Du följer redan" in again.text
    following = await member.say_one("/foljer")
    assert "<b>Ärenden du följer</b>\n• HSN/203/2019" in following.text

    committee_id, assembly_id = await _store(seeded_db, files)
    await _documents(seeded_db)
    mark = fake_api.mark()
    await Sender(seeded_db, bot_app.bot).run_until_idle()
    alerts = fake_api.sent_messages(USER_CHAT_ID, since=mark)
    assert len(alerts) == 2
    assert all("Ärende HSN/203/2019 på nytt ställe" in a.text for a in alerts)
    assert any(
        "Hälso- och sjukvårdsnämnden" in a.text and "på dagordningen" in a.text for a in alerts
    )
    assert any("Regionfullmäktige" in a.text and "i en handling" in a.text for a in alerts)

    listing = await member.say_one("/arende HSN/203/2019")
    text = listing.text
    assert "<b>Ärende HSN/203/2019</b>: 2 ställen, äldst först" in text
    assert text.index("Hälso- och sjukvårdsnämnden") < text.index("Regionfullmäktige")
    assert "på dagordningen" in text and "i en handling" in text
    assert f'<a href="{files.base}/agenda/tjanste.pdf">handlingen</a>' in text
    assert button_data(listing) == [f"i:{committee_id}:0", f"i:{assembly_id}:1"]

    stop = await member.say_one("/sluta_arende HSN/203/2019")
    assert "Du följer inte längre ärende HSN/203/2019" in stop.text
    assert "Ärenden du följer" not in (await member.say_one("/foljer")).text
