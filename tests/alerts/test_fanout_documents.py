"""The documents' alerts end to end: real PDFs over HTTP → documents step → events + outbox in
one transaction → sender → fake Bot API. A late attachment is a reply to the first alert naming
item and document; the minutes' decisions are a reply listing them per item; a followed case
alerts when it appears somewhere new.

Meetings lie around 2031-06-01, the database's clock and the documents step's `today`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from agenda.model import Attachment, Body, Item, Meeting
from agenda.parse import parse_page
from agenda.stem import query_term
from alerts.fanout import enqueue_alerts
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from sources.documents import DocumentReader
from sources.http import Fetcher
from storage.cases import follow_case
from storage.db import Database
from storage.http_cache import load_cache
from storage.meetings import upsert_meeting
from storage.watches import add_watch
from tests import pdfmaker
from tests.fixtures import seed_text
from tests.jobs.outbox_helpers import add_chats, add_follow, drain_until, drained, make_bot, sender
from tests.pdfserver import Files, serving

PORTAL = "https://forum.example"
DOCS_TODAY = date(2031, 6, 1)
MOTION = "Svar på motion om kvalificerad vård i hemmet för fler patienter"
FOLLOWER, CASE_FOLLOWER = 21, 22


@pytest.fixture
def files() -> Iterator[Files]:
    with serving() as served:
        yield served


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "nb.sqlite3", ManualClock.at_local(DOCS_TODAY))
    yield database
    await database.close()


def _assembly(files: Files, extra: list[Attachment] | None = None) -> Meeting:
    memo = Attachment("Tjänsteskrivelse", f"{files.base}/agenda/tjanste.pdf")
    return Meeting(
        Body("regionfullmaktige", "Regionfullmäktige", PORTAL),
        url=f"{PORTAL}/committees/regionfullmaktige/mote-2031-06-10",
        date=date(2031, 6, 10),
        items=[
            Item(number=1, title="Mötet öppnas"),
            Item(number=4, title=MOTION, attachments=[memo, *(extra or [])]),
        ],
    )


async def _documents(db: Database) -> None:
    async with httpx.AsyncClient() as client:
        reader = DocumentReader(db, on_events=enqueue_alerts)
        await reader.run(Fetcher(client, await load_cache(db)), DOCS_TODAY)


async def _body_id(db: Database, slug: str) -> int:
    async with db.reader.execute("SELECT id FROM bodies WHERE slug = ?", (slug,)) as cur:
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def test_a_late_attachment_is_a_reply_naming_item_and_document(
    db: Database, files: Files, fake_api: FakeBotApi
) -> None:
    files.files["/agenda/tjanste.pdf"] = pdfmaker.tjansteskrivelse_pdf()
    earlier = Meeting(
        _assembly(files).body, url=f"{PORTAL}/x/mote-2031-01-10", date=date(2031, 1, 10)
    )
    await upsert_meeting(db, earlier)  # the body exists, so a chat can follow it
    await add_follow(db, FOLLOWER, await _body_id(db, "regionfullmaktige"))
    await add_chats(db, CASE_FOLLOWER)
    await follow_case(db, CASE_FOLLOWER, "HSN-2019-203", "HSN/203/2019")
    await upsert_meeting(db, _assembly(files), on_events=enqueue_alerts)  # the first alert
    await _documents(db)  # the first listing is the baseline: no document alert
    files.files["/komp.pdf"] = pdfmaker.text_pdf("Kompletterande yttrande om hemsjukvården.")
    late = Attachment("Kompletterande yttrande", f"{files.base}/komp.pdf")
    await upsert_meeting(db, _assembly(files, [late]), on_events=enqueue_alerts)
    await _documents(db)
    async with make_bot(fake_api) as bot:
        await drain_until(sender(db, bot), drained(db))
    sent = fake_api.records.sent_messages(FOLLOWER)
    first, supplement = sent[0], sent[-1]
    assert "Kompletterande handling" in supplement.text
    assert f"punkt 4 {MOTION}" in supplement.text
    assert f'<a href="{files.base}/komp.pdf">Kompletterande yttrande</a>' in supplement.text
    assert supplement.reply_to_message_id == first.message_id
    assert not any("Kompletterande handling" in m.text for m in sent[:-1])
    (case_alert,) = fake_api.records.sent_messages(CASE_FOLLOWER)
    assert "Ärende HSN/203/2019 på nytt ställe" in case_alert.text
    assert "Regionfullmäktige" in case_alert.text and "i en handling" in case_alert.text


async def test_the_minutes_decisions_are_a_reply_item_by_item(
    db: Database, files: Files, fake_api: FakeBotApi
) -> None:
    url = f"{PORTAL}/committees/sociala-vard-och-omsorgsgruppen/mote-2031-05-20"
    agenda = parse_page(seed_text("004"), url=url)
    agenda.date = date(2031, 5, 20)
    await upsert_meeting(db, agenda)
    await add_follow(db, FOLLOWER, await _body_id(db, "sociala-vard-och-omsorgsgruppen"))
    files.files["/protocol/protokoll.pdf"] = pdfmaker.minutes_pdf()
    agenda.minutes_url = f"{files.base}/protocol/protokoll.pdf"
    await upsert_meeting(db, agenda, on_events=enqueue_alerts)  # the minutes alert
    await _documents(db)  # the decisions
    async with make_bot(fake_api) as bot:
        await drain_until(sender(db, bot), drained(db))
    *_, minutes, decisions = fake_api.records.sent_messages(FOLLOWER)
    assert "Protokollet är publicerat" in minutes.text
    assert "Besluten ur protokollet" in decisions.text
    assert decisions.reply_to_message_id is not None
    text = decisions.text
    assert "<b>§ 18</b> punkt 3 Fastställande av dagordning\nDagordningen fastställs." in text
    assert "<b>§ 23</b> punkt 8 Bildandet av kommunförbund" in text
    assert "SVOM ställer sig bakom inriktningen i skrivelsen." in text
    assert "<b>Reservation:</b> Anna Granevärn (M)" in text
    assert text.index("§ 16") < text.index("§ 23") < text.index("§ 28")


async def test_a_watch_word_only_the_document_has_alerts_naming_the_document(
    db: Database, files: Files, fake_api: FakeBotApi
) -> None:
    files.files["/agenda/tjanste.pdf"] = pdfmaker.tjansteskrivelse_pdf()
    await upsert_meeting(db, _assembly(files), on_events=enqueue_alerts)
    await add_chats(db, 23, 24)
    await add_watch(db, 23, "fullmäktigesekreterare", query_term("fullmäktigesekreterare"))
    await add_watch(db, 24, "motion", query_term("motion"))  # the item's own title has it
    await _documents(db)
    await _documents(db)  # read once: alerted once
    async with make_bot(fake_api) as bot:
        await drain_until(sender(db, bot), drained(db))
    (alert,) = fake_api.records.sent_messages(23)
    assert "Bevakning: fullmäktigesekreterare" in alert.text
    assert f"<b>punkt 4 {MOTION}</b>" in alert.text
    assert f'Hittat i <a href="{files.base}/agenda/tjanste.pdf">Tjänsteskrivelse</a>' in alert.text
    assert "Fullmäktigesekreterare" in alert.text  # the snippet around the word
    assert [d for _, d in alert.buttons()] == [f"i:{(await _meeting_id(db))}:1"]
    assert fake_api.records.sent_messages(24) == []


async def _meeting_id(db: Database) -> int:
    async with db.reader.execute("SELECT id FROM meetings WHERE url LIKE '%2031-06-10'") as cur:
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def test_a_past_meetings_document_alerts_no_watch_and_no_supplement(
    db: Database, files: Files, fake_api: FakeBotApi
) -> None:
    files.files["/agenda/tjanste.pdf"] = pdfmaker.tjansteskrivelse_pdf()
    past = _assembly(files)
    past.url, past.date = (
        f"{PORTAL}/committees/regionfullmaktige/mote-2020-03-10",
        date(2020, 3, 10),
    )
    await upsert_meeting(db, past)
    await add_follow(db, FOLLOWER, await _body_id(db, "regionfullmaktige"))
    await add_chats(db, 23)
    await add_watch(db, 23, "fullmäktigesekreterare", query_term("fullmäktigesekreterare"))
    async with httpx.AsyncClient() as client:
        reader = DocumentReader(db, on_events=enqueue_alerts)
        await reader.run(Fetcher(client, await load_cache(db)), DOCS_TODAY)
    async with db.reader.execute("SELECT count(*) FROM outbox") as cur:
        row = await cur.fetchone()
    assert row is not None and row[0] == 0  # last month's documents are no news
