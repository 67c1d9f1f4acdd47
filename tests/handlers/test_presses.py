"""Buttons pressed twice, stale buttons, cancelled meetings and meetings without items: each gets
a sensible answer, never the apology ("Något gick fel hos mig")."""

from __future__ import annotations

from datetime import timedelta

import pytest

from agenda.clock import today
from agenda.model import Body, Meeting
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from presentation.texts import format_date
from storage.db import Database
from storage.meetings import upsert_meeting
from tests.support.chatdriver import Member, button_data, press_then
from tests.support.world import PORTAL, SEEDS

pytestmark = pytest.mark.usefixtures("bot_app")
APOLOGY = "Något gick fel"


async def _store(db: Database, slug: str, name: str, days: int, *, cancelled: bool) -> int:
    spec_day = today(db.clock) + timedelta(days=days)
    meeting = Meeting(
        body=Body(slug=slug, name=name, portal=PORTAL),
        url=f"{PORTAL}/committees/{slug}/mote-{spec_day.isoformat()}",
        date=spec_day,
        cancelled=cancelled,
        place="Inställt" if cancelled else None,
    )
    return (await upsert_meeting(db, meeting)).meeting_id


@pytest.fixture
async def cancelled_rs(seeded_db: Database) -> int:
    """A cancelled Regionstyrelsen meeting before the seeded one (seed 001)."""
    days = SEEDS["001"].offset_days or 0
    return await _store(seeded_db, "regionstyrelsen", "Regionstyrelsen", days - 5, cancelled=True)


async def test_double_press_answers_quietly(member: Member, fake_api: FakeBotApi) -> None:
    sent = await member.say_one("/punkt 5 rs")
    data = next(d for d in button_data(sent) if d.startswith("i:"))
    await member.press(sent.message_id, data, "editMessageText")
    between = await press_then(member, sent.message_id, data)
    assert not any(APOLOGY in m.text for m in between)
    assert fake_api.calls("answerCallbackQuery")[-1].ok


async def test_stale_item_button_is_told_gently(member: Member, fake_api: FakeBotApi) -> None:
    sent = await member.say_one("/punkt 5 rs")
    between = await press_then(member, sent.message_id, "i:999999:3")
    assert not any(APOLOGY in m.text for m in between)
    assert fake_api.calls("answerCallbackQuery")[-1].params.get("text")


async def test_cancelled_meeting_from_the_list_opens(member: Member, cancelled_rs: int) -> None:
    listing = await member.say_one("/moten rs")
    assert f"m:{cancelled_rs}" in button_data(listing)
    shown, _ = await press_then(member, listing.message_id, f"m:{cancelled_rs}")
    assert APOLOGY not in shown.text
    assert "INSTÄLLT" in shown.text.upper()


async def test_next_says_the_next_meeting_is_cancelled_and_shows_the_one_after(
    member: Member, cancelled_rs: int, clock: ManualClock
) -> None:
    sent = await member.say_one("/nasta rs")
    day = today(clock) + timedelta(days=(SEEDS["001"].offset_days or 0) - 5)
    assert f"{format_date(day, 'sv')} är inställt" in sent.text.splitlines()[0]
    assert "<b>Regionstyrelsen</b>" in sent.text and "Hörsalen" in sent.text
    svom = await member.say_one("/nasta svom")
    assert APOLOGY not in svom.text


async def test_meeting_without_items_has_no_empty_keyboard(
    member: Member, seeded_db: Database
) -> None:
    meeting_id = await _store(seeded_db, "regionstyrelsen", "Regionstyrelsen", 1, cancelled=False)
    sent = await member.say_one("/nasta rs")
    assert "Regionstyrelsen" in sent.text and not sent.buttons()
    listing = await member.say_one("/moten rs")
    shown, _ = await press_then(member, listing.message_id, f"m:{meeting_id}")
    assert APOLOGY not in shown.text and "Regionstyrelsen" in shown.text


async def test_next_when_the_only_upcoming_meeting_is_cancelled(
    member: Member, seeded_db: Database
) -> None:
    slug, name = SEEDS["002"].body_slug, SEEDS["002"].body_name
    await _store(seeded_db, slug, name, 3, cancelled=True)
    sent = await member.say_one("/nasta svom")
    first, *rest = sent.text.splitlines()
    assert "är inställt" in first and "Inget kommande möte" in rest[-1]


async def test_meetings_list_says_how_many_and_shows_more(
    member: Member, seeded_db: Database
) -> None:
    for weeks in range(1, 7):
        await _store(seeded_db, "regionstyrelsen", "Regionstyrelsen", -7 * weeks, cancelled=False)
    listing = await member.say_one("/moten rs")
    assert "<b>Kommande möten</b> (1 av 1)" in listing.text
    assert "<b>Tidigare möten</b> (5 av 6)" in listing.text
    assert listing.buttons()[-1] == ("Fler ▶", "ml:5")
    more, _ = await press_then(member, listing.message_id, "ml:5")
    assert "<b>Tidigare möten</b> (6 av 6)" in more.text
    assert ("Fler ▶", "ml:10") not in more.buttons()


async def test_an_item_pressed_under_an_agenda_listing_keeps_the_listing(
    member: Member, fake_api: FakeBotApi
) -> None:
    """A message with item buttons and a meeting's button is not always an item view: /nasta
    over two followed bodies shows one agenda with the other's button. An item pressed there
    comes as a new message; only an item view (◀ / ▶) is replaced in place."""
    await member.say_one("/folj hsn")
    await member.say_one("/folj rs")
    listing = await member.say_one("/nasta")
    data = button_data(listing)
    assert any(d.startswith("m:") for d in data), data
    first = next(d for d in data if d.startswith("i:"))
    edits = len(fake_api.calls("editMessageText"))
    item, *_ = await press_then(member, listing.message_id, first)
    assert item.text.startswith("<b>") and "Punkt" in item.text
    assert len(fake_api.calls("editMessageText")) == edits  # the listing is still there
    step = next(d for d in button_data(item) if d.startswith("i:"))
    await member.press(item.message_id, step, "editMessageText")  # an item view steps in place
