"""/start (greeting; deep link `/start <body-slug>` follows the body, `/start m_<id>` and
`/start i_<id>_<pos>` open a meeting or an item: the links a press in a channel answers with),
/hjalp, /sprak.

Why: the first minute decides whether a member keeps the bot. /start says what it does and how
to begin; /hjalp lists exactly the registered commands (from `presentation.commands`; /status
too in an administrator's chat, as its menu does); /sprak switches between Swedish and English
for the whole chat.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from handlers.admin import is_admin
from handlers.bodies import follow_named
from handlers.common import App, Ctx, args_text, lang_of, may_change_follows, reply
from handlers.items import show_item
from handlers.meetings import show_meeting
from presentation.callbacks import ShowItem, ShowMeeting, button_of_start, is_start_payload
from presentation.commands import command, help_lines
from presentation.html import EMPTY, Html, join, t
from storage.chats import ensure_chat, set_language
from storage.meetings import get_meeting

# Must match the reminder syntax of handlers/alerts.py (`agenda.alert_times`).
REMIND_EXAMPLE = {"sv": "/paminn 2d morgon", "en": "/remind 2d morning"}
_LANGUAGE_WORDS = {
    "sv": "sv", "svenska": "sv", "swedish": "sv", "se": "sv",
    "en": "en", "engelska": "en", "english": "en",
}  # fmt: skip


async def start(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    payload = args_text(context)
    if is_start_payload(payload):
        await _open(update, context, button_of_start(payload), lang)
    elif payload:
        await follow_named(update, context, payload, lang)
    else:
        await reply(update, context, t("start", lang))


async def _open(
    update: Update, context: Ctx, shown: ShowMeeting | ShowItem | None, lang: str
) -> None:
    """The meeting or item a button in a channel showed, here in the member's own chat."""
    sm = await get_meeting(context.services.db, shown.meeting_id) if shown else None
    if sm is None or shown is None:
        await reply(update, context, t("gone_toast", lang))
        return
    if isinstance(shown, ShowMeeting):
        await show_meeting(update, context, sm, lang)
        return
    if 0 <= shown.position < len(sm.meeting.items):
        await show_item(update, context, sm, shown.position)
    else:
        await reply(update, context, t("item_gone", lang))


def help_text(lang: str, admin: bool = False) -> Html:
    """/hjalp: every public command (and /status in an administrator's chat), then a footer."""
    footer = t("help_footer", lang, remind_example=REMIND_EXAMPLE[lang])
    lines = help_lines(lang, admin)
    return join("\n", [t("help_header", lang), EMPTY, *lines, EMPTY, footer])


async def help_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    await reply(update, context, help_text(lang, is_admin(update, context.services)))


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
    context.memory.language = chosen
    await reply(update, context, t("language_set", chosen))


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("start").names, start))
    application.add_handler(CommandHandler(command("hjalp").names, help_command))
    application.add_handler(CommandHandler(command("sprak").names, language_command))
