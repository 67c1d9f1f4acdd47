"""The fake Bot API takes files like Telegram: multipart uploads from python-telegram-bot's real
Bot, `attach://` references, re-sending by file_id, and Telegram's refusals for files and
captions."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit
from telegram.error import BadRequest

from demo.fake_api import FakeBotApi
from demo.terminal import TerminalChat
from presentation.texts import plain

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


@pytest.fixture
async def bot(fake_api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(fake_api.token, base_url=fake_api.base_url) as bot:
        yield bot


async def test_upload_is_recorded_with_its_name_and_bytes(bot: Bot, fake_api: FakeBotApi) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Öppna", callback_data="c:1")]])
    message = await bot.send_document(
        -70,
        ICS,
        filename="möte.ics",
        caption="<b>Möte</b> &amp; kalender",
        parse_mode="HTML",
        reply_markup=markup,
        message_thread_id=5,
    )
    assert message.document is not None and message.document.file_name == "möte.ics"
    assert message.document.file_size == len(ICS) and message.caption == "Möte & kalender"
    assert message.reply_markup == markup and message.message_thread_id == 5
    [sent] = fake_api.sent_documents(-70)
    assert (sent.file_name, sent.data, sent.message_id) == ("möte.ics", ICS, message.message_id)
    assert sent.caption == "<b>Möte</b> &amp; kalender" and sent.params["message_thread_id"] == 5
    again = await bot.send_document(-71, message.document.file_id)
    assert again.document is not None and again.document.file_name == "möte.ics"
    assert fake_api.sent_documents(-71)[0].data is None  # sent by id: nothing uploaded
    assert fake_api.sent_documents() == fake_api.sent_documents(-70) + fake_api.sent_documents(-71)
    assert fake_api.sent_messages() == []


async def test_attach_reference_and_plain_form_fields(fake_api: FakeBotApi) -> None:
    url = f"{fake_api.base_url}{fake_api.token}/sendDocument"
    async with httpx.AsyncClient() as client:
        answer = await client.post(
            url + "?chat_id=9",
            data={"document": "attach://cal", "disable_notification": "true"},
            files={"cal": ("a.ics", ICS, "text/calendar")},
        )
        dangling = await client.post(
            url, data={"chat_id": "9", "document": "attach://nothing"}, files={"x": ("b", b"1")}
        )
    assert answer.json()["result"]["document"]["mime_type"] == "text/calendar"
    [sent] = fake_api.sent_documents(9)
    assert (sent.data, sent.mime_type) == (ICS, "text/calendar")
    assert sent.params["disable_notification"] is True
    assert dangling.status_code == 400 and "attach://nothing" in dangling.json()["description"]


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"document": b"", "filename": "tom.ics"}, "file must be non-empty"),
        ({"document": "no-such-file-id"}, "wrong file identifier"),
        (
            {"document": ICS, "caption": "x" * (MessageLimit.CAPTION_LENGTH + 1)},
            "caption is too long",
        ),
        ({"document": ICS, "caption": "a < b", "parse_mode": "HTML"}, "Unexpected character"),
    ],
)
async def test_files_and_captions_are_refused_like_telegram(
    bot: Bot, fake_api: FakeBotApi, kwargs: dict[str, object], fragment: str
) -> None:
    with pytest.raises(BadRequest, match=f"(?i){fragment}"):
        await bot.send_document(3, **kwargs)  # type: ignore[arg-type]
    assert fake_api.sent_documents() == []


async def test_unreadable_bodies_are_a_bad_request(fake_api: FakeBotApi) -> None:
    url = f"{fake_api.base_url}{fake_api.token}/sendMessage"
    async with httpx.AsyncClient() as client:
        not_json = await client.post(
            url, content=b"{nope", headers={"Content-Type": "application/json"}
        )
        not_object = await client.post(url, json=[1, 2])
    assert (not_json.status_code, not_object.status_code) == (400, 400)
    assert "must be an object" in not_object.json()["description"]
    assert fake_api.calls() == []


async def test_terminal_chat_shows_a_document(bot: Bot, fake_api: FakeBotApi) -> None:
    out = io.StringIO()
    chat = TerminalChat(fake_api, out, frame=plain, chat_id=12)
    await bot.send_document(
        12, ICS, filename="möte.ics", caption="<i>Lägg till</i>", parse_mode="HTML"
    )
    chat._print_new()
    assert f"Nämndbot (fil möte.ics, {len(ICS)} byte):\n  Lägg till" in out.getvalue()
