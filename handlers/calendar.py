"""/kalender (/calendar): the followed bodies' upcoming meetings as an .ics file to import.

Why: members live in their calendars; one tap puts every meeting of the bodies they follow there,
and importing the file again later updates the same events (see `presentation.calendar`).
"""

from __future__ import annotations

from telegram import InputFile, Update
from telegram.ext import CommandHandler

from handlers.common import App, Ctx, lang_of, message_of, reply, thread_of, today
from presentation.calendar import meetings_ics
from presentation.commands import command
from presentation.texts import t, tn
from storage.chats import following
from storage.events import change_counts
from storage.meetings import StoredMeeting, get_meeting, list_meetings

MAX_MEETINGS = 200
FILENAME = "namndbot.ics"


async def calendar_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    chat = update.effective_chat
    if chat is None:
        return
    db = context.services.db
    bodies = await following(db, chat.id)
    if not bodies:
        await reply(update, context, t("calendar_not_following", lang))
        return
    rows, _ = await list_meetings(
        db, [b.id for b in bodies], today(context), upcoming=MAX_MEETINGS, recent=0
    )
    meetings: list[StoredMeeting] = [
        sm for r in rows if (sm := await get_meeting(db, r.id)) is not None
    ]
    data = meetings_ics(
        meetings,
        await change_counts(db, [sm.id for sm in meetings]),
        context.services.clock.now(),
        lang,
    )
    await context.bot.send_document(
        chat.id,
        InputFile(data, filename=FILENAME, attach=True),
        caption=tn("calendar_caption", lang, len(meetings)),
        message_thread_id=thread_of(message_of(update)),
    )


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("kalender").names, calendar_command))
