"""/integritet (/privacy): what the bot stores and why, in plain words; /radera (/delete_my_data):
erase it after a confirmation button.

Why: follows and keyword watches say what a politician cares about; members must be able to see
what is kept and remove it themselves. In groups only the group's admins may erase (the data is
the group's settings).
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.common import (
    LANG_KEY,
    MEETING_KEY,
    App,
    Ctx,
    edit,
    lang_of,
    may_change_follows,
    reply,
)
from presentation.commands import command
from presentation.texts import t, tn
from storage.erase import erase_chat
from storage.party import line_count, party_group
from storage.reading import reading_count

CONFIRM, CANCEL = "del:yes", "del:no"


async def privacy_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    text = t("privacy", lang)
    chat = update.effective_chat
    if chat is not None:  # issue 21: what preparing a meeting keeps, counted
        db = context.services.db
        text += "\n\n" + tn("privacy_prepare", lang, await reading_count(db, chat.id))
        group = await party_group(db, chat.id)
        lines = await line_count(db, chat.id)
        if group is not None or lines:
            body = html.escape(group.body.display_name) if group else "–"
            text += "\n" + t("privacy_party", lang, body=body, lines=lines)
    await reply(update, context, text)


async def delete_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    if not await may_change_follows(update, context):
        await reply(update, context, t("delete_admins_only", lang))
        return
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(t("delete_confirm_button", lang), callback_data=CONFIRM),
                InlineKeyboardButton(t("delete_cancel_button", lang), callback_data=CANCEL),
            ]
        ]
    )
    await reply(update, context, t("delete_ask", lang), keyboard)


async def delete_button(update: Update, context: Ctx) -> None:
    query = update.callback_query
    chat = update.effective_chat
    assert query is not None
    lang = await lang_of(update, context)
    if chat is None or not await may_change_follows(update, context):
        await query.answer(t("admins_only_toast", lang))
        return
    await query.answer()
    if query.data != CONFIRM:
        await edit(query, t("delete_cancelled", lang), None)
        return
    erased = await erase_chat(context.services.db, chat.id)
    if context.chat_data is not None:
        for key in (LANG_KEY, MEETING_KEY):
            context.chat_data.pop(key, None)
    text = t(
        "delete_done", lang, follows=erased.follows, watches=erased.watches, alerts=erased.alerts
    )
    if erased.reading or erased.lines:
        text += "\n" + t("delete_done_prepare", lang, meetings=erased.reading, lines=erased.lines)
    await edit(query, text, None)


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("integritet").names, privacy_command))
    application.add_handler(CommandHandler(command("radera").names, delete_command))
    application.add_handler(CallbackQueryHandler(delete_button, pattern=r"^del:(yes|no)$"))
