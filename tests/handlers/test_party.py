"""The party group end to end: an admin makes a group the party group of a body; a new agenda
brings the items to decide as replies under its alert (or a forum topic each); members set the
group's lines, /linjer shows them, the reminder before the meeting lists them, and nowhere else
are they shown; /radera removes them with the reading state. Dates from the test's clock."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from agenda.clock import STOCKHOLM, today
from alerts.reminders import enqueue_due_reminders
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from presentation.texts import format_date
from tests.handlers.test_news import ITEMS
from tests.support.chatdriver import Member, button_data
from tests.support.pollkit import rows
from tests.support.portalworld import HSN, World
from tests.support.portalworld import world as make_world

GROUP, FORUM, ADMIN, PLAIN, PRIVATE = -100700, -100701, 71, 72, 73


@pytest.fixture
async def world(tmp_path: Path, clock: ManualClock, fake_api: FakeBotApi) -> AsyncIterator[World]:
    async with make_world(tmp_path, clock, fake_api) as built:
        yield built


async def test_lines_are_set_shown_reminded_and_erased(world: World) -> None:
    world.fake.set_member_status(GROUP, ADMIN, "administrator")
    admin, plain = Member(world.fake, GROUP, user_id=ADMIN), Member(world.fake, GROUP, PLAIN)
    private = Member(world.fake, PRIVATE)
    assert "bara gruppens admins" in (await plain.say_one("/partigrupp hsn")).text.lower()
    assert (
        "partigrupp för <b>Hälso- och sjukvårdsnämnden</b>"
        in (await admin.say_one("/partigrupp hsn")).text
    )
    await private.say_one("/folj hsn")
    for chat in (admin, private):
        await chat.say_one("/paminn 1d")

    day = today(world.clock) + timedelta(days=3)
    world.portal.site.publish_meeting(HSN, day, ITEMS)
    await world.poller.run_cycle()
    await world.deliver()
    sent = world.fake.sent_messages(GROUP)
    (alert,) = [m for m in sent if "Ny kallelse" in m.text]
    items = [m for m in sent if m.text.startswith("🗳")]
    assert [m.text.split("\n")[0] for m in items] == [
        "🗳 <b>Punkt 3</b> Budget 2027",
        "🗳 <b>Punkt 4</b> Svar på motion om vårdplatser",
    ]
    assert all(m.reply_to_message_id == alert.message_id for m in items)
    assert not [m for m in world.fake.sent_messages(PRIVATE) if m.text.startswith("🗳")]

    assert "<b>bifall</b>" in (await plain.say_one("/linje 4 bifall")).text
    await plain.say_one("/linje 3 återremiss – underlaget saknar konsekvensanalys")
    lines = await admin.say_one("/linjer")
    assert "<b>4</b> Svar på motion om vårdplatser: <b>bifall</b>" in lines.text
    assert "återremiss – underlaget saknar konsekvensanalys" in lines.text
    assert "Partigruppens" not in (await private.say_one("/linjer")).text  # not a party group

    start = datetime.combine(day - timedelta(days=1), time(9, 30), tzinfo=STOCKHOLM)
    world.clock.set(start)
    await enqueue_due_reminders(world.db)
    await world.deliver()
    (reminder,) = [m for m in world.fake.sent_messages(GROUP) if "Påminnelse</b>" in m.text]
    assert "Gruppens linjer:" in reminder.text
    assert "<b>4</b> Svar på motion om vårdplatser: <b>bifall</b>" in reminder.text
    private_reminders = [m for m in world.fake.sent_messages(PRIVATE) if "Påminnelse" in m.text]
    assert private_reminders and all("bifall" not in m.text for m in private_reminders)

    await admin.say_one("/nasta")  # a reading state of the group
    privacy = await admin.say_one("/integritet")
    assert "Läsläge för 1 möte:" in privacy.text
    assert "Partigrupp för <b>Hälso- och sjukvårdsnämnden</b>, med gruppens linjer (2)" in (
        privacy.text
    )
    ask = await admin.say_one("/radera")
    done = await admin.press(ask.message_id, button_data(ask)[0], "editMessageText")
    assert "läsläget (1) och gruppens linjer (2)" in done.params["text"]
    for table in ("party_lines", "reading_state", "party_groups"):
        assert await rows(world.db, f"SELECT count(*) FROM {table}") == [(0,)]


async def test_a_forum_group_gets_a_topic_per_item_and_lines_in_it(world: World) -> None:
    world.fake.set_member_status(FORUM, ADMIN, "creator")
    admin = Member(world.fake, FORUM, user_id=ADMIN, extra={"is_topic": True})
    assert "ett ämne per punkt" in (await admin.say_one("/partigrupp hsn")).text
    world.portal.site.publish_meeting(HSN, today(world.clock) + timedelta(days=3), ITEMS)
    await world.poller.run_cycle()
    await world.deliver()
    assert sorted(world.fake.state.topics.values()) == [
        "Punkt 3: Budget 2027",
        "Punkt 4: Svar på motion om vårdplatser",
    ]
    (motion,) = [m for m in world.fake.sent_messages(FORUM) if "<b>Punkt 4</b>" in m.text]
    assert motion.thread_id is not None and (FORUM, motion.thread_id) in world.fake.state.topics
    in_topic = Member(
        world.fake, FORUM, user_id=ADMIN, extra={"is_topic": True, "thread_id": motion.thread_id}
    )
    set_there = await in_topic.say_one("/linje avslag")
    assert "punkt 4" in set_there.text and "<b>avslag</b>" in set_there.text
    assert (
        "<b>4</b> Svar på motion om vårdplatser: <b>avslag</b>"
        in (await admin.say_one("/linjer")).text
    )


async def test_a_line_from_the_hint_lands_on_the_agenda_that_brought_it(world: World) -> None:
    """The agenda just published need not be the body's next meeting: the hint under each of
    its items names its day, and the line typed from the hint lands on that meeting; without a
    day a line goes to the next meeting, and in an item's forum topic to the topic's meeting."""
    world.fake.set_member_status(GROUP, ADMIN, "administrator")
    world.fake.set_member_status(FORUM, ADMIN, "creator")
    admin = Member(world.fake, GROUP, user_id=ADMIN)
    forum = Member(world.fake, FORUM, user_id=ADMIN, extra={"is_topic": True})
    await admin.say_one("/partigrupp hsn")
    await forum.say_one("/partigrupp hsn")
    soon = today(world.clock) + timedelta(days=3)
    world.portal.site.publish_meeting(HSN, soon, ITEMS)
    await world.poller.run_cycle()
    await world.deliver()
    later = soon + timedelta(days=14)
    world.portal.site.publish_meeting(HSN, later, ITEMS)
    await world.poller.run_cycle()
    await world.deliver()

    (hint,) = [
        m
        for m in world.fake.sent_messages(GROUP)
        if "<b>Punkt 4</b>" in m.text and later.isoformat() in m.text
    ]
    typed = re.search(r"<code>(/linje 4 [^<]*)</code>", hint.text)
    assert typed is not None and typed.group(1) == f"/linje 4 {later.isoformat()} bifall"
    assert format_date(later, "sv") in (await admin.say_one(typed.group(1))).text
    assert format_date(soon, "sv") in (await admin.say_one("/linje 3 avslag")).text
    lines = await rows(
        world.db,
        "SELECT m.date, l.number, l.line FROM party_lines l"
        " JOIN meetings m ON m.id = l.meeting_id WHERE l.chat_id = ? ORDER BY m.date",
        GROUP,
    )
    assert lines == [(soon.isoformat(), 3, "avslag"), (later.isoformat(), 4, "bifall")]

    (topic,) = [
        m
        for m in world.fake.sent_messages(FORUM)
        if "<b>Punkt 4</b>" in m.text and later.isoformat() in m.text
    ]
    in_topic = Member(
        world.fake, FORUM, user_id=ADMIN, extra={"is_topic": True, "thread_id": topic.thread_id}
    )
    assert format_date(later, "sv") in (await in_topic.say_one("/linje återremiss")).text
    assert format_date(later, "sv") in (await in_topic.say_one("/linje 3 avslag")).text
    await admin.say_one("/linje 3 1/3 till förvaltningen, resten avslag")  # a line, no date
    assert "1/3 till förvaltningen" in (await admin.say_one("/linjer")).text
    assert "<b>bifall</b>" in (await admin.say_one(f"/linjer {later.isoformat()}")).text
    world.clock.set(datetime.combine(later + timedelta(days=1), time(9), tzinfo=STOCKHOLM))
    assert "redan har hållits" in (await in_topic.say_one("/linje bifall")).text
    assert await rows(
        world.db,
        "SELECT l.number, l.line FROM party_lines l JOIN meetings m ON m.id = l.meeting_id"
        " WHERE l.chat_id = ? AND m.date = ? ORDER BY l.number",
        FORUM,
        later.isoformat(),
    ) == [(3, "avslag"), (4, "återremiss")]


async def test_a_party_group_in_digest_mode_gets_the_agenda_and_its_items_together(
    world: World,
) -> None:
    """A party group that reads its other alerts once a day (/sammandrag på): a new agenda of
    its body still comes at once with its items to decide as replies under it; the items
    never go out alone, replying to an alert that waits for tomorrow's digest."""
    world.fake.set_member_status(GROUP, ADMIN, "administrator")
    admin = Member(world.fake, GROUP, user_id=ADMIN)
    await admin.say_one("/partigrupp hsn")
    await admin.say_one("/sammandrag på")
    world.portal.site.publish_meeting(HSN, today(world.clock) + timedelta(days=3), ITEMS)
    await world.poller.run_cycle()
    await world.deliver()
    sent = world.fake.sent_messages(GROUP)
    alerts = [m for m in sent if "Ny kallelse" in m.text]
    items = [m for m in sent if m.text.startswith("🗳")]
    assert len(alerts) == 1 and len(items) == 2, [m.text[:40] for m in sent]
    assert all(m.reply_to_message_id == alerts[0].message_id for m in items)
