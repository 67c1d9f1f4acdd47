"""Commands as members type them: `/sök`, `/nästa`, bare `nästa` or `hjälp` in a private chat,
and the "Menade du /sok?" button under an unknown command.

Why: Telegram's command names allow only a–z, 0–9 and _, so python-telegram-bot's
`CommandHandler` never sees `/sök` (Telegram marks only `/s` as the command). Rather than each
feature module registering its spellings, the composition root calls `register_spellings` once
after every module: it reads the registered `CommandHandler`s and adds, in the same handler
group, a text handler for each spelling the registry (`presentation.commands`) lists, running
the same callback with the same `context.args`. New commands get their spellings for free.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from handlers.common import App, Ctx, lang_of
from presentation.callbacks import RunCommand
from presentation.commands import COMMANDS, CommandSpec, only_shows, spelled
from presentation.texts import plain

Callback = Callable[[Update, Ctx], Coroutine[Any, Any, Any]]
_CALLBACKS_KEY = "command_callbacks"


def _alternatives(names: tuple[str, ...]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def _typed_filter(spec: CommandSpec) -> filters.BaseFilter:
    """`/sök …`, `/sök@Bot …` (any case), as text."""
    return filters.Regex(re.compile(rf"^/(?:{_alternatives(spec.typed)})(?:@\w+)?(?:\s|$)", re.I))


def _plain_filter(spec: CommandSpec) -> filters.BaseFilter:
    """`nästa`, `Hjälp`, `sök vårdplats` in a private chat (no slash)."""
    pattern = re.compile(rf"^\s*(?:{_alternatives(spec.words)})(?:\s|$)", re.I)
    return filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & filters.Regex(pattern)


def _with_args(callback: Callback, *, slash: bool) -> Callback:
    """Run `callback` with `context.args` taken from the text, as `CommandHandler` would."""

    async def run(update: Update, context: Ctx) -> None:
        message = update.effective_message
        words = message.text.split() if message is not None and message.text else []
        if not words:
            return
        _, at, target = words[0].partition("@")
        if slash and at and target.casefold() != context.bot.username.casefold():
            return  # `/sök@OtherBot`: meant for another bot in the group
        context.args = words[1:]
        await callback(update, context)

    return run


def _spec_for(handler: CommandHandler[Any, Any]) -> CommandSpec | None:
    return next((s for s in COMMANDS if set(s.names) & set(handler.commands)), None)


def register_spellings(application: App) -> None:
    """After every command module: the typed spellings, the plain words and the guess button."""
    callbacks: dict[str, Callback] = {}
    for group, handlers in sorted(application.handlers.items()):
        for handler in list(handlers):
            spec = _spec_for(handler) if isinstance(handler, CommandHandler) else None
            if spec is None:
                continue
            callbacks[spec.sv] = handler.callback
            if spec.typed:
                run = _with_args(handler.callback, slash=True)
                application.add_handler(MessageHandler(_typed_filter(spec), run), group)
            if spec.words:
                run = _with_args(handler.callback, slash=False)
                application.add_handler(MessageHandler(_plain_filter(spec), run), group)
    application.bot_data[_CALLBACKS_KEY] = callbacks
    application.add_handler(CallbackQueryHandler(command_button, pattern=RunCommand.matches))


def guess_keyboard(spec: CommandSpec, args: list[str], lang: str) -> InlineKeyboardMarkup:
    """One button that runs `spec` with the same arguments (dropped if they do not fit)."""
    data = RunCommand(spec.sv, " ".join(args))
    if not data.fits():
        data = RunCommand(spec.sv)
    label = " ".join([f"/{spec.name(lang)}", *args])[:60]
    return InlineKeyboardMarkup([[data.button(label)]])


async def command_button(update: Update, context: Ctx) -> None:
    """`RunCommand`: the "Menade du …?" button runs the command it names."""
    query = update.callback_query
    assert query is not None
    press = RunCommand.decode(query.data)
    callbacks: dict[str, Callback] = context.application.bot_data.get(_CALLBACKS_KEY, {})
    spec = spelled(press.command) if press else None
    safe = spec is not None and only_shows(spec)  # an old or forged button changes nothing
    callback = callbacks.get(press.command) if press and safe else None
    if press is None or callback is None:
        await query.answer(plain("gone_toast", await lang_of(update, context)))
        return
    await query.answer()
    context.args = press.args.split()
    await callback(update, context)
