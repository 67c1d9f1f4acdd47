"""/start, deep links, /hjalp (/help) and /sprak (/language) end to end over the fake Bot API."""

from __future__ import annotations

import pytest

from demo.fake_api import FakeBotApi
from storage.chats import get_chat
from storage.db import Database
from tests.support.chatdriver import Member
from tests.support.world import USER_CHAT_ID

pytestmark = pytest.mark.usefixtures("bot_app")


async def test_start_greets_in_swedish_with_html(member: Member, fake_api: FakeBotApi) -> None:
    sent = await member.say_one("/start")
    assert sent.text.startswith("Hej!")
    assert "/folj regionstyrelsen" in sent.text
    assert sent.params["parse_mode"] == "HTML"


async def test_deep_link_start_follows_the_body(member: Member, seeded_db: Database) -> None:
    sent = await member.say_one("/start regionstyrelsen")
    assert "Du följer nu <b>Regionstyrelsen</b>" in sent.text
    following = await member.say_one("/foljer")
    assert "Regionstyrelsen" in following.text


async def test_deep_link_to_unknown_body_explains(member: Member) -> None:
    sent = await member.say_one("/start no-such-body")
    assert "Jag hittar inget organ" in sent.text and "/organ" in sent.text


@pytest.mark.parametrize("command", ["/hjalp", "/help"])
async def test_help_lists_commands_and_reminder_default(member: Member, command: str) -> None:
    sent = await member.say_one(command)
    assert "/nasta [organ]" in sent.text and "/sok &lt;ord&gt;" in sent.text
    assert "/status" not in sent.text
    assert "Påminnelser är avstängda" in sent.text


async def test_language_switch_is_stored_and_used(member: Member, seeded_db: Database) -> None:
    sent = await member.say_one("/language en")
    assert sent.text == "I'll speak English now."
    chat = await get_chat(seeded_db, USER_CHAT_ID)
    assert chat is not None and chat.language == "en"
    help_text = (await member.say_one("/help")).text
    assert "/next [body]" in help_text and "Reminders are off" in help_text
    assert (await member.say_one("/sprak svenska")).text == "Nu pratar jag svenska."


async def test_language_bad_argument_shows_usage(member: Member) -> None:
    for args in ("", "de", "🙂", "x" * 4000):
        sent = await member.say_one(f"/sprak {args}".strip())
        assert "<code>/sprak sv</code>" in sent.text


async def test_language_usage_is_readable_by_someone_without_swedish(member: Member) -> None:
    """The chat is Swedish by default: an English speaker asking /language got only Swedish."""
    sent = await member.say_one("/language")
    assert "<code>/language en</code>" in sent.text and "Choose a language" in sent.text


async def test_help_shows_the_plain_forms_members_use(member: Member) -> None:
    sent = await member.say_one("/hjalp")
    assert "<code>punkt 4 hsn</code>" in sent.text
    assert "<code>punkt 4 på nästa möte</code>" in sent.text


async def test_language_follows_telegram_until_chosen(
    fake_api: FakeBotApi, seeded_db: Database
) -> None:
    english = Member(fake_api, USER_CHAT_ID, language_code="en-GB")
    assert "/next [body]" in (await english.say_one("/help")).text
    chat = await get_chat(seeded_db, USER_CHAT_ID)
    assert chat is not None and chat.language == "en" and not chat.language_chosen
    swedish = Member(fake_api, USER_CHAT_ID, language_code="sv")
    assert "/nasta [organ]" in (await swedish.say_one("/hjalp")).text
    chat = await get_chat(seeded_db, USER_CHAT_ID)
    assert chat is not None and chat.language == "sv"
    assert "/next [body]" in (await english.say_one("/help")).text
    assert (await english.say_one("/sprak sv")).text == "Nu pratar jag svenska."
    assert "/nasta [organ]" in (await english.say_one("/help")).text
    chat = await get_chat(seeded_db, USER_CHAT_ID)
    assert chat is not None and chat.language == "sv" and chat.language_chosen


async def test_group_keeps_its_language_whatever_members_speak(
    fake_api: FakeBotApi, seeded_db: Database
) -> None:
    group = Member(fake_api, -4242, user_id=USER_CHAT_ID, language_code="en")
    assert "/nasta [organ]" in (await group.say_one("/hjalp")).text
    chat = await get_chat(seeded_db, -4242)
    assert chat is not None and chat.language == "sv"
