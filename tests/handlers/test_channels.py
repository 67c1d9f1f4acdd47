"""Channels and sharing (issue 20, point 10), end to end through the real Application: a channel
where the bot is made admin is linked to the member who did it, set up from their private chat
(`/kanal`, the 📣 button under `/organ`), and gets alerts like a group; `/organ` and a body's
view offer the `t.me/<bot>?start=<slug>` link, which follows the body."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from agenda.clock import today
from agenda.model import Body, Item, Meeting
from alerts.fanout import enqueue_alerts
from alerts.flood import gathering
from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from demo.records import SentMessage
from storage.bodies import list_bodies
from storage.chats import follow, following
from storage.db import Database
from storage.meetings import upsert_meeting
from tests.conftest import PORTAL, USER_CHAT_ID
from tests.handlers.chatdriver import Member, button_data, until_handled, updates_handled
from tests.jobs.outbox_helpers import drain_until, drained, make_bot, sender

pytestmark = pytest.mark.usefixtures("bot_app")
CHANNEL = -1001234567890


@pytest.fixture
def member(fake_api: FakeBotApi) -> Member:
    return Member(fake_api, USER_CHAT_ID)


async def _add_bot_to_channel(fake_api: FakeBotApi, member: Member) -> str:
    """The member makes the bot an admin of their channel; what the bot tells them."""
    await member.say_one("/start")  # the member has a private chat with the bot
    fake_api.state.chat(CHANNEL, "channel", title="Nämndnytt")
    fake_api.state.set_member_status(CHANNEL, USER_CHAT_ID, "creator")
    mark = fake_api.mark()
    await fake_api.inject_my_chat_member(CHANNEL, "left", "administrator", user_id=USER_CHAT_ID)
    (told,) = await fake_api.wait_for_messages(USER_CHAT_ID, 1, since=mark)
    return told.text


async def test_a_channel_is_set_up_privately_and_gets_alerts(
    member: Member, fake_api: FakeBotApi, seeded_db: Database, clock: ManualClock
) -> None:
    told = await _add_bot_to_channel(fake_api, member)
    assert "admin i kanalen <b>Nämndnytt</b>" in told and "/kanal" in told
    shown = await member.say_one("/kanal")
    assert "Nämndnytt" in shown.text
    rs = next(b for b in await list_bodies(seeded_db) if b.slug == "regionstyrelsen")
    data = f"kf:{CHANNEL}:{rs.id}"
    assert data in button_data(shown)
    call = await member.press(shown.message_id, data, "editMessageText")
    assert f"ku:{CHANNEL}:{rs.id}" in str(call.params["reply_markup"])  # now ✅
    assert [b.slug for b in await following(seeded_db, CHANNEL)] == ["regionstyrelsen"]
    # A new agenda of the body reaches the channel, as a group's would.
    day = today(clock) + timedelta(days=30)
    meeting = Meeting(
        body=Body("regionstyrelsen", "Regionstyrelsen", PORTAL),
        url=f"{PORTAL}/committees/regionstyrelsen/mote-{day.isoformat()}",
        date=day,
        items=[Item(1, title="Mötet öppnas"), Item(2, title="Budget 2028")],
    )
    await upsert_meeting(seeded_db, meeting, on_events=enqueue_alerts)
    mark = fake_api.mark()
    await drain_until(sender(seeded_db, make_bot(fake_api)), drained(seeded_db))
    (alert,) = fake_api.sent_messages(CHANNEL, since=mark)
    assert "Regionstyrelsen" in alert.text and "Budget 2028" in alert.text


async def test_the_bodies_list_offers_the_channel_and_share_links(
    member: Member, fake_api: FakeBotApi
) -> None:
    await _add_bot_to_channel(fake_api, member)
    sent = await member.say_one("/organ")
    assert f"kc:{CHANNEL}" in button_data(sent)
    bot = fake_api.bot_username
    assert f't.me/{bot}?start=regionstyrelsen">t.me/{bot}?start=regionstyrelsen</a>' in sent.text


async def test_only_the_channels_admins_change_what_it_follows(
    member: Member, fake_api: FakeBotApi, seeded_db: Database
) -> None:
    await _add_bot_to_channel(fake_api, member)
    shown = await member.say_one("/kanal")
    fake_api.state.set_member_status(CHANNEL, USER_CHAT_ID, "member")  # no longer an admin
    data = next(d for d in button_data(shown) if d.startswith("kf:"))
    mark = fake_api.mark()
    await fake_api.inject_callback(USER_CHAT_ID, shown.message_id, data)
    answer = await fake_api.wait_for_call("answerCallbackQuery", since=mark)
    assert "Bara kanalens admins" in str(answer.params.get("text"))
    assert await following(seeded_db, CHANNEL) == []


async def test_without_a_channel_kanal_says_how(member: Member) -> None:
    sent = await member.say_one("/kanal")
    assert "Lägg till mig som admin i kanalen" in sent.text


async def test_a_bodys_view_offers_the_link_that_follows_it(
    member: Member, fake_api: FakeBotApi, seeded_db: Database
) -> None:
    bot = fake_api.bot_username
    view = await member.say_one("/nasta rs")
    assert f'🔗 Dela: <a href="https://t.me/{bot}?start=regionstyrelsen">' in view.text
    other = Member(fake_api, 4711)
    sent = await other.say_one("/start regionstyrelsen")  # what opening the link sends
    assert "Du följer nu <b>Regionstyrelsen</b>" in sent.text
    assert [b.slug for b in await following(seeded_db, 4711)] == ["regionstyrelsen"]


async def _channel_following_rs(
    member: Member, fake_api: FakeBotApi, seeded_db: Database, count: int, clock: ManualClock
) -> list[SentMessage]:
    """The channel follows RS; `count` new RS agendas come in one poll scope; what the channel
    got."""
    await _add_bot_to_channel(fake_api, member)
    rs = next(b for b in await list_bodies(seeded_db) if b.slug == "regionstyrelsen")
    await follow(seeded_db, CHANNEL, rs.id, None)
    async with gathering(seeded_db, "test:channel"):
        for k in range(count):
            day = today(clock) + timedelta(days=30 + 7 * k)
            meeting = Meeting(
                body=Body("regionstyrelsen", "Regionstyrelsen", PORTAL),
                url=f"{PORTAL}/committees/regionstyrelsen/mote-{day.isoformat()}",
                date=day,
                items=[Item(1, title="Mötet öppnas"), Item(2, title=f"Budget {k}")],
            )
            await upsert_meeting(seeded_db, meeting, on_events=enqueue_alerts)
    mark = fake_api.mark()
    await drain_until(sender(seeded_db, make_bot(fake_api)), drained(seeded_db))
    return fake_api.sent_messages(CHANNEL, since=mark)


async def test_a_press_in_a_channel_opens_the_private_chat_and_posts_nothing_there(
    member: Member, fake_api: FakeBotApi, seeded_db: Database, clock: ManualClock
) -> None:
    """Any subscriber may press a channel post's buttons: the answer goes to them (a link that
    opens their private chat with the bot there), never to every subscriber of the channel."""
    (summary,) = await _channel_following_rs(member, fake_api, seeded_db, 4, clock)
    assert "4 nya kallelser" in summary.text  # a flood is one message in a channel too
    data = button_data(summary)[0]
    assert data.startswith("m:")
    reader = 9_001  # a subscriber, not an admin, who never wrote to the bot
    mark = fake_api.mark()
    await fake_api.inject_callback(CHANNEL, summary.message_id, data, user_id=reader)
    answer = await fake_api.wait_for_call("answerCallbackQuery", since=mark)
    link = f"https://t.me/{fake_api.bot_username}?start=m_{data.removeprefix('m:')}"
    assert answer.params.get("url") == link
    await Member(fake_api, USER_CHAT_ID).say_one("/hjalp")  # the press was handled by now
    assert fake_api.sent_messages(CHANNEL, since=mark) == []
    # Opening the link sends `/start m_<id>` in the reader's private chat: the meeting.
    shown = await Member(fake_api, reader).say_one(f"/start m_{data.removeprefix('m:')}")
    assert "Budget 0" in shown.text and "Regionstyrelsen" in shown.text


async def test_an_item_link_from_a_channel_opens_the_item(
    member: Member, fake_api: FakeBotApi, seeded_db: Database, clock: ManualClock
) -> None:
    (alert,) = await _channel_following_rs(member, fake_api, seeded_db, 1, clock)
    data = next(d for d in button_data(alert) if d.startswith("i:"))
    mark = fake_api.mark()
    await fake_api.inject_callback(CHANNEL, alert.message_id, data, user_id=9_002)
    answer = await fake_api.wait_for_call("answerCallbackQuery", since=mark)
    payload = str(answer.params.get("url")).rsplit("?start=", 1)[1]
    assert payload == data.replace(":", "_")
    shown = await Member(fake_api, 9_002).say_one(f"/start {payload}")
    assert "Punkt" in shown.text or "punkt" in shown.text


async def test_posts_in_a_channel_are_never_answered_there(
    member: Member, fake_api: FakeBotApi, bot_app: Any
) -> None:
    """Nobody talks to the bot in a channel (it is set up with /kanal): a post that looks
    like a command or an item question gets no answer in front of every subscriber."""
    await _add_bot_to_channel(fake_api, member)
    mark, handled = fake_api.mark(), updates_handled(bot_app)
    posts = ("/nasta rs", "/okand", "punkt 2 rs", "§ 54 rs", "4")
    for text in posts:
        await fake_api.inject_channel_post(CHANNEL, text)
    await until_handled(fake_api, bot_app, handled, len(posts))
    assert fake_api.sent_messages(CHANNEL, since=mark) == []


async def test_many_subscribers_pressing_at_once_each_get_their_link(
    member: Member, fake_api: FakeBotApi, seeded_db: Database, clock: ManualClock
) -> None:
    """A press in a channel sends nothing to the channel, so the channel's pace (twenty a
    minute, Telegram's limit for what the bot sends a group) is not the presser's: thirty
    subscribers pressing within a second each get their link, none a "too fast" toast."""
    (alert,) = await _channel_following_rs(member, fake_api, seeded_db, 1, clock)
    data = button_data(alert)[0]
    mark = fake_api.mark()
    readers = range(9_100, 9_130)
    for reader in readers:
        await fake_api.inject_callback(CHANNEL, alert.message_id, data, user_id=reader)
    await fake_api.wait_for(
        lambda: len(fake_api.calls("answerCallbackQuery", since=mark)) >= len(readers),
        what="every press answered",
    )
    answers = fake_api.calls("answerCallbackQuery", since=mark)
    assert all(str(a.params.get("url", "")).startswith("https://t.me/") for a in answers)
