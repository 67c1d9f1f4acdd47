"""/forbered [organ] (/prepare): the next meeting's items to decide as a checklist, each with
its proposal, its documents and a "✓ läst" button, and "7 av 12 lästa"; the `ToggleRead` button.

Why: members prepare item by item and want to know how far they have come. The read marks are
the chat's reading state (`agenda.reading.mark_read`): an item whose proposal or documents
change after it was marked counts as unread again and says so. Pressing a button updates the
checklist in place (a checklist too long for one message: its buttons, the count in the
toast).
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import MessageLimit
from telegram.ext import CallbackQueryHandler, CommandHandler

from agenda.reading import items_to_decide, mark_read, read_marks
from handlers.common import (
    App,
    Ctx,
    body_names,
    edit,
    lang_of,
    not_modified_is_fine,
    pressed,
    reply,
    today,
)
from handlers.meetings import chosen_bodies
from presentation.callbacks import ToggleRead
from presentation.commands import command
from presentation.html import Html, t
from presentation.render_news import checklist, checklist_keyboard
from presentation.texts import format_date, plain
from storage.document_reads import item_substance, meeting_proposals
from storage.item_titles import item_titles
from storage.meeting_rows import StoredMeeting
from storage.meetings import get_meeting, next_meeting
from storage.reading import get_reading, meeting_views, save_reading


async def _render(
    context: Ctx, chat_id: int, sm: StoredMeeting, lang: str
) -> tuple[Html, InlineKeyboardMarkup] | None:
    """(text, keyboard) of the meeting's checklist for the chat; None: nothing to decide."""
    db = context.services.db
    proposals = await meeting_proposals(db, sm.id)
    positions = items_to_decide(sm.meeting.items, proposals)
    if not positions:
        return None
    reading = await get_reading(db, chat_id, sm.id)
    marks = read_marks(reading.seen, await meeting_views(db, sm))
    substances = {p: await item_substance(db, sm.id, p) for p in positions}
    titles = await item_titles(db, sm)  # the untitled items' titles from evidence
    text = checklist(sm, positions, proposals, substances, marks, lang, titles)
    return text, checklist_keyboard(sm, positions, marks, lang, titles)


async def prepare_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    chat = update.effective_chat
    bodies = await chosen_bodies(update, context, lang, all_when_none=False)
    if bodies is None or chat is None:
        return
    if not bodies:
        await reply(update, context, t("next_not_following", lang))
        return
    sm = await next_meeting(context.services.db, [b.id for b in bodies], today(context))
    if sm is None:
        await reply(update, context, t("next_none", lang, bodies=body_names(bodies, lang)))
        return
    shown = await _render(context, chat.id, sm, lang)
    if shown is None:
        when = format_date(sm.meeting.date, lang) if sm.meeting.date else "?"
        await reply(update, context, t("prepare_none", lang, body=sm.body.display_name, date=when))
        return
    text, keyboard = shown
    await reply(update, context, text, keyboard)


async def read_button(update: Update, context: Ctx) -> None:
    """`ToggleRead`: mark the item read (or unread again) and update the list."""
    query, lang, press = await pressed(update, context, ToggleRead)
    chat = update.effective_chat
    db = context.services.db
    sm = await get_meeting(db, press.meeting_id) if press else None
    position = press.position if press else -1
    if sm is None or chat is None or not 0 <= position < len(sm.meeting.items):
        await query.answer(plain("gone_toast", lang))
        return
    reading = await get_reading(db, chat.id, sm.id)
    views = await meeting_views(db, sm)
    was_read = read_marks(reading.seen, views).get(position) == "read"
    seen = mark_read(reading.seen, views, position, not was_read)
    await save_reading(db, chat.id, sm.id, seen)
    positions = items_to_decide(sm.meeting.items, await meeting_proposals(db, sm.id))
    marks = read_marks(seen, views)
    read = sum(1 for p in positions if marks.get(p) == "read")
    key = "prepare_unmarked_toast" if was_read else "prepare_marked_toast"
    await query.answer(plain(key, lang, read=read, total=len(positions)))
    shown = await _render(context, chat.id, sm, lang)
    if shown is None:
        return
    text, keyboard = shown
    if len(text) <= MessageLimit.MAX_TEXT_LENGTH:
        await edit(query, text, keyboard)
        return
    # The checklist spans several messages, its buttons under the last: those are updated
    # where they are (the toast says the count). Sending the whole list again made every
    # press of a large meeting several new messages.
    with not_modified_is_fine():
        await query.edit_message_reply_markup(reply_markup=keyboard)


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("forbered").names, prepare_command))
    application.add_handler(CallbackQueryHandler(read_button, pattern=ToggleRead.matches))
