"""What a member types comes back as text: commands that repeat an argument ("Inga träffar på
…", "Jag hittar inget organ som heter …") escape it, through the real bot and the fake Bot API.

Why: the builder tests (`tests/presentation/test_hostile_messages.py`) feed portal strings to
every renderer; this feeds typed ones to the handlers that answer with them, end to end, and
reads each answer with the strict reader of Telegram's HTML.
"""

from __future__ import annotations

import pytest

from demo.fake_api import FakeBotApi
from tests.presentation.telegram_html import telegram_text
from tests.support.chatdriver import Member
from tests.support.world import USER_CHAT_ID

pytestmark = pytest.mark.usefixtures("bot_app")

TYPED = "zzq</b><a href=\"javascript:alert(1)\">&amp;<i>'x'&#0;😀"


@pytest.fixture
def member(fake_api: FakeBotApi) -> Member:
    return Member(fake_api, USER_CHAT_ID)


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        ("/sok", TYPED),  # no hits: the query repeated
        ("/folj", TYPED),  # no such body
        ("/moten", TYPED),
        ("/paminn", TYPED),  # not a reminder setting
        ("/punkt", TYPED.split()[0]),  # not an item number
    ],
)
async def test_a_typed_argument_comes_back_as_text(
    member: Member, command: str, shown: str
) -> None:
    sent = await member.say_one(f"{command} {TYPED}")
    assert shown in telegram_text(sent.text), sent.text
