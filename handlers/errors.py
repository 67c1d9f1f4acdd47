"""The last line of defence: unknown commands get "Menade du …?" (else a pointer to /hjalp),
and any unexpected error is logged, counted (shown in /status) and answered with a short
apology instead of silence.

Why: a member must never see a traceback or get no answer. Registered last by the composition
root so every real command handler (ours and the alerts') is tried first.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from handlers.common import App, Ctx, is_not_modified, lang_of, reply
from handlers.dispatch import guess_keyboard
from presentation.commands import guess, only_shows
from presentation.html import t
from presentation.texts import plain

log = logging.getLogger(__name__)


def _addressed_elsewhere(text: str, bot_username: str) -> bool:
    """`/cmd@OtherBot`: a command meant for another bot in the same group."""
    head = text.split(maxsplit=1)[0] if text.strip() else ""
    _, at, target = head.partition("@")
    return bool(at) and target.casefold() != bot_username.casefold()


async def unknown_command(update: Update, context: Ctx) -> None:
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or not message.text:
        return
    if _addressed_elsewhere(message.text, context.bot.username):
        return
    addressed = "@" in message.text.split(maxsplit=1)[0]
    if chat.type != ChatType.PRIVATE and not addressed:
        return  # in groups, unaddressed commands may belong to other bots
    lang = await lang_of(update, context)
    words = message.text.split()
    name = words[0].lstrip("/").partition("@")[0]
    spec = guess(name)
    if spec is None:
        await reply(update, context, t("unknown_command", lang))
        return
    meant = f"/{spec.name(lang)}"
    if not only_shows(spec):  # `/beslut svom` must not become one tap from `/sluta svom`
        await reply(update, context, t("unknown_command_named", lang, command=meant))
        return
    keyboard = guess_keyboard(spec, words[1:], lang)
    await reply(update, context, t("unknown_command_guess", lang, command=meant), keyboard)


async def on_error(update: object, context: Ctx) -> None:
    """Log and count the error; tell the member something went wrong (never the details)."""
    if is_not_modified(context.error):  # a double press that no handler caught: nothing to do
        log.info("edit to the same content ignored: %s", context.error)
        return
    log.error("unexpected error handling an update", exc_info=context.error)
    with contextlib.suppress(RuntimeError):  # services missing: the error came before post_init
        context.services.unexpected_errors += 1
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer()
        lang = await lang_of(update, context)
        await reply(update, context, t("error", lang))
    except Exception:  # the apology itself failed (e.g. Telegram unreachable): log only
        log.warning("could not tell the member about the error", exc_info=True)


async def unknown_button(update: Update, context: Ctx) -> None:
    """A press no other handler takes (an old, stale or forged button): answered, so the
    member's button stops spinning."""
    query = update.callback_query
    assert query is not None
    await query.answer(plain("button_stale", await lang_of(update, context)))


def register(application: App) -> None:
    application.add_handler(CallbackQueryHandler(unknown_button))
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    application.add_error_handler(on_error)
