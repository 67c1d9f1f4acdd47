"""/organ with buttons, /folj, /sluta, /foljer; loose names; groups (admins only) and topics."""

from __future__ import annotations

import pytest

from demo.fake_api import FakeBotApi
from storage.chats import followers, following
from storage.db import Database
from tests.support.chatdriver import Member, button_data
from tests.support.world import USER_CHAT_ID

pytestmark = pytest.mark.usefixtures("bot_app")
GROUP = -100200
FORUM = -100300
ADMIN_USER = 501
PLAIN_USER = 502


async def _body_id(db: Database, slug: str) -> int:
    async with db.reader.execute("SELECT id FROM bodies WHERE slug = ?", (slug,)) as cur:
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def test_bodies_buttons_follow_and_unfollow_in_place(
    member: Member, fake_api: FakeBotApi, seeded_db: Database
) -> None:
    sent = await member.say_one("/organ")
    rs = await _body_id(seeded_db, "regionstyrelsen")
    assert f"f:{rs}" in button_data(sent)
    call = await member.press(sent.message_id, f"f:{rs}", "editMessageReplyMarkup")
    assert [b.id for b in await following(seeded_db, USER_CHAT_ID)] == [rs]
    buttons = [
        b["callback_data"] for row in call.params["reply_markup"]["inline_keyboard"] for b in row
    ]
    assert f"u:{rs}" in buttons
    answer = fake_api.calls("answerCallbackQuery")[-1]
    assert "Regionstyrelsen" in answer.params.get("text", "")
    await member.press(sent.message_id, f"u:{rs}", "editMessageReplyMarkup")
    assert await following(seeded_db, USER_CHAT_ID) == []


LOOSE_NAMES = (
    ("hsn", "halso-och-sjukvardsnamnden"),
    ("hälso- och sjukvård", "halso-och-sjukvardsnamnden"),
    ("HALSO OCH SJUKVARD", "halso-och-sjukvardsnamnden"),
    ("regionstyrelsen", "regionstyrelsen"),
    ("svom", "sociala-vard-och-omsorgsgruppen"),
)


async def test_follow_by_loose_name(member: Member, seeded_db: Database) -> None:
    for query, slug in LOOSE_NAMES:
        sent = await member.say_one(f"/folj {query}")
        assert "Du följer nu" in sent.text, query
        assert [b.slug for b in await following(seeded_db, USER_CHAT_ID)] == [slug]
        assert "Du följer redan" in (await member.say_one(f"/follow {query}")).text
        assert "Du följer inte längre" in (await member.say_one(f"/sluta {query}")).text
        assert "Du följer inte <b>" in (await member.say_one(f"/unfollow {query}")).text


async def test_near_miss_suggests_and_unknown_explains(member: Member) -> None:
    near = await member.say_one("/folj regionstyrelssen")
    assert "Menade du" in near.text and "<b>Regionstyrelsen</b>" in near.text
    unknown = await member.say_one("/folj <b>xyzzy</b>")
    assert "&lt;b&gt;xyzzy&lt;/b&gt;" in unknown.text and "/organ" in unknown.text


@pytest.mark.parametrize("command", ["/folj", "/sluta"])
async def test_missing_body_shows_example(member: Member, command: str) -> None:
    sent = await member.say_one(command)
    assert "t.ex." in sent.text and "hsn" in sent.text


async def test_following_empty_then_listed(member: Member) -> None:
    assert "Du följer inga organ" in (await member.say_one("/foljer")).text
    await member.say_one("/folj hsn")
    listed = await member.say_one("/following")
    assert "Hälso- och sjukvårdsnämnden" in listed.text
    assert any(d.startswith("u:") for d in button_data(listed))


async def test_group_only_admins_change_follows(fake_api: FakeBotApi, seeded_db: Database) -> None:
    fake_api.set_member_status(GROUP, ADMIN_USER, "administrator")
    plain = Member(fake_api, GROUP, user_id=PLAIN_USER)
    admin = Member(fake_api, GROUP, user_id=ADMIN_USER)
    refused = await plain.say_one(f"/folj@{fake_api.bot_username} hsn")
    assert "bara gruppens admins" in refused.text
    assert await following(seeded_db, GROUP) == []
    accepted = await admin.say_one(f"/folj@{fake_api.bot_username} hsn")
    assert "Du följer nu" in accepted.text
    assert len(await following(seeded_db, GROUP)) == 1


async def test_group_button_refused_for_non_admin(
    fake_api: FakeBotApi, seeded_db: Database
) -> None:
    plain = Member(fake_api, GROUP, user_id=PLAIN_USER)
    sent = await plain.say_one(f"/organ@{fake_api.bot_username}")
    data = button_data(sent)[0]
    mark = fake_api.mark()
    await fake_api.inject_callback(GROUP, sent.message_id, data, user_id=PLAIN_USER)
    answer = await fake_api.wait_for_call("answerCallbackQuery", since=mark)
    assert "admins" in answer.params["text"] and answer.params.get("show_alert") is True
    assert await following(seeded_db, GROUP) == []


async def test_topic_follow_remembers_thread_and_answers_there(
    fake_api: FakeBotApi, seeded_db: Database
) -> None:
    fake_api.set_member_status(FORUM, ADMIN_USER, "creator")
    admin = Member(fake_api, FORUM, user_id=ADMIN_USER, extra={"thread_id": 77, "is_topic": True})
    sent = await admin.say_one("/folj regionstyrelsen")
    assert sent.thread_id == 77
    rs = await _body_id(seeded_db, "regionstyrelsen")
    assert [(f.chat_id, f.thread_id) for f in await followers(seeded_db, rs)] == [(FORUM, 77)]
