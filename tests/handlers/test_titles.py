"""Titles a member can scan (issue 20, point 1), end to end through the real Application.

An entry the page left untitled gets a title from evidence only (the subject line of its read
tjänsteskrivelse, a document's name without `Bilaga` and the extension, the same case's printed
title at another meeting), marked as taken from there; without evidence it keeps the first
clause in italics. Section headings are groups, not items; buttons carry the number and the
title's first words. Dates come from the test's clock.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from agenda.clock import today
from agenda.model import Attachment, Body, Item, Meeting
from demo.clock import ManualClock
from sources.documents import DocumentReader
from sources.http import Fetcher
from storage.db import Database
from storage.http_cache import load_cache
from storage.meetings import upsert_meeting
from tests.support import pdfmaker
from tests.support.chatdriver import Member
from tests.support.pdfserver import Files, serving
from tests.support.world import PORTAL, USER_CHAT_ID

pytestmark = pytest.mark.usefixtures("bot_app")
MOTION = "Svar på motion om kvalificerad vård i hemmet för fler patienter"
FALLS = "Förslag på fallpreventiva åtgärder i Jämtlands län"


@pytest.fixture
def files() -> Iterator[Files]:
    with serving() as served:
        yield served


def body(slug: str, name: str) -> Body:
    return Body(slug, name, PORTAL)


async def _committee(db: Database, files: Files, clock: ManualClock) -> int:
    """A committee meeting whose entries lost their titles, with the evidence around it."""
    day = today(clock) + timedelta(days=2)
    memo = f"{files.base}/agenda/tjansteskrivelse-7pdf?downloadMode=open"
    files.files[memo.removeprefix(files.base)] = pdfmaker.tjansteskrivelse_pdf()
    plan = f"{files.base}/agenda/bilaga-2pdf?downloadMode=open"  # never fetched: its name tells
    earlier = Meeting(
        body("regionstyrelsen", "Regionstyrelsen"),
        url=f"{PORTAL}/committees/regionstyrelsen/mote-{(day - timedelta(days=30)).isoformat()}",
        date=day - timedelta(days=30),
        items=[Item(5, title=FALLS, text="Ärendet RS/2147/2018 behandlades.")],
    )
    await upsert_meeting(db, earlier)
    meeting = Meeting(
        body("kulturnamnden", "Kulturnämnden"),
        url=f"{PORTAL}/committees/kulturnamnden/mote-{day.isoformat()}",
        date=day,
        items=[
            Item(1, title="Val av justerare", procedural=True),
            Item(text="Ann-Marie Johansson (S) har inkommit med en motion om vård i hemmet.",
                 attachments=[Attachment("Tjänsteskrivelse", memo)]),
            Item(text="Regionfullmäktige fastställde en regionplan, och nämnden ska nu göra sin.",
                 attachments=[Attachment("Bilaga 2 Verksamhetsplan 2019.pdf", plan)]),
            Item(text="Fallskadorna bland äldre ska minska.", case_numbers=["RS/2147/2018"]),
            Item(23, title="TILL FULLMÄKTIGE"),
            Item(text="Sammanfattningsvis hade nämnden en negativ budgetavvikelse i februari."),
        ],
    )  # fmt: skip
    meeting_id = (await upsert_meeting(db, meeting)).meeting_id
    async with httpx.AsyncClient() as client:
        await DocumentReader(db).run(Fetcher(client, await load_cache(db)), today(clock))
    return meeting_id


async def test_untitled_entries_get_titles_from_evidence_only(
    member: Member, seeded_db: Database, files: Files, clock: ManualClock
) -> None:
    meeting_id = await _committee(seeded_db, files, clock)
    sent = await member.say_one("/nasta kulturnämnden")
    lines = sent.text.splitlines()
    assert any(x.startswith(f"<b>•</b> {MOTION} 📄") for x in lines)  # the memo's subject line
    assert "<b>•</b> Verksamhetsplan 2019 📄" in lines  # the document's name
    assert f"<b>•</b> {FALLS} 🔗" in lines  # the same case's title elsewhere
    no_evidence = next(line for line in lines if "Sammanfattningsvis" in line)
    assert no_evidence.startswith("<b>•</b> – <i>Sammanfattningsvis") and "📄" not in no_evidence
    assert "hämtad ur punktens handling" in sent.text and "samma ärende" in sent.text
    # A heading groups, it is no item: no line, no button of its own.
    assert "<b>Till fullmäktige</b>" in lines and "TILL FULLMÄKTIGE" not in sent.text
    assert lines.index("<b>Till fullmäktige</b>") < lines.index(no_evidence)
    labels = {data: text for text, data in sent.buttons()}
    assert f"i:{meeting_id}:4" not in labels and f"i:{meeting_id}:5" in labels
    assert labels[f"i:{meeting_id}:1"].startswith("Svar på motion")
    assert labels[f"i:{meeting_id}:0"].startswith("1 Val av")  # the number and the first words
    assert all(len(label) <= 26 for label in labels.values())


async def test_an_item_view_says_where_its_title_was_taken_from(
    member: Member, seeded_db: Database, files: Files, clock: ManualClock
) -> None:
    await _committee(seeded_db, files, clock)
    await member.say_one("/nasta kulturnämnden")
    memo_press = await member.fake.wait_for_messages(USER_CHAT_ID, 1)
    sent = memo_press[-1]
    data = next(d for text, d in sent.buttons() if text.startswith("Svar på motion"))
    assert data is not None
    call = await member.press(sent.message_id, data, "sendMessage")
    text = call.params["text"]
    assert f"<b>{MOTION}</b> 📄" in text
    assert "Rubriken saknas på sidan; den är hämtad ur" in text and "Tjänsteskrivelse</a>" in text


async def test_the_seed_agenda_heading_is_a_group_not_an_item(member: Member) -> None:
    sent = await member.say_one("/nasta rs")
    assert "<b>Till fullmäktige</b>" in sent.text.splitlines()
    assert "TILL FULLMÄKTIGE" not in sent.text
    assert not any("FULLMÄKTIGE" in text for text, _ in sent.buttons())
    assert any(text.startswith("4 ") for text, _ in sent.buttons())
