"""/start (greeting; deep link `/start <body-slug>` follows the body, `/start m_<id>` and
`/start i_<id>_<pos>` open a meeting or an item: the links a press in a channel answers with),
/hjalp, /sprak.

Why: the first minute decides whether a member keeps the bot. /start says what it does and how
to begin; /hjalp lists exactly the registered commands (from `presentation.commands`); /sprak
switches between Swedish and English for the whole chat.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from handlers.bodies import follow_named
from handlers.common import LANG_KEY, App, Ctx, args_text, lang_of, may_change_follows, reply
from handlers.items import show_item
from handlers.meetings import show_meeting
from presentation.commands import command, help_lines
from presentation.html import EMPTY, Html, join, t
from presentation.render import callback_of_start, parse_callback
from storage.chats import ensure_chat, set_language
from storage.meetings import get_meeting

# Must match the reminder syntax of handlers/alerts.py (engineer E).
REMIND_EXAMPLE = {"sv": "/paminn 2d morgon", "en": "/remind 2d morning"}
_LANGUAGE_WORDS = {
    "sv": "sv", "svenska": "sv", "swedish": "sv", "se": "sv",
    "en": "en", "engelska": "en", "english": "en",
}  # fmt: skip


async def start(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    payload = args_text(context)
    shown = callback_of_start(payload)
    if shown is not None:
        await _open(update, context, shown, lang)
    elif payload:
        await follow_named(update, context, payload, lang)
    else:
        await reply(update, context, t("start", lang))


async def _open(update: Update, context: Ctx, data: str, lang: str) -> None:
    """The meeting or item a button in a channel showed, here in the member's own chat."""
    parsed = parse_callback(data)
    sm = await get_meeting(context.services.db, parsed[1]) if parsed else None
    if sm is None or parsed is None:
        await reply(update, context, t("gone_toast", lang))
        return
    position = parsed[2]
    if position is None:
        await show_meeting(update, context, sm, lang)
    elif 0 <= position < len(sm.meeting.items):
        await show_item(update, context, sm, position)
    else:
        await reply(update, context, t("item_gone", lang))


def help_text(lang: str) -> Html:
    footer = t("help_footer", lang, remind_example=REMIND_EXAMPLE[lang])
    return join("\n", [t("help_header", lang), EMPTY, *help_lines(lang), EMPTY, footer])


async def help_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    await reply(update, context, help_text(lang))


async def language_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    chosen = _LANGUAGE_WORDS.get(args_text(context).casefold())
    chat = update.effective_chat
    if chosen is None or chat is None:
        await reply(update, context, t("language_usage", lang))
        return
    if not await may_change_follows(update, context):
        await reply(update, context, t("admins_only_settings", lang))
        return
    db = context.services.db
    await ensure_chat(db, chat.id, chat.type)
    await set_language(db, chat.id, chosen)
    if context.chat_data is not None:
        context.chat_data[LANG_KEY] = chosen
    await reply(update, context, t("language_set", chosen))


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("start").names, start))
    application.add_handler(CommandHandler(command("hjalp").names, help_command))
    application.add_handler(CommandHandler(command("sprak").names, language_command))
