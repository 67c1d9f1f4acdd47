"""/nytt end to end: a member looks at the agenda, the portal changes one item, the poll stores
it, and /nytt (and the line in /nasta) shows that item and nothing else; the `nw` button opens
it, after which nothing is new. Dates from the test's clock."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from agenda.clock import today
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from storage.chats import current_meeting_id
from tests.support.chatdriver import Member, button_data
from tests.support.portalworld import HSN, World
from tests.support.portalworld import world as make_world

ITEMS = [
    (1, "Mötet öppnas"),
    (2, "Val av justerare"),
    (3, "Budget 2027"),
    (4, "Svar på motion om vårdplatser"),
    (5, "Information om läget i vården"),
]


@pytest.fixture
async def world(tmp_path: Path, clock: ManualClock, fake_api: FakeBotApi) -> AsyncIterator[World]:
    async with make_world(tmp_path, clock, fake_api) as built:
        yield built


async def test_a_change_after_looking_shows_in_nytt_and_nothing_else(world: World) -> None:
    site = world.portal.site
    path = site.publish_meeting(HSN, today(world.clock) + timedelta(days=3), ITEMS)
    await world.poller.run_cycle()
    member, other = Member(world.fake, 601), Member(world.fake, 602)
    for chat in (member, other):
        await chat.say_one("/folj hsn")
    shown = await member.say_one("/nasta")
    assert "Svar på motion om vårdplatser" in shown.text and "Nytt sedan" not in shown.text
    first = await member.say_one("/nytt")
    assert "Inget nytt sedan du tittade" in first.text
    # the seed's agenda, never opened, is named: not under a bare "nothing new since you looked"
    assert first.text.startswith(
        "Inget nytt sedan du tittade, i de dagordningar du har öppnat. Dessa har du inte "
        "öppnat än:\n\n📋 "
    ), first.text

    site.edit_item(path, 4, text="Nämnden föreslås bifalla motionen.")
    await world.poller.run_cycle()

    news = await member.say_one("/nytt")
    assert news.text.count("🆕") == 1, news.text
    assert "🆕 <b>4</b> Svar på motion om vårdplatser – <i>ny text</i>" in news.text
    assert "Budget" not in news.text and "Mötet öppnas" not in news.text
    unseen = await other.say_one("/nytt")  # never opened the agenda: nothing item by item
    assert "🆕" not in unseen.text and "inte öppnat dagordningen" in unseen.text
    # not "nothing new since you looked" to a member who never looked at any agenda
    assert unseen.text.startswith("Du har inte öppnat någon av dagordningarna än."), unseen.text

    again = await member.say_one("/nasta")
    assert "🆕 <b>Nytt sedan du tittade:</b> <b>4</b> (ny text) – /nytt" in again.text
    assert "Inget nytt sedan du tittade" in (await member.say_one("/nytt")).text

    site.edit_item(path, 3, text="Reviderad budget.")
    await world.poller.run_cycle()
    listed = await member.say_one("/nytt")
    assert "nw" in button_data(listed)
    opened = await member.press(listed.message_id, "nw", "sendMessage")
    assert "Nytt sedan du tittade: ny text" in opened.params["text"]
    assert "Reviderad budget." in opened.params["text"]
    assert "Inget nytt sedan du tittade" in (await member.say_one("/nytt")).text


async def test_nasta_over_several_bodies_marks_what_it_shows_and_says_what_is_new(
    world: World,
) -> None:
    """/nasta without a body shows every followed body's next agenda in one message (issue
    20): each is seen by it, like a single meeting's view (issue 21), and each says what is new
    since the member looked."""
    site, day = world.portal.site, today(world.clock)
    site.publish_meeting(HSN, day + timedelta(days=1), ITEMS)
    rs = site.publish_meeting("regionstyrelsen", day + timedelta(days=2), ITEMS[:4])
    await world.poller.run_cycle()
    member = Member(world.fake, 603)
    for body in ("hsn", "rs"):
        await member.say_one(f"/folj {body}")
    shown = await member.say_one("/nasta")
    assert "Hälso- och sjukvårdsnämnden" in shown.text and "Regionstyrelsen" in shown.text
    assert "Svar på motion om vårdplatser" in shown.text  # both agendas in full
    news = await member.say_one("/nytt")
    assert "Inget nytt sedan du tittade" in news.text
    assert "(5 punkter)" not in news.text and "(4 punkter)" not in news.text, news.text

    site.edit_item(rs, 3, text="Reviderad budget.")
    await world.poller.run_cycle()
    again = await member.say_one("/nasta")
    assert again.text.count("🆕") == 1, again.text
    assert "🆕 <b>Nytt sedan du tittade:</b> <b>3</b> (ny text) – /nytt" in again.text
    assert "Inget nytt sedan du tittade" in (await member.say_one("/nytt")).text


async def test_a_flood_summarys_button_marks_its_meeting_seen(world: World) -> None:
    """Four new agendas in one poll reach the member as one summary (issue 19); /nytt names
    them as not opened yet; opening one from the summary's button makes it seen (issue 21)."""
    member = Member(world.fake, 604)
    await member.say_one("/folj hsn")
    day = today(world.clock)
    for k in range(4):
        world.portal.site.publish_meeting(HSN, day + timedelta(days=1 + k), ITEMS[: 2 + k])
    await world.poller.run_cycle()
    await world.deliver()
    (summary,) = [m for m in world.fake.sent_messages(604) if "nya kallelser" in m.text]
    assert "4 nya kallelser" in summary.text
    before = await member.say_one("/nytt")
    assert all(f"({n} punkter)" in before.text for n in (2, 3, 4, 5)), before.text
    await member.press(summary.message_id, button_data(summary)[0], "sendMessage")
    after = await member.say_one("/nytt")
    assert "(2 punkter)" not in after.text, after.text  # the first one, opened from the summary
    assert all(f"({n} punkter)" in after.text for n in (3, 4, 5)), after.text


async def test_the_same_view_again_within_a_minute_writes_nothing(world: World) -> None:
    """A repeated /nasta records nothing new (a write may wait for the poll process's
    transaction); a minute later it records the time the member looked again."""
    world.portal.site.publish_meeting(HSN, today(world.clock) + timedelta(days=3), ITEMS)
    await world.poller.run_cycle()
    member = Member(world.fake, 605)
    await member.say_one("/folj hsn")

    async def looked() -> list[str]:
        sql = "SELECT looked_at FROM reading_state WHERE chat_id = 605 ORDER BY meeting_id"
        async with world.db.reader.execute(sql) as cur:
            return [str(r[0]) for r in await cur.fetchall()]

    await member.say_one("/nasta")
    first = await looked()
    assert first
    world.clock.advance(timedelta(seconds=30))
    await member.say_one("/nasta")
    assert await looked() == first
    world.clock.advance(timedelta(minutes=1))
    await member.say_one("/nasta")
    assert (later := await looked()) != first and later > first


async def test_an_item_opened_from_nytt_is_what_a_bare_number_means_after_a_restart(
    world: World,
) -> None:
    """The "next news" button opens an item of meeting A while the chat's row says B (the last
    meeting shown): the row must say A too, or after a restart `4` shows B's item 4."""
    site, day = world.portal.site, today(world.clock)
    a = site.publish_meeting(HSN, day + timedelta(days=3), ITEMS)
    site.publish_meeting("regionstyrelsen", day + timedelta(days=5), ITEMS)
    await world.poller.run_cycle()
    member = Member(world.fake, 606)
    await member.say_one("/folj hsn")
    await member.say_one("/nasta hsn")  # A is current
    site.edit_item(a, 4, text="Nämnden föreslås bifalla motionen.")
    await world.poller.run_cycle()
    await member.say_one("/nasta rs")  # B is current

    async def current() -> int | None:
        return await current_meeting_id(world.db, 606)

    b_id = await current()
    listed = await member.say_one("/nytt")
    await member.press(listed.message_id, "nw", "sendMessage")
    assert (await current()) not in (None, b_id)
