"""Unknown commands, commands for other bots, and unexpected errors: never silence, never a
traceback to the member; errors are counted for /status."""

from __future__ import annotations

from typing import Any

import pytest

from bot.app import root_services
from demo.fake_api import FakeBotApi
from tests.support.chatdriver import Member
from tests.support.world import USER_CHAT_ID

pytestmark = pytest.mark.usefixtures("bot_app")
GROUP = -100500


async def test_unknown_command_points_to_help(fake_api: FakeBotApi) -> None:
    sent = await Member(fake_api, USER_CHAT_ID).say_one("/frobnicate now")
    assert "Det kommandot känner jag inte till" in sent.text and "/hjalp" in sent.text


async def test_unknown_command_in_english(fake_api: FakeBotApi) -> None:
    member = Member(fake_api, USER_CHAT_ID)
    await member.say_one("/language en")
    assert "I don't know that command" in (await member.say_one("/xyz")).text


async def test_group_ignores_unaddressed_and_foreign_commands(fake_api: FakeBotApi) -> None:
    member = Member(fake_api, GROUP, user_id=7)
    for text in ("/frobnicate", "/start@SomeOtherBot", "just chatting"):
        sent = await member.silent_then(text, probe=f"/hjalp@{fake_api.bot_username}")
        assert len(sent) == 1 and "/start" in sent[0].text, text
    addressed = await member.say_one(f"/frobnicate@{fake_api.bot_username}")
    assert "Det kommandot känner jag inte till" in addressed.text


async def test_addressed_command_works_in_group(fake_api: FakeBotApi) -> None:
    sent = await Member(fake_api, GROUP, user_id=7).say_one(f"/nasta@{fake_api.bot_username} rs")
    assert sent.text.startswith("<b>Regionstyrelsen</b>")


async def test_unexpected_error_is_counted_and_apologised(
    fake_api: FakeBotApi, bot_app: Any
) -> None:
    services = root_services(bot_app)
    before = services.unexpected_errors
    fake_api.fail_bad_request("Bad Request: something odd", chat_id=USER_CHAT_ID, times=1)
    sent = await Member(fake_api, USER_CHAT_ID).say_one("/start")
    assert sent.text == "Något gick fel hos mig. Försök igen om en stund."
    assert services.unexpected_errors == before + 1


async def test_plain_garbage_in_private_gets_a_hint(fake_api: FakeBotApi) -> None:
    member = Member(fake_api, USER_CHAT_ID)
    for text in ("🙂", "x" * 4000, "SELECT * FROM chats", '"NEAR('):
        assert "Jag förstod inte" in (await member.say_one(text)).text


@pytest.mark.parametrize("data", ["x:1", "i:1:-1", "m:", "f:99999999999999999999"])
async def test_stale_or_forged_buttons_are_answered(fake_api: FakeBotApi, data: str) -> None:
    mark = fake_api.mark()
    await fake_api.inject_callback(USER_CHAT_ID, 1, data)
    answer = await fake_api.wait_for_call("answerCallbackQuery", since=mark)
    assert answer.params.get("text")
