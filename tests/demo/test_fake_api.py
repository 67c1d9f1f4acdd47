"""The fake Bot API answers like Telegram to python-telegram-bot's real Bot and Application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatMemberStatus, MessageLimit
from telegram.error import (
    BadRequest,
    ChatMigrated,
    EndPointNotFound,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
)
from telegram.request import HTTPXRequest

from demo.fake_api import FakeBotApi
from demo.fake_html import readable_text
from demo.lifecycle import stop_application
from demo.limits import LimitEnforcer, TelegramLimits
from tests.support.world import start_application


@pytest.fixture
async def bot(fake_api: FakeBotApi) -> AsyncIterator[Bot]:
    request = HTTPXRequest(read_timeout=2.0, connect_timeout=2.0)
    async with Bot(fake_api.token, base_url=fake_api.base_url, request=request) as bot:
        yield bot


async def test_get_me_and_send_message_round_trip(bot: Bot, fake_api: FakeBotApi) -> None:
    assert bot.username == fake_api.bot_username
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Punkt 4", callback_data="i:1:3")]])
    first = await bot.send_message(
        42,
        "<b>Hej</b> &amp; välkommen",
        parse_mode="HTML",
        reply_markup=markup,
        message_thread_id=7,
    )
    second = await bot.send_message(42, "två", reply_to_message_id=first.message_id)
    assert second.message_id > first.message_id
    assert first.text == "Hej & välkommen" and first.chat.id == 42
    assert first.reply_markup == markup and first.message_thread_id == 7
    assert second.reply_to_message is not None
    assert second.reply_to_message.message_id == first.message_id
    sent = fake_api.sent_messages(42)
    assert [m.text for m in sent] == ["<b>Hej</b> &amp; välkommen", "två"]
    assert sent[0].buttons() == [("Punkt 4", "i:1:3")] and sent[0].thread_id == 7
    assert sent[1].reply_to_message_id == first.message_id
    assert fake_api.sent_messages(43) == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("a < b", "Unexpected character '<'"),
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("<b>x", "Can't find end tag"),
        ("Hälso- & sjukvård", "Character entity expected"),
    ],
)
async def test_invalid_html_is_refused_like_telegram(bot: Bot, text: str, fragment: str) -> None:
    with pytest.raises(BadRequest, match=f"(?i){fragment}"):
        await bot.send_message(1, text, parse_mode="HTML")


async def test_message_limits_are_enforced(bot: Bot, fake_api: FakeBotApi) -> None:
    await bot.send_message(1, "x" * MessageLimit.MAX_TEXT_LENGTH)
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await bot.send_message(1, "x" * (MessageLimit.MAX_TEXT_LENGTH + 1))
    long_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(1, "x", reply_markup=long_data)
    assert len(fake_api.sent_messages(1)) == 1
    assert [c.outcome for c in fake_api.calls("sendMessage")] == ["ok", "error:400", "error:400"]


async def test_edit_and_delete_follow_telegram_rules(bot: Bot, fake_api: FakeBotApi) -> None:
    sent = await bot.send_message(5, "före")
    edited = await bot.edit_message_text("efter", chat_id=5, message_id=sent.message_id)
    assert isinstance(edited, type(sent)) and edited.text == "efter"
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_text("efter", chat_id=5, message_id=sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)not found"):
        await bot.edit_message_text("x", chat_id=5, message_id=999)
    assert (fake_api.message(5, sent.message_id) or {})["text"] == "efter"
    assert await bot.delete_message(5, sent.message_id)
    assert fake_api.message(5, sent.message_id) is None


async def test_commands_are_stored_per_language(bot: Bot, fake_api: FakeBotApi) -> None:
    await bot.set_my_commands([BotCommand("hjalp", "Hjälp")], language_code="sv")
    await bot.set_my_commands([BotCommand("help", "Help")])
    assert [c.command for c in await bot.get_my_commands(language_code="sv")] == ["hjalp"]
    assert fake_api.commands_for("sv") == ["hjalp"] and fake_api.commands_for() == ["help"]
    await bot.delete_my_commands(language_code="sv")
    assert fake_api.commands_for("sv") == []
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Nästa", "x")])


async def test_scripted_errors_become_ptb_exceptions(bot: Bot, fake_api: FakeBotApi) -> None:
    fake_api.fail_retry_after(3, chat_id=10)
    fake_api.fail_forbidden(chat_id=11)
    fake_api.fail_bad_request("Bad Request: chat not found", chat_id=12)
    fake_api.fail_migrate(-13, -10013)
    with pytest.raises(RetryAfter) as retry:
        await bot.send_message(10, "a")
    assert retry.value.retry_after in (3, __import__("datetime").timedelta(seconds=3))
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(11, "a")
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(12, "a")
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(-13, "a")
    assert migrated.value.new_chat_id == -10013
    for chat in (10, 11, 12, -13):  # each fault was consumed once
        await bot.send_message(chat, "b")
    assert [m.chat_id for m in fake_api.sent_messages()] == [10, 11, 12, -13]
    assert fake_api.count_429 == 1


async def test_fault_for_one_chat_n_times(bot: Bot, fake_api: FakeBotApi) -> None:
    fake_api.fail_forbidden(chat_id=20, times=2)
    await bot.send_message(21, "other chat is unaffected")
    for _ in range(2):
        with pytest.raises(Forbidden):
            await bot.send_message(20, "a")
    await bot.send_message(20, "third time works")
    assert [m.chat_id for m in fake_api.sent_messages()] == [21, 20]


async def test_delay_is_a_read_timeout_but_the_message_arrived(fake_api: FakeBotApi) -> None:
    request = HTTPXRequest(read_timeout=0.2)
    async with Bot(fake_api.token, base_url=fake_api.base_url, request=request) as bot:
        fake_api.delay(1.0, chat_id=30)
        with pytest.raises(TimedOut):
            await bot.send_message(30, "late")
    assert [m.text for m in fake_api.sent_messages(30)] == ["late"]


async def test_dropped_connection_delivers_nothing(bot: Bot, fake_api: FakeBotApi) -> None:
    fake_api.drop_connection(chat_id=31)
    with pytest.raises(NetworkError):
        await bot.send_message(31, "lost")
    assert fake_api.sent_messages(31) == []
    assert [c.outcome for c in fake_api.calls("sendMessage")] == ["dropped"]
    await bot.send_message(31, "again")  # a new connection works
    assert len(fake_api.sent_messages(31)) == 1


async def test_unknown_method_and_wrong_token(bot: Bot, fake_api: FakeBotApi) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": 1})
    async with httpx.AsyncClient() as client:
        wrong = await client.post(f"{fake_api.base_url}0:wrong/getMe")
        right = await client.post(f"{fake_api.base_url}{fake_api.token}/getMe", json={})
    assert wrong.status_code == 404 and wrong.json()["ok"] is False
    assert right.json()["result"]["is_bot"] is True


async def test_json_bodies_are_accepted(fake_api: FakeBotApi) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{fake_api.base_url}{fake_api.token}/sendMessage", json={"chat_id": 8, "text": "17"}
        )
    assert response.json()["result"]["text"] == "17"
    assert fake_api.sent_messages(8)[0].params["chat_id"] == 8


async def test_chat_member_statuses(bot: Bot, fake_api: FakeBotApi) -> None:
    fake_api.set_member_status(-50, 7, "administrator")
    fake_api.set_member_status(-50, 8, "creator")
    assert (await bot.get_chat_member(-50, 7)).status == ChatMemberStatus.ADMINISTRATOR
    assert (await bot.get_chat_member(-50, 9)).status == ChatMemberStatus.MEMBER
    admins = await bot.get_chat_administrators(-50)
    assert sorted(a.user.id for a in admins) == [7, 8]
    with pytest.raises(ValueError, match="unknown chat member status"):
        fake_api.set_member_status(-50, 7, "boss")


async def test_get_updates_honours_offset(bot: Bot, fake_api: FakeBotApi) -> None:
    assert await bot.get_updates(timeout=0) == ()
    first = await fake_api.inject_message(1, "hej")
    await fake_api.inject_command(1, "nasta", "hsn")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first["update_id"], first["update_id"] + 1]
    assert updates[1].message is not None and updates[1].message.text == "/nasta hsn"
    again = await bot.get_updates(offset=updates[1].update_id, timeout=0)
    assert [u.update_id for u in again] == [updates[1].update_id]
    assert await bot.get_updates(offset=updates[1].update_id + 1, timeout=0) == ()


def test_limit_enforcer_follows_telegram_windows() -> None:
    enforcer = LimitEnforcer(TelegramLimits())
    assert enforcer.retry_after(1, 0.0) is None
    assert enforcer.retry_after(1, 0.5) == 1  # one a second per chat
    assert enforcer.retry_after(1, 1.01) is None
    assert all(enforcer.retry_after(100 + i, 3.0) is None for i in range(30))
    assert enforcer.retry_after(500, 3.5) == 1  # 30 a second overall
    group = LimitEnforcer(TelegramLimits())
    assert all(group.retry_after(-7, 1.1 * i) is None for i in range(20))
    wait = group.retry_after(-7, 22.1)  # the 21st within a minute
    assert wait is not None and 30 <= wait <= 60
    fast = LimitEnforcer(TelegramLimits().scaled(10))
    assert all(fast.retry_after(1, 0.01 * i) is None for i in range(10))
    assert fast.retry_after(1, 0.1) == 1


async def test_limit_mode_answers_429(fake_api: FakeBotApi, bot: Bot) -> None:
    fake_api.set_limits(TelegramLimits())
    await bot.send_message(3, "a")
    with pytest.raises(RetryAfter):
        await bot.send_message(3, "b")
    assert fake_api.count_429 == 1 and len(fake_api.sent_messages(3)) == 1


def test_readable_text_for_the_terminal() -> None:
    html = '<b>Punkt 4</b> &amp; <a href="https://x.se/a?b=1&amp;c=2">protokoll</a>'
    assert readable_text(html) == "Punkt 4 & protokoll <https://x.se/a?b=1&c=2>"


# -- with a real Application -------------------------------------------------------------------


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        f"args={' '.join(context.args or [])}",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Tryck", callback_data="p:1")]]),
    )


async def _pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    await query.answer("ok")
    await query.edit_message_text(f"pressed {query.data}")


async def _member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    change = update.my_chat_member
    assert change is not None
    context.bot_data.setdefault("changes", []).append(change.new_chat_member.status)


@pytest.fixture
async def app(fake_api: FakeBotApi) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    application = Application.builder().token(fake_api.token).base_url(fake_api.base_url).build()
    application.add_handler(CommandHandler("eko", _echo))
    application.add_handler(CallbackQueryHandler(_pressed))
    application.add_handler(ChatMemberHandler(_member, ChatMemberHandler.MY_CHAT_MEMBER))
    await start_application(application)
    try:
        yield application
    finally:
        await stop_application(application)


async def test_application_command_button_and_membership(
    app: Application[Any, Any, Any, Any, Any, Any], fake_api: FakeBotApi
) -> None:
    await fake_api.inject_command(77, "eko", "ett två")
    (reply,) = await fake_api.wait_for_messages(77)
    assert reply.text == "args=ett två" and reply.buttons() == [("Tryck", "p:1")]
    mark = fake_api.mark()
    await fake_api.inject_callback(77, reply.message_id, "p:1")
    await fake_api.wait_for_call("editMessageText", since=mark)
    assert fake_api.calls("answerCallbackQuery", since=mark)[0].params["text"] == "ok"
    assert (fake_api.message(77, reply.message_id) or {})["text"] == "pressed p:1"
    await fake_api.inject_my_chat_member(77, "member", "kicked")
    await fake_api.wait_for(lambda: app.bot_data.get("changes") == ["kicked"], what="kicked")


async def test_application_in_group_topic_addressed_command(
    app: Application[Any, Any, Any, Any, Any, Any], fake_api: FakeBotApi
) -> None:
    await fake_api.inject_command(
        -100200, "eko", "x", addressed=True, user_id=5, thread_id=9, is_topic=True
    )
    (reply,) = await fake_api.wait_for_messages(-100200)
    assert reply.text == "args=x" and reply.thread_id == 9
    await fake_api.inject_command(-100200, "eko", "y", user_id=5)  # unaddressed works too
    await fake_api.wait_for_messages(-100200, 2)


async def test_wait_for_times_out_with_a_clear_message(fake_api: FakeBotApi) -> None:
    with pytest.raises(TimeoutError, match="1 message"):
        await fake_api.wait_for_messages(1, timeout=0.05)
