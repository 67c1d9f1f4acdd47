"""/kalender (/calendar): the followed bodies' upcoming meetings as an .ics file to import.

Why: members live in their calendars; one tap puts every meeting of the bodies they follow there,
and importing the file again later updates the same events (see `presentation.calendar`).
Where the operator set PUBLIC_BASE_URL, the caption also carries the chat's private
subscription link, which phones fetch by themselves to stay current.
"""

from __future__ import annotations

from datetime import datetime

from telegram import InputFile, Update
from telegram.ext import CommandHandler

from agenda.clock import STOCKHOLM
from handlers.common import App, Ctx, lang_of, message_of, reply, thread_of
from presentation.calendar import MAX_MEETINGS, meetings_ics
from presentation.commands import command
from presentation.html import fmt, t, tn
from storage.calendar_reads import chat_calendar_rows
from storage.calendar_tokens import token_for
from storage.chats import following
from storage.db import Database

FILENAME = "namndbot.ics"


async def calendar_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    chat = update.effective_chat
    if chat is None:
        return
    svc = context.services
    if not await following(svc.db, chat.id):
        await reply(update, context, t("calendar_not_following", lang))
        return
    data, count = await chat_calendar(svc.db, chat.id, svc.clock.now())
    caption = tn("calendar_caption", lang, count)
    if svc.public_base_url:
        link = feed_url(svc.public_base_url, await token_for(svc.db, chat.id))
        caption = fmt("{}\n\n{}", caption, t("calendar_subscribe", lang, url=link))
    await context.bot.send_document(
        chat.id,
        InputFile(data, filename=FILENAME, attach=True),
        caption=caption,
        message_thread_id=thread_of(message_of(update)),
    )


async def chat_calendar(db: Database, chat_id: int, stamp: datetime) -> tuple[bytes, int]:
    """(the .ics of the chat's followed bodies' meetings from today on, how many), in the chat's
    language. Used by /kalender and by the subscription feed (`bot.web`)."""
    day = stamp.astimezone(STOCKHOLM).date()
    found = await chat_calendar_rows(db, chat_id, day, MAX_MEETINGS)
    data = meetings_ics(found.meetings, found.sequences, stamp, found.language)
    return data, len(found.meetings)


def feed_url(base: str, token: str) -> str:
    """The private subscription URL (served by the bot's web server, `bot.web`)."""
    return f"{base.rstrip('/')}/calendar/{token}.ics"


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("kalender").names, calendar_command))
