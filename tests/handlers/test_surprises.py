"""Answers that never surprise (issue 20, point 4), end to end through the real Application:
suggestion buttons that only show, everyday phrasings of "the next meeting", no cancelled
meeting where another fits, weekdays that mean the day with the meeting, and a current meeting
that survives a restart. Every date is computed from the test's clock."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from telegram.ext import Application

from agenda.clock import today
from agenda.model import Body, Item, Meeting
from bot.config import Config
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.lifecycle import stop_application
from presentation.commands import PUBLIC_COMMANDS, guess, only_shows
from presentation.texts import format_date
from storage.chats import following
from storage.db import Database
from storage.meetings import upsert_meeting
from tests.conftest import PORTAL, SEEDS, USER_CHAT_ID, start_application
from tests.handlers.chatdriver import Member, button_data

App = Application[Any, Any, Any, Any, Any, Any]
pytestmark = pytest.mark.usefixtures("bot_app")


@pytest.fixture
def member(fake_api: FakeBotApi) -> Member:
    return Member(fake_api, USER_CHAT_ID)


async def store(db: Database, slug: str, name: str, day: date, **kw: Any) -> int:
    """Store a meeting of `slug` on `day` (items and `cancelled` from `kw`); its id."""
    meeting = Meeting(
        body=Body(slug=slug, name=name, portal=PORTAL),
        url=f"{PORTAL}/committees/{slug}/mote-{day.isoformat()}",
        date=day,
        **kw,
    )
    return (await upsert_meeting(db, meeting)).meeting_id


async def store_rs(db: Database, day: date, title: str) -> int:
    return await store(db, "regionstyrelsen", "Regionstyrelsen", day, items=[Item(4, title=title)])


# --- a suggestion button never changes anything ---


async def test_a_guessed_unfollow_is_named_but_never_one_tap_away(
    member: Member, seeded_db: Database
) -> None:
    await member.say_one("/folj svom")
    sent = await member.say_one("/beslut svom")
    spec = guess("beslut")
    assert spec is not None and not only_shows(spec)  # the guess is a command that changes
    assert f"/{spec.sv}" in sent.text and button_data(sent) == []
    # Nor does an old or forged button run it.
    await member.press(sent.message_id, f"c:{spec.sv}:svom", "answerCallbackQuery")
    assert [b.slug for b in await following(seeded_db, USER_CHAT_ID)] == [
        "sociala-vard-och-omsorgsgruppen"
    ]


async def test_only_commands_that_show_are_offered_as_buttons(member: Member) -> None:
    changing = {"sluta", "radera", "folj", "paminn", "sluta_bevaka", "sammandrag"}
    showing = {"sok", "nasta", "punkt"}
    specs = {s.sv: s for s in PUBLIC_COMMANDS}
    for name in sorted(changing | showing):
        assert only_shows(specs[name]) == (name in showing), name
        assert guess(f"{name}x") is specs[name]  # one letter off: it is the guess
        sent = await member.say_one(f"/{name}x hsn")
        assert bool(button_data(sent)) == (name in showing), name


# --- everyday phrasings of "the next meeting" ---


@pytest.mark.parametrize(
    "text",
    ["nästa möte", "Nästa möte?", "när är nästa möte?", "vad händer på nästa sammanträde",
     "next meeting", "kommande möte"],
)  # fmt: skip
async def test_next_meeting_in_words(member: Member, text: str) -> None:
    await member.say_one("/folj hsn")
    sent = await member.say_one(text)
    assert sent.text.startswith("<b>Hälso- och sjukvårdsnämnden</b>"), sent.text
    assert "möte" not in sent.text.split("\n")[0]


async def test_next_meeting_of_a_named_body_in_words(member: Member) -> None:
    sent = await member.say_one("när är nästa möte i rs?")
    assert sent.text.startswith("<b>Regionstyrelsen</b>")


# --- a cancelled meeting is never chosen while another fits ---


async def test_an_item_lookup_skips_a_cancelled_meeting(
    member: Member, seeded_db: Database, clock: ManualClock
) -> None:
    spec = SEEDS["004"]
    cancelled = today(clock) + timedelta(days=35)
    await store(seeded_db, spec.body_slug, spec.body_name, cancelled, cancelled=True)
    sent = await member.say_one("/punkt 10 svom")
    assert "<b>Punkt 10</b>" in sent.text
    assert format_date(spec.meeting_date(today(clock)), "sv") in sent.text


# --- a weekday means the next such day that has the body's meeting ---


async def test_a_weekday_is_the_first_such_day_with_a_meeting(
    member: Member, clock: ManualClock
) -> None:
    rs_day = SEEDS["001"].meeting_date(today(clock))  # not this week's such day
    name = format_date(rs_day, "sv").split()[0]
    sent = await member.say_one(f"/punkt 4 rs på {name}")
    assert "<b>Punkt 4</b>" in sent.text and format_date(rs_day, "sv") in sent.text


async def test_todays_weekday_with_the_meeting_next_week(
    member: Member, seeded_db: Database, clock: ManualClock
) -> None:
    now = today(clock)
    await store_rs(seeded_db, now + timedelta(days=7), "Budget nästa vecka")
    name = format_date(now, "sv").split()[0]  # typed on that very weekday
    sent = await member.say_one(f"/punkt 4 rs på {name}")
    assert "Budget nästa vecka" in sent.text


async def test_next_weekday_is_next_weeks(
    member: Member, seeded_db: Database, clock: ManualClock
) -> None:
    now = today(clock)
    tomorrow = now + timedelta(days=1)
    next_week = now - timedelta(days=now.weekday()) + timedelta(days=7 + tomorrow.weekday())
    if next_week == tomorrow:  # on a Sunday `nästa måndag` is the Monday after tomorrow's
        next_week += timedelta(weeks=1)
    await store_rs(seeded_db, tomorrow, "I morgon")
    await store_rs(seeded_db, next_week, "Nästa vecka")
    name = format_date(tomorrow, "sv").split()[0]
    sent = await member.say_one(f"/punkt 4 rs nästa {name}")
    assert "Nästa vecka" in sent.text and format_date(next_week, "sv") in sent.text


# --- what `4` refers to survives a restart ---


async def test_the_current_meeting_survives_a_restart(
    bot_app: App,
    member: Member,
    config: Config,
    seeded_db: Database,
    clock: ManualClock,
) -> None:
    from bot.app import build_application

    await member.say_one("/nasta rs")
    await stop_application(bot_app)
    again = build_application(config, clock, db=seeded_db, start_jobs=False)
    await start_application(again)
    try:
        sent = await member.say_one("4")
        assert "<b>Punkt 4</b>" in sent.text and "<b>Regionstyrelsen</b>" in sent.text
    finally:
        await stop_application(again)
