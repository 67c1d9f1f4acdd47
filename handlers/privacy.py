"""/integritet (/privacy): what the bot stores and why, in plain words; /radera (/delete_my_data):
erase it after a confirmation button.

Why: follows and keyword watches say what a politician cares about; members must be able to see
what is kept and remove it themselves. In groups only the group's admins may erase (the data is
the group's settings). The confirmation is a one-time ticket: its button (`ConfirmErase`) carries
a random code kept in the chat's memory (`ChatData.erase_ticket`) with the member who asked and
until when (`CONFIRM_MINUTES`). It erases only
when that member presses it, in time, once; another member's press is refused with a toast; an
old, used or forged press (a code the chat does not hold, as after a restart) asks again instead
of erasing.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.chat_data import EraseTicket
from handlers.common import (
    App,
    Ctx,
    edit,
    lang_of,
    may_change_follows,
    reply,
)
from presentation.callbacks import ButtonData, CancelErase, ConfirmErase
from presentation.commands import command
from presentation.html import fmt, t, tn
from presentation.texts import plain
from storage.erase import erase_chat
from storage.party import line_count, party_group
from storage.reading import reading_count

CONFIRM_MINUTES = 5


async def privacy_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    text = t("privacy", lang)
    chat = update.effective_chat
    if chat is not None:  # issue 21: what preparing a meeting keeps, counted
        db = context.services.db
        prepare = tn("privacy_prepare", lang, await reading_count(db, chat.id))
        text = fmt("{}\n\n{}", text, prepare)
        group = await party_group(db, chat.id)
        lines = await line_count(db, chat.id)
        if group is not None or lines:
            body = group.body.display_name if group else "–"
            text = fmt("{}\n{}", text, t("privacy_party", lang, body=body, lines=lines))
    await reply(update, context, text)


def _ask(context: Ctx, user_id: int | None, lang: str) -> InlineKeyboardMarkup:
    """A new ticket for `user_id` (any earlier one no longer holds) and its buttons."""
    expires = context.services.clock.now() + timedelta(minutes=CONFIRM_MINUTES)
    ticket = EraseTicket(secrets.token_hex(8), user_id, expires)
    context.memory.erase_ticket = ticket
    return InlineKeyboardMarkup(
        [
            [
                ConfirmErase(ticket.code).button(plain("delete_confirm_button", lang)),
                CancelErase().button(plain("delete_cancel_button", lang)),
            ]
        ]
    )


async def delete_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    if not await may_change_follows(update, context):
        await reply(update, context, t("delete_admins_only", lang))
        return
    user = update.effective_user
    keyboard = _ask(context, user.id if user else None, lang)
    await reply(update, context, t("delete_ask", lang, minutes=CONFIRM_MINUTES), keyboard)


async def delete_button(update: Update, context: Ctx) -> None:
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    lang = await lang_of(update, context)
    if chat is None or not await may_change_follows(update, context):
        await query.answer(plain("admins_only_toast", lang))
        return
    ticket = _current_ticket(context)
    if ticket is not None and ticket.user_id != query.from_user.id:
        await query.answer(plain("delete_not_yours", lang))  # another member's confirmation
        return
    await query.answer()
    press = ButtonData.decode(query.data)
    if isinstance(press, CancelErase):
        _forget_ticket(context)
        await edit(query, t("delete_cancelled", lang), None)
        return
    if ticket is None or not isinstance(press, ConfirmErase) or not _matches(ticket, press):
        keyboard = _ask(context, query.from_user.id, lang)  # old, used or forged: ask again
        await edit(query, t("delete_ask_again", lang, minutes=CONFIRM_MINUTES), keyboard)
        return
    _forget_ticket(context)
    erased = await erase_chat(context.services.db, chat.id)
    # and what the bot holds of the chat in memory (`ChatData`: language, current meeting,
    # last search query, meeting list, item views), kept only in memory
    context.memory.forget()
    context.application.drop_chat_data(chat.id)
    text = t(
        "delete_done", lang, follows=erased.follows, watches=erased.watches, alerts=erased.alerts
    )
    if erased.reading or erased.lines:
        done = t("delete_done_prepare", lang, meetings=erased.reading, lines=erased.lines)
        text = fmt("{}\n{}", text, done)
    await edit(query, text, None)


def _current_ticket(context: Ctx) -> EraseTicket | None:
    """The chat's pending confirmation, if it has not expired."""
    held = context.memory.erase_ticket
    if held is not None and context.services.clock.now() < held.expires:
        return held
    return None


def _matches(ticket: EraseTicket, press: ConfirmErase) -> bool:
    """The press carries this ticket's code (a code-less `del:yes` is an old button)."""
    return bool(press.code) and secrets.compare_digest(press.code, ticket.code)


def _forget_ticket(context: Ctx) -> None:
    context.memory.erase_ticket = None


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("integritet").names, privacy_command))
    application.add_handler(CommandHandler(command("radera").names, delete_command))
    for kind in (ConfirmErase, CancelErase):
        application.add_handler(CallbackQueryHandler(delete_button, pattern=kind.matches))
