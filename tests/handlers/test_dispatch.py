"""Commands as members type them (`/sök`, `nästa`, `hjälp`) and "Menade du …?" end to end."""

from __future__ import annotations

import pytest

from demo.fake_api import FakeBotApi
from presentation.commands import COMMANDS, guess, spelled
from tests.support.chatdriver import Member, button_data
from tests.support.world import USER_CHAT_ID

pytestmark = pytest.mark.usefixtures("bot_app")

GROUP_CHAT_ID = -5005


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("/hjälp", "/sprak"),
        ("/Hjälp", "/sprak"),
        ("/nästa", "Du följer inga organ"),
        ("/möten", "<b>Kommande möten</b>"),
        ("/följ rs", "Du följer nu <b>Regionstyrelsen</b>"),
        ("/språk en", "English"),
        ("/sök vårdplatser", "<b>Träffar på</b> <i>vårdplatser</i>"),
        ("nästa", "Du följer inga organ"),
        ("Hjälp", "/sprak"),
        ("sök vårdplatser", "<b>Träffar på</b> <i>vårdplatser</i>"),
    ],
)
async def test_swedish_spellings_reach_the_command(
    member: Member, typed: str, expected: str
) -> None:
    sent = await member.say_one(typed)
    assert expected in sent.text


async def test_typed_command_with_bot_name_and_for_another_bot(fake_api: FakeBotApi) -> None:
    group = Member(fake_api, GROUP_CHAT_ID, user_id=USER_CHAT_ID)
    bot = fake_api.state.bot["username"]
    sent = await group.say_one(f"/hjälp@{bot}")
    assert "/sprak" in sent.text
    between = await group.silent_then("/hjälp@SomeOtherBot", probe=f"/hjalp@{bot}")
    assert len(between) == 1


async def test_plain_words_are_not_commands_in_groups(fake_api: FakeBotApi) -> None:
    group = Member(fake_api, GROUP_CHAT_ID, user_id=USER_CHAT_ID)
    bot = fake_api.state.bot["username"]
    between = await group.silent_then("nästa vecka tar vi det", probe=f"/hjalp@{bot}")
    assert len(between) == 1


async def test_unknown_command_suggests_the_nearest_with_a_button(member: Member) -> None:
    sent = await member.say_one("/sokk vårdplatser")
    assert "Menade du /sok?" in sent.text
    assert button_data(sent) == ["c:sok:vårdplatser"]
    mark = member.fake.mark()
    await member.press(sent.message_id, "c:sok:vårdplatser", "answerCallbackQuery")
    (hit,) = await member.fake.wait_for_messages(USER_CHAT_ID, 1, since=mark)
    assert "<b>Träffar på</b> <i>vårdplatser</i>" in hit.text


async def test_unknown_command_in_english_and_without_a_guess(member: Member) -> None:
    await member.say_one("/language en")
    sent = await member.say_one("/nexxt")
    assert "Did you mean /next?" in sent.text
    sent = await member.say_one("/qwertyuiop")
    assert "I don't know that command" in sent.text and not button_data(sent)


async def test_a_long_guess_keeps_the_button_under_64_bytes(member: Member) -> None:
    sent = await member.say_one("/sokk " + "vårdplatser " * 10)
    assert button_data(sent) == ["c:sok"]


def test_every_spelling_folds_back_to_its_command() -> None:
    for spec in COMMANDS:
        for name in (*spec.names, *spec.typed):
            assert spelled(name) is spec
    assert guess("följ") is not None and guess("följ").sv == "folj"  # type: ignore[union-attr]
    assert guess("xyzzy") is None
