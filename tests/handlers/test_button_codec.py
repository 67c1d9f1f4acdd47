"""Buttons through the real Application and the callback codec (`presentation.callbacks`): an
alert stored in the outbox before the codec still works when pressed, forged strings are
answered as stale and show nothing, and "📋 Mötet" under an item view replaces it by what the
bot remembers it sent, not by reading labels."""

from __future__ import annotations

import json
from typing import Any

import pytest
from telegram.ext import Application

from alerts.sender import Sender
from demo.fake_api import FakeBotApi
from presentation.texts import t
from storage.db import Database
from storage.outbox import ensure_chats
from tests.support.chatdriver import Member, button_data, press_then
from tests.support.world import USER_CHAT_ID

pytestmark = pytest.mark.usefixtures("bot_app")
App = Application[Any, Any, Any, Any, Any, Any]


async def _store_old_alert(db: Database, meeting_id: int, kind: str, button: list[str]) -> None:
    """An alert as the bot wrote it into the outbox before the codec: the payload's JSON text
    with its button's callback data as a plain string."""
    payload = {"text": f"Ett {kind}-larm", "buttons": [[button]], "reply": False}
    async with db.transaction() as conn:
        await ensure_chats(conn, [USER_CHAT_ID], db.timestamp())
        await conn.execute(
            "INSERT INTO outbox (chat_id, dedup_key, kind, meeting_id, part, payload, status,"
            " not_before, created_at) VALUES (?, ?, ?, ?, 0, ?, 'pending', ?, ?)",
            (
                USER_CHAT_ID,
                f"{kind}:{meeting_id}:{USER_CHAT_ID}",
                kind,
                meeting_id,
                json.dumps(payload),
                db.timestamp(),
                db.timestamp(),
            ),
        )


async def test_an_alert_stored_before_the_codec_works_when_pressed(
    member: Member,
    fake_api: FakeBotApi,
    seeded_db: Database,
    seed_ids: dict[str, int],
    bot_app: App,
) -> None:
    rs = seed_ids["001"]
    await _store_old_alert(seeded_db, rs, "changed", ["Visa föredragningslistan", f"m:{rs}"])
    await _store_old_alert(seeded_db, rs, "document", ["5", f"i:{rs}:4"])
    mark = fake_api.mark()
    await Sender(seeded_db, bot_app.bot).run_until_idle()
    changed, document = fake_api.sent_messages(USER_CHAT_ID, since=mark)
    assert button_data(changed) == [f"m:{rs}"] and button_data(document) == [f"i:{rs}:4"]
    meeting, _ = await press_then(member, changed.message_id, f"m:{rs}")
    assert "<b>Regionstyrelsen</b>" in meeting.text and "Hörsalen" in meeting.text
    item, _ = await press_then(member, document.message_id, f"i:{rs}:4")
    assert "<b>Punkt 6</b>" in item.text  # the agenda starts at 2


@pytest.mark.parametrize(
    "forge",
    [
        "m:0{id}",  # a leading zero: never written by the bot
        "m:{id}\n",  # a trailing newline slipped through `^m:\d+$`
        "m:{arabic}",  # other digits than 0-9 (int() reads them)
        "i:{id}:+3",
        "i:{id}:3:",
        "del:yes:",
    ],
)
async def test_forged_buttons_show_nothing(
    member: Member, fake_api: FakeBotApi, seed_ids: dict[str, int], forge: str
) -> None:
    rs = seed_ids["001"]
    arabic = "".join(chr(0x0660 + int(d)) for d in str(rs))
    data = forge.format(id=rs, arabic=arabic)
    sent = await member.say_one("/hjalp")
    mark = fake_api.mark()
    between = await press_then(member, sent.message_id, data)
    answer = fake_api.calls("answerCallbackQuery", since=mark)[0]
    assert answer.params.get("text") == t("button_stale", "sv")
    assert [m for m in between if "/start" not in m.text] == []  # only the probe's answer
    assert fake_api.calls("editMessageText", since=mark) == []


async def test_the_meeting_button_of_an_item_asked_for_replaces_it(
    member: Member, seed_ids: dict[str, int]
) -> None:
    """`/punkt 99`: the answer has one "📋 Mötet" button, like a one-meeting /moten list; the
    bot remembers it sent an item's answer, so the meeting takes its place."""
    sent = await member.say_one("/punkt 99 rs")
    rs = seed_ids["001"]
    assert button_data(sent) == [f"m:{rs}"]
    back = await member.press(sent.message_id, f"m:{rs}", "editMessageText")
    assert back.params["message_id"] == sent.message_id
    assert "<b>Regionstyrelsen</b>" in back.params["text"]


async def test_an_item_view_the_bot_forgot_shows_the_meeting_below_it(
    member: Member, fake_api: FakeBotApi, seed_ids: dict[str, int], bot_app: App
) -> None:
    """After a restart the chat's memory is empty: the meeting comes as a new message, and the
    item stays where it was (nothing is read back from the buttons' labels)."""
    sent = await member.say_one("/punkt 14 rs")
    await member.say_one("/hjalp")  # the chat's updates are handled in order: /punkt is done
    rs = seed_ids["001"]
    bot_app.drop_chat_data(USER_CHAT_ID)
    mark = fake_api.mark()
    shown, _ = await press_then(member, sent.message_id, f"m:{rs}")
    assert "<b>Regionstyrelsen</b>" in shown.text
    assert fake_api.calls("editMessageText", since=mark) == []
