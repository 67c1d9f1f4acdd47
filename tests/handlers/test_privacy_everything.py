"""A member's data belongs to the member, across every feature at once: a private chat and a
forum party group are given data in every table that holds a chat's data (found from the
schema, so a table added later cannot be forgotten here); `/integritet` names each kind; after
`/radera` in both, no table has a row of either chat, no file of the database (main, -wal,
-shm, read as raw bytes) holds their ids or their words, and the bot's memory of the chats is
empty. Through the real poller, fan-out, flood scope, sender and Application."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from agenda.clock import today
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from storage.alert_gathering import gather
from storage.db import Database
from tests.handlers.test_news import ITEMS
from tests.storage.test_erase import files_of
from tests.support.chat_tables import chat_tables, rows_of
from tests.support.chatdriver import Member, button_data
from tests.support.portalworld import HSN, World
from tests.support.portalworld import world as make_world

MEMBER = 7_346_119_235_411  # a private chat (and the member's user id)
GROUP = -1_007_346_119_235_412  # a forum supergroup, the member's party group
CHANNEL = -1_001_234_567_890  # a channel the member made the bot an admin of: stays
WORD = "Zqxvindkraft"
CASE = "ZQX-2031-777"
LINE = "Zqxlinje: avslag i väntan på utredningen"
TITLE = "Zqxkanalen"

# What /integritet says for each table that holds a chat's data (Swedish). A new table with a
# chat's data fails below until it is named here, in /integritet, and erased by /radera.
SAID = {
    "chats": ("Chattens id", "Språk, påminnelser och sammandrag", "Mötet du senast tittade på"),
    "follows": ("Organen och ärendena du följer",),
    "case_follows": ("Organen och ärendena du följer",),
    "watches": ("orden du bevakar",),
    "outbox": ("Larmen till chatten",),
    "alert_gathering": ("Larmen till chatten",),
    "calendar_tokens": ("Din privata kalenderlänk",),
    "channel_admins": ("Kanaler där du gjort mig till admin",),
    "reading_state": ("Läsläge för",),
    "party_groups": ("Partigrupp för",),
    "party_lines": ("gruppens linjer",),
    "party_topics": ("ämnen jag skapat för punkterna",),
}


@pytest.fixture
async def world(tmp_path: Path, clock: ManualClock, fake_api: FakeBotApi) -> AsyncIterator[World]:
    async with make_world(
        tmp_path, clock, fake_api, public_base_url="https://cal.example/"
    ) as built:
        yield built


def traces(chat: int, *texts: str) -> list[bytes]:
    """The forms a chat's data takes in a SQLite file: its id as text and as SQLite stores the
    integer (big-endian, in the fewest of 1, 2, 3, 4, 6 or 8 bytes), and each text."""
    size = next(n for n in (1, 2, 3, 4, 6, 8) if -(2 ** (8 * n - 1)) <= chat < 2 ** (8 * n - 1))
    return [str(chat).encode(), chat.to_bytes(size, "big", signed=True)] + [
        text.encode() for text in texts
    ]


async def _give_the_member_everything(world: World, member: Member) -> str:
    """Follows, a case, a watch, reminders, a calendar link, a linked channel; the calendar
    token."""
    await member.say_one("/start")
    await member.say_one("/folj hsn")
    await member.say_one(f"/folj_arende {CASE}")
    await member.say_one(f"/bevaka {WORD}")
    await member.say_one("/paminn 1d")
    mark = world.fake.mark()
    await world.fake.inject_message(MEMBER, "/kalender")
    await world.fake.wait_for(lambda: bool(world.fake.sent_documents(MEMBER, since=mark)))
    (document,) = world.fake.sent_documents(MEMBER, since=mark)
    found = re.search(r"/calendar/([\w-]+)\.ics", document.caption or "")
    assert found is not None, document.caption
    world.fake.state.chat(CHANNEL, "channel", title=TITLE)
    world.fake.set_member_status(CHANNEL, MEMBER, "creator")
    mark = world.fake.mark()
    await world.fake.inject_my_chat_member(CHANNEL, "left", "administrator", user_id=MEMBER)
    await world.fake.wait_for_messages(MEMBER, 1, since=mark)  # "linked" in private
    return found.group(1)


async def _a_new_agenda_reaches_both(world: World, group: Member) -> None:
    """A new HSN agenda: alerts to both chats (one of the member's dead: the admins are told
    which chat), the party items as topics of the group, its line set, both have looked."""
    world.fake.set_member_status(GROUP, MEMBER, "creator")
    assert "ett ämne per punkt" in (await group.say_one("/partigrupp hsn")).text
    world.portal.site.publish_meeting(HSN, today(world.clock) + timedelta(days=3), ITEMS)
    world.fake.fail_bad_request(chat_id=MEMBER)  # the first alert to the member is refused
    await world.poller.run_cycle()
    await world.deliver()
    assert world.fake.state.topics  # the items' forum topics were made
    assert LINE in (await group.say_one(f"/linje 4 {LINE}")).text
    for chat in (group, Member(world.fake, MEMBER)):
        await chat.say_one("/nasta hsn")  # a reading state and a current meeting
        await chat.say_one("/moten hsn")  # the list "Fler" extends, in the bot's memory
        await chat.say_one("/sok budget")  # the query the next page repeats, in its memory


async def _alerts_waiting_for_a_scope(db: Database) -> None:
    """Alerts gathered in a flood scope a crash left open (settled next cycle)."""
    async with db.transaction() as conn:
        for chat in (MEMBER, GROUP):
            await gather(
                conn, scope="crashed:1", chat_id=chat, thread_id=None, key=f"g:{chat}",
                kind="watch", meeting_id=None, parts=[f"Bevakning: {WORD}"], buttons=None,
                reply=False, held=False, about={"terms": [WORD]}, language="sv",
                now=db.timestamp(),
            )  # fmt: skip


async def test_everything_a_chat_stores_is_named_and_erased_in_every_file(world: World) -> None:
    member = Member(world.fake, MEMBER)
    group = Member(world.fake, GROUP, user_id=MEMBER, extra={"is_topic": True})
    token = await _give_the_member_everything(world, member)
    await _a_new_agenda_reaches_both(world, group)
    await _alerts_waiting_for_a_scope(world.db)
    await member.say_one("/sammandrag på")  # digest mode, after the alerts went out
    chats = (MEMBER, GROUP)

    tables = await chat_tables(world.db)
    assert sorted(tables) == sorted(SAID), "a table holds chat data: name it in /integritet"
    for table, columns in tables.items():
        assert await rows_of(world.db, table, columns, chats), f"no row of the chats in {table}"
    said = (await member.say_one("/integritet")).text + (await group.say_one("/integritet")).text
    for table, phrases in SAID.items():
        for phrase in phrases:
            assert phrase in said, f"/integritet does not name {table}: {phrase!r}"

    words = (WORD, WORD.lower(), CASE, LINE, TITLE, token)
    before = b"".join(files_of(world.db.path).values())
    assert all(word.encode() in before for word in words)  # the search below can find them
    assert str(MEMBER).encode() in before  # the admins' notice names the member's chat
    assert all(traces(chat)[1] in before for chat in chats)  # as SQLite stores the ids

    for erasing in (member, group):
        ask = await erasing.say_one("/radera")
        done = await erasing.press(ask.message_id, button_data(ask)[0], "editMessageText")
        assert done.params["text"].startswith("Raderat")

    for table, columns in tables.items():
        assert await rows_of(world.db, table, columns, chats) == 0, f"{table} keeps the chat"
    for name, data in files_of(world.db.path).items():
        for chat in chats:
            for trace in traces(chat, *words):
                assert trace not in data, f"{name} still holds {trace!r}"
    for chat in chats:
        assert not world.app.chat_data.get(chat), "the bot still remembers the chat"
