"""/integritet and /radera end to end: what is stored, and erasing it after a confirmation that
belongs to the member who asked, expires and works once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from demo.clock import ManualClock
from demo.fake_api import FakeBotApi
from presentation.texts import t
from storage.chats import following, get_chat
from storage.db import Database
from storage.watches import list_watches
from tests.support.chatdriver import Member, button_data
from tests.support.world import USER_CHAT_ID

pytestmark = pytest.mark.usefixtures("bot_app")


async def test_privacy_says_what_is_stored(member: Member) -> None:
    sent = await member.say_one("/integritet")
    assert "bevakar" in sent.text and "/radera" in sent.text
    await member.say_one("/language en")
    assert "/delete_my_data" in (await member.say_one("/privacy")).text


async def test_delete_asks_then_erases_everything_of_the_chat(
    member: Member, seeded_db: Database
) -> None:
    await member.say_one("/folj rs")
    await member.say_one("/bevaka budget")
    await member.say_one("/sprak en")
    ask = await member.say_one("/delete_my_data")
    assert button_data(ask)[1] == "del:no" and button_data(ask)[0].startswith("del:yes:")
    call = await member.press(ask.message_id, "del:no", "editMessageText")
    assert "Nothing was deleted" in call.params["text"]
    assert await following(seeded_db, USER_CHAT_ID)
    ask = await member.say_one("/delete_my_data")
    call = await member.press(ask.message_id, button_data(ask)[0], "editMessageText")
    assert "followed bodies and cases (1), watches (1)" in call.params["text"]
    assert await following(seeded_db, USER_CHAT_ID) == []
    assert await list_watches(seeded_db, USER_CHAT_ID) == []
    assert await get_chat(seeded_db, USER_CHAT_ID) is None
    again = await member.say_one("/foljer")  # a fresh start, in the default language
    assert "Du följer inga organ" in again.text


async def test_only_group_admins_may_delete(fake_api: FakeBotApi) -> None:
    group = Member(fake_api, -7007, user_id=55)
    fake_api.state.set_member_status(-7007, 55, "member")
    bot = fake_api.state.bot["username"]
    sent = await group.say_one(f"/radera@{bot}")
    assert "bara gruppens admins" in sent.text and not button_data(sent)


def _asks_again(call_text: str) -> bool:
    return call_text == t("delete_ask_again", "sv", minutes=5)


async def test_a_confirmation_works_once_and_an_old_or_forged_press_asks_again(
    member: Member, seeded_db: Database, clock: ManualClock
) -> None:
    await member.say_one("/folj rs")
    ask = await member.say_one("/radera")
    (confirm, _) = button_data(ask)
    for forged in ("del:yes", "del:yes:00112233aabbccdd", confirm + "0"):
        call = await member.press(ask.message_id, forged, "editMessageText")
        assert _asks_again(call.params["text"])  # nothing erased: it asks again
        assert await following(seeded_db, USER_CHAT_ID)
    # Each question replaces the one before: the first button no longer holds.
    call = await member.press(ask.message_id, confirm, "editMessageText")
    assert _asks_again(call.params["text"]) and await following(seeded_db, USER_CHAT_ID)
    fresh = call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    clock.advance(timedelta(minutes=5, seconds=1))  # too late
    call = await member.press(ask.message_id, fresh, "editMessageText")
    assert _asks_again(call.params["text"]) and await following(seeded_db, USER_CHAT_ID)
    fresh = call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    clock.advance(timedelta(minutes=4))  # in time
    call = await member.press(ask.message_id, fresh, "editMessageText")
    assert call.params["text"].startswith("Raderat")
    assert await following(seeded_db, USER_CHAT_ID) == []
    await member.say_one("/folj rs")
    call = await member.press(ask.message_id, fresh, "editMessageText")  # used: once only
    assert _asks_again(call.params["text"]) and await following(seeded_db, USER_CHAT_ID)


async def test_a_groups_confirmation_belongs_to_the_admin_who_asked(
    fake_api: FakeBotApi, seeded_db: Database
) -> None:
    group = -7117
    asker = Member(fake_api, group, user_id=71)
    for user in (71, 72):
        fake_api.state.set_member_status(group, user, "administrator")
    bot = fake_api.state.bot["username"]
    await asker.say_one(f"/folj@{bot} rs")
    ask = await asker.say_one(f"/radera@{bot}")
    (confirm, cancel) = button_data(ask)
    for data in (confirm, cancel):
        mark = fake_api.mark()
        await fake_api.inject_callback(group, ask.message_id, data, user_id=72)
        toast = await fake_api.wait_for_call("answerCallbackQuery", since=mark)
        assert toast.params["text"] == t("delete_not_yours", "sv")
        assert not fake_api.calls("editMessageText", since=mark)
    assert await following(seeded_db, group)
    call = await asker.press(ask.message_id, confirm, "editMessageText")
    assert call.params["text"].startswith("Raderat") and await following(seeded_db, group) == []
