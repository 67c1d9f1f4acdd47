"""/integritet and /radera end to end: what is stored, and erasing it after a confirmation."""

from __future__ import annotations

import pytest

from demo.fake_api import FakeBotApi
from storage.chats import following, get_chat
from storage.db import Database
from storage.watches import list_watches
from tests.conftest import USER_CHAT_ID
from tests.handlers.chatdriver import Member, button_data

pytestmark = pytest.mark.usefixtures("bot_app")


@pytest.fixture
def member(fake_api: FakeBotApi) -> Member:
    return Member(fake_api, USER_CHAT_ID)


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
    assert button_data(ask) == ["del:yes", "del:no"]
    call = await member.press(ask.message_id, "del:no", "editMessageText")
    assert "Nothing was deleted" in call.params["text"]
    assert await following(seeded_db, USER_CHAT_ID)
    call = await member.press(ask.message_id, "del:yes", "editMessageText")
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
