"""Documents end to end through the real Application: /punkt shows the proposal with its
document link and, after the meeting, the decision; /sok finds a word only a PDF has.

The documents step runs with a `today` derived from the stored meeting's own date, and items are
opened with their buttons, so nothing depends on the calendar; the sample portal's dates and the
poller's `today` are both the same day, whichever it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import httpx
import pytest
from telegram.ext import Application

from agenda.model import Attachment, Body, Item, Meeting
from agenda.parse import parse_page
from alerts.fanout import enqueue_alerts
from alerts.sender import Sender
from demo.fake_api import FakeBotApi
from demo.sample_portal import SamplePortal
from jobs.documents import DocumentStep
from jobs.poll import Poller
from sources.config import SourceConfig
from sources.documents import DocumentReader, DocumentSettings
from sources.http import Fetcher
from storage.db import Database
from storage.http_cache import load_cache
from storage.meetings import get_meeting, upsert_meeting
from tests import pdfmaker
from tests.conftest import ADMIN_CHAT_ID, PORTAL, USER_CHAT_ID
from tests.fixtures import seed_text
from tests.handlers.chatdriver import Member, button_data
from tests.pdfserver import Files, serving

pytestmark = pytest.mark.usefixtures("bot_app")
ASSEMBLY = "/committees/regionfullmaktige/regionfullmaktige-4711"
MOTION = "Svar på motion om kvalificerad vård i hemmet för fler patienter"


@pytest.fixture
def files() -> Iterator[Files]:
    with serving() as served:
        yield served


@pytest.fixture
def member(fake_api: FakeBotApi) -> Member:
    return Member(fake_api, USER_CHAT_ID)


async def _read_documents(db: Database, today: date) -> None:
    async with httpx.AsyncClient() as client:
        await DocumentReader(db).run(Fetcher(client, await load_cache(db)), today)


async def _assembly(db: Database, files: Files) -> tuple[int, str]:
    url = f"{files.base}/agenda/tjansteskrivelse-hsn-203-2019pdf?downloadMode=open"
    files.files[url.removeprefix(files.base)] = pdfmaker.tjansteskrivelse_pdf()
    meeting = Meeting(
        Body("regionfullmaktige", "Regionfullmäktige", PORTAL),
        url=f"{PORTAL}/committees/regionfullmaktige/regionfullmaktige-4711",
        date=date(2031, 6, 10),
        items=[
            Item(number=1, title="Mötet öppnas"),
            Item(number=4, title=MOTION, attachments=[Attachment("Tjänsteskrivelse", url)]),
        ],
    )
    stored = await upsert_meeting(db, meeting)
    await _read_documents(db, date(2031, 6, 1))
    return stored.meeting_id, url


async def _open_item(member: Member, fake_api: FakeBotApi, meeting_id: int, position: int) -> str:
    anchor = await member.say_one("/hjalp")
    mark = fake_api.mark()
    await fake_api.inject_callback(USER_CHAT_ID, anchor.message_id, f"i:{meeting_id}:{position}")
    (shown,) = await fake_api.wait_for_messages(USER_CHAT_ID, 1, since=mark)
    return shown.text


async def test_item_shows_the_proposal_an_extract_and_the_document_link(
    member: Member, fake_api: FakeBotApi, seeded_db: Database, files: Files
) -> None:
    meeting_id, url = await _assembly(seeded_db, files)
    text = await _open_item(member, fake_api, meeting_id, 1)
    assert "<b>Förslag till beslut:</b>\nHälso- och sjukvårdsnämnden föreslår" in text
    assert "regionfullmäktige\nMotionen anses besvarad." in text
    assert "<b>Diarienummer:</b> HSN/203/2019" in text
    assert f'<a href="{url}">Tjänsteskrivelse</a>' in text.replace("&amp;", "&")
    assert "Ann-Marie Johansson (S) har inkommit med en motion" in text  # verbatim extract


async def test_search_finds_a_word_only_the_pdf_has_and_names_the_document(
    member: Member, seeded_db: Database, files: Files
) -> None:
    before = await member.say_one("/sok fullmäktigesekreterare")
    assert "Inga träffar" in before.text
    meeting_id, _url = await _assembly(seeded_db, files)
    sent = await member.say_one("/sok fullmäktigesekreterare")
    assert "Regionfullmäktige" in sent.text
    assert "Hittat i" in sent.text and "Tjänsteskrivelse</a>" in sent.text
    assert MOTION in sent.text
    assert button_data(sent) == [f"i:{meeting_id}:1"]


async def test_after_the_meeting_the_item_shows_the_decision(
    member: Member,
    fake_api: FakeBotApi,
    seeded_db: Database,
    seed_ids: dict[str, int],
    files: Files,
) -> None:
    stored = await get_meeting(seeded_db, seed_ids["004"])
    assert stored is not None and stored.meeting.date is not None
    meeting = parse_page(seed_text("004"), url=stored.meeting.url)
    meeting.body, meeting.date = stored.meeting.body, stored.meeting.date
    meeting.minutes_url = f"{files.base}/protocol/protokoll.pdf"
    files.files["/protocol/protokoll.pdf"] = pdfmaker.minutes_pdf()
    await upsert_meeting(seeded_db, meeting)
    await _read_documents(seeded_db, stored.meeting.date + timedelta(days=7))
    text = await _open_item(member, fake_api, stored.id, 7)  # agenda item 8
    assert "<b>Beslut:</b> SVOM ställer sig bakom inriktningen i skrivelsen." in text
    assert "<b>Reservation:</b> Anna Granevärn (M) reserverar sig" in text


async def _poll_portal(db: Database, portal: SamplePortal) -> None:
    async with httpx.AsyncClient() as client:
        poller = Poller(
            db,
            client,
            [SourceConfig("meetingsplus", "Exempelportalen", portal.base_url)],
            on_events=enqueue_alerts,
        )
        await poller.run_cycle()
        reader = DocumentReader(db, DocumentSettings(budget=500), on_events=enqueue_alerts)
        report = await DocumentStep(db, client, reader).run()
    assert report is not None and report.errors == 0


async def test_sample_portal_motion_case_and_a_followed_case_alert(
    member: Member,
    fake_api: FakeBotApi,
    seeded_db: Database,
    sample_portal: SamplePortal,
    bot_app: Application[Any, Any, Any, Any, Any, Any],
) -> None:
    await _poll_portal(seeded_db, sample_portal)
    status = (await Member(fake_api, ADMIN_CHAT_ID).say_one("/status")).text
    assert "1 utan sökbar text, 0 olästa" in status and "0 väntar" in status  # the bundled scan
    text = (await member.say_one("/punkt 4 regionfullmäktige")).text
    assert "Motionen anses besvarad." in text
    memo = sample_portal.url(f"{ASSEMBLY}/agenda/tjansteskrivelse-hsn-203-2019pdf")
    assert f'<a href="{memo}?downloadMode=open">Tjänsteskrivelse</a>' in text.replace("&amp;", "&")

    listing = (await member.say_one("/arende HSN/203/2019")).text
    assert "<b>Ärende HSN/203/2019</b>: 2 ställen, äldst först" in listing
    svom, assembly = listing.index("Sociala vård"), listing.index("Regionfullmäktige")
    assert svom < assembly  # the minutes 3 weeks ago, then the assembly's document
    assert "i protokollet" in listing and "i en handling" in listing

    await member.say_one("/folj_arende HSN/203/2019")
    path = next(m.path for m in sample_portal.site.meetings if m.body.slug == "regionstyrelsen")
    rs_item = next(b.number for b in sample_portal.site.meeting(path).agenda if b.number)
    memo_pdf = pdfmaker.text_pdf("Regionstyrelsen yttrar sig i ärende HSN/203/2019.")
    sample_portal.add_attachment(path, rs_item, "Yttrande", "yttrande-hsnpdf", memo_pdf)
    await _poll_portal(seeded_db, sample_portal)
    mark = fake_api.mark()
    await Sender(seeded_db, bot_app.bot).run_until_idle()
    (alert,) = fake_api.sent_messages(USER_CHAT_ID, since=mark)
    assert "Ärende HSN/203/2019 på nytt ställe" in alert.text
    assert "Regionstyrelsen" in alert.text and "i en handling" in alert.text


async def test_the_meeting_shows_each_items_proposal_in_its_line(
    member: Member, fake_api: FakeBotApi, seeded_db: Database, files: Files
) -> None:
    meeting_id, _url = await _assembly(seeded_db, files)
    anchor = await member.say_one("/hjalp")
    mark = fake_api.mark()
    await fake_api.inject_callback(USER_CHAT_ID, anchor.message_id, f"m:{meeting_id}")
    (shown,) = await fake_api.wait_for_messages(USER_CHAT_ID, 1, since=mark)
    assert f"<b>4</b> {MOTION} — <i>förslag: Motionen anses besvarad.</i>" in shown.text
