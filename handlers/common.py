"""Helpers every conversation handler shares: the chat's language, answering in the right topic,
the group-admin check, loose body lookup with suggestions, today's date in Stockholm.

Why: each handler module stays about its feature; the Telegram manners (forum topics, long
messages split, groups where only admins change follows) are implemented once, here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import date
from typing import Any, TypeVar

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest
from telegram.ext import Application

from agenda.clock import today as clock_today
from handlers.context import BotContext
from presentation.bodymatch import match_body
from presentation.callbacks import ButtonData, decode
from presentation.html import Html, b, fmt, join, split, t
from presentation.texts import language
from storage.bodies import BodyRow, list_bodies
from storage.chats import (
    current_meeting_id,
    ensure_chat,
    follow_telegram_language,
    set_current_meeting,
)

Ctx = BotContext
App = Application[Any, Any, Any, Any, Any, Any]
P = TypeVar("P", bound=ButtonData)
_ADMINS = frozenset({ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})


def today(context: Ctx) -> date:
    """Today in Stockholm, by the application's clock."""
    return clock_today(context.services.clock)


def args_text(context: Ctx) -> str:
    return " ".join(context.args or []).strip()


def first_language(update: Update) -> str:
    """A private chat starts in the member's Telegram language (English for `en…`, else
    Swedish) until they choose with /sprak; groups start in Swedish."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or chat.type != ChatType.PRIVATE or user is None:
        return "sv"
    return "en" if (user.language_code or "").lower().startswith("en") else "sv"


async def lang_of(update: Update, context: Ctx) -> str:
    """The chat's language; the chat row is created on first contact.

    A private chat that has not chosen with /sprak follows the member's Telegram language on
    every update (stored, so alerts use it too); a chosen language, and a group's, is cached in
    the chat's memory. Only those are cached, so the cache never hides a changed Telegram
    language.
    """
    chat = update.effective_chat
    if chat is None:
        return language(None)
    if context.memory.language is not None:
        return context.memory.language
    db = context.services.db
    current = first_language(update)
    row = await ensure_chat(db, chat.id, chat.type, current)
    follows_telegram = (
        chat.type == ChatType.PRIVATE
        and update.effective_user is not None
        and not row.language_chosen
    )
    if follows_telegram:
        if row.language != current:
            await follow_telegram_language(db, chat.id, current)
        return current
    context.memory.language = row.language
    return row.language


def thread_of(message: Message | None) -> int | None:
    """The forum topic a message was written in (None outside topics)."""
    if message is not None and message.is_topic_message and message.message_thread_id:
        return message.message_thread_id
    return None


def message_of(update: Update) -> Message | None:
    """The member's message, or for a button the (accessible) message the button is under."""
    if update.callback_query is not None:
        msg = update.callback_query.message
        return msg if isinstance(msg, Message) else None
    return update.effective_message


async def reply(
    update: Update, context: Ctx, text: Html, keyboard: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Send `text` (split if long) to the chat and topic of the update; buttons on the last part.
    `text` is `Html` (`presentation.html`): nothing reaches a member unescaped."""
    chat = update.effective_chat
    if chat is None:
        return None
    thread = thread_of(message_of(update))
    parts = split(text)
    keyboard = nonempty(keyboard)
    sent: Message | None = None
    for index, part in enumerate(parts):
        sent = await context.bot.send_message(
            chat.id,
            part,
            message_thread_id=thread,
            reply_markup=keyboard if index == len(parts) - 1 else None,
        )
    return sent


def nonempty(keyboard: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """None for a keyboard without buttons (a meeting without items): Telegram drops an empty
    `inline_keyboard` and python-telegram-bot then cannot read the message it gets back."""
    return keyboard if keyboard is not None and any(keyboard.inline_keyboard) else None


@contextlib.contextmanager
def not_modified_is_fine() -> Iterator[None]:
    """A second press of the same button edits the message to what it already shows; Telegram
    answers "message is not modified", which changes nothing and is no error."""
    try:
        yield
    except BadRequest as exc:
        if not is_not_modified(exc):
            raise


def is_not_modified(exc: BaseException | None) -> bool:
    return isinstance(exc, BadRequest) and "not modified" in exc.message.casefold()


async def edit(query: CallbackQuery, text: Html, keyboard: InlineKeyboardMarkup | None) -> None:
    """Show `text` in place of the pressed message (a double press is fine)."""
    with not_modified_is_fine():
        await query.edit_message_text(text, reply_markup=nonempty(keyboard))


async def pressed(
    update: Update, context: Ctx, kind: type[P]
) -> tuple[CallbackQuery, str, P | None]:
    """A button press: its query, the chat's language and what it names as a `kind` (None
    when it names something else: the handler was registered for `kind.matches`)."""
    query = update.callback_query
    assert query is not None
    return query, await lang_of(update, context), kind.decode(query.data)


def shown_buttons(update: Update) -> list[ButtonData]:
    """What the buttons of the pressed message do (decoded; never their labels)."""
    message = message_of(update)
    markup = message.reply_markup if message is not None else None
    rows = markup.inline_keyboard if markup is not None else ()
    found = (decode(b.callback_data) for row in rows for b in row)
    return [d for d in found if d is not None]


async def may_change_follows(update: Update, context: Ctx) -> bool:
    """Private chats: yes. Groups: only the group's admins (asked from Telegram each time)."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return False
    if chat.type == ChatType.PRIVATE:
        return True
    message = message_of(update) if update.callback_query is None else None
    if (
        message is not None
        and message.sender_chat is not None
        and message.sender_chat.id == chat.id
    ):
        return True  # an anonymous admin writing as the group
    if user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in _ADMINS


def body_names(bodies: list[BodyRow], lang: str) -> Html:
    """`<b>A</b>, <b>B</b> eller <b>C</b>`."""
    names = [b(body.display_name) for body in bodies]
    if len(names) <= 1:
        return join("", names)
    return fmt("{} {} {}", join(", ", names[:-1]), t("or", lang), names[-1])


async def resolve_body(update: Update, context: Ctx, query: str, lang: str) -> BodyRow | None:
    """The body `query` names; otherwise tell the member (with suggestions) and return None."""
    result = match_body(query, await list_bodies(context.services.db))
    if result.body is not None:
        return result.body
    shown = query[:80]
    if result.ambiguous:
        text = t(
            "body_ambiguous", lang, query=shown, suggestions=body_names(result.suggestions, lang)
        )
    elif result.suggestions:
        text = t(
            "body_suggest", lang, query=shown, suggestions=body_names(result.suggestions, lang)
        )
    else:
        text = t("body_unknown", lang, query=shown)
    await reply(update, context, text)
    return None


async def remember_meeting(update: Update, context: Ctx, meeting_id: int) -> None:
    """The meeting the chat now looks at: a bare `4` means its item 4, also after a restart
    (kept in the chat's row, so /integritet lists it and /radera erases it)."""
    if context.memory.meeting_id == meeting_id:
        return  # the row says so already: no write (a write may wait for the poll process)
    chat = update.effective_chat
    if chat is not None:
        await set_current_meeting(context.services.db, chat.id, meeting_id)
    context.memory.meeting_id = meeting_id  # only once the row says so (memory caches it)


async def current_meeting(update: Update, context: Ctx) -> int | None:
    """The meeting the chat last looked at (remembered in memory, else read from its row)."""
    if context.memory.meeting_id is not None:
        return context.memory.meeting_id
    chat = update.effective_chat
    found = await current_meeting_id(context.services.db, chat.id) if chat else None
    if found is not None:
        context.memory.meeting_id = found
    return found
