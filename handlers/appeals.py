"""/overklagande [organ] (/appeals): the open appeal windows of the followed bodies.

Why: a decision can be appealed within three weeks from the posting of its approved minutes;
members, the opposition and citizens track those windows. This lists the open ones, the
soonest to close first, each with its minutes one tap away (`presentation.render_appeals`).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from handlers.common import App, Ctx, body_names, lang_of, reply, today
from handlers.meetings import chosen_bodies
from presentation.commands import command
from presentation.html import t
from presentation.render_appeals import appeals_list
from storage.appeals import open_windows


async def appeals_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    bodies = await chosen_bodies(update, context, lang, all_when_none=False)
    if bodies is None:
        return
    if not bodies:
        await reply(update, context, t("next_not_following", lang))
        return
    windows = await open_windows(context.services.db, [b.id for b in bodies], today(context))
    if not windows:
        await reply(update, context, t("appeals_none", lang, bodies=body_names(bodies, lang)))
        return
    await reply(update, context, appeals_list(windows, lang))


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("overklagande").names, appeals_command))
