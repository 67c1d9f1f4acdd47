"""/nytt [organ] (/new): what was added or changed since this chat last looked, and the
`NextNews` button that opens the news one item at a time.

Why: a member who read the agenda on Monday cannot tell what changed by Thursday without
reading it all again. For the upcoming meetings of the followed (or named) bodies, /nytt
compares the chat's reading state with the meeting now (`agenda.reading.news`): items added
after the agenda was seen, and seen items whose title, text, proposal or documents changed,
each marked with what changed. Opening an item (a button, `NextNews`) marks it seen, so the next
press shows the next one. Meetings the chat never opened are named, not listed item by item.
"""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from agenda.clock import STOCKHOLM
from agenda.reading import news
from handlers.common import App, Ctx, lang_of, pressed, remember_meeting, reply, today
from handlers.items import item_parts
from handlers.meetings import chosen_bodies
from handlers.reading import look
from presentation.callbacks import NextNews
from presentation.commands import command
from presentation.html import fmt, join, t
from presentation.render_news import (
    news_block,
    news_in_item,
    news_keyboard,
    unseen_line,
)
from presentation.texts import format_short_date, format_time_span, plain
from storage.meeting_rows import StoredMeeting
from storage.meetings import get_meeting, list_meetings
from storage.reading import meeting_views, readings

MEETINGS = 10  # upcoming meetings looked at per /nytt

News = list[tuple[StoredMeeting, dict[int, list[str]], str]]


async def _news(
    update: Update, context: Ctx, body_ids: list[int]
) -> tuple[News, list[StoredMeeting], int]:
    """(meetings with news: the meeting, its news, when the chat looked; meetings with an
    agenda the chat never opened, soonest first; how many agendas it has opened)."""
    db, chat = context.services.db, update.effective_chat
    if chat is None or not body_ids:
        return [], [], 0
    ahead, _ = await list_meetings(db, body_ids, today(context), upcoming=MEETINGS, recent=0)
    looked = await readings(db, chat.id, [row.id for row in ahead])
    found: News = []
    unseen: list[StoredMeeting] = []
    opened = 0
    for row in ahead:
        sm = await get_meeting(db, row.id)
        if sm is None or sm.meeting.cancelled or not sm.meeting.items:
            continue
        reading = looked.get(row.id)
        if reading is None or not (reading.seen.agenda or reading.seen.items):
            unseen.append(sm)
            continue
        opened += 1
        changes = news(reading.seen, await meeting_views(db, sm))
        if changes:
            found.append((sm, changes, reading.looked_at))
    return found, unseen, opened


def _when(stamp: str, lang: str) -> str:
    moment = datetime.fromisoformat(stamp).astimezone(STOCKHOLM)
    return f"{format_short_date(moment.date(), lang)} {format_time_span(moment.time(), None)}"


async def news_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    bodies = await chosen_bodies(update, context, lang, all_when_none=False)
    if bodies is None:
        return
    if not bodies:
        await reply(update, context, t("next_not_following", lang))
        return
    found, unseen, opened = await _news(update, context, [b.id for b in bodies])
    blocks = [news_block(sm, changes, _when(looked, lang), lang) for sm, changes, looked in found]
    if blocks:
        text = join("\n\n", [t("news_header", lang), *blocks])
    elif unseen:  # not a bare "nothing new since you looked" above agendas never looked at
        text = t("news_none_opened" if opened else "news_none_looked", lang)
    else:
        text = t("news_none", lang)
    if unseen:
        text = fmt("{}\n\n{}", text, join("\n", (unseen_line(sm, lang) for sm in unseen)))
    items = [(sm, p) for sm, changes, _ in found for p in sorted(changes)]
    await reply(update, context, text, news_keyboard(items, lang))


async def next_news(update: Update, context: Ctx) -> None:
    """`NextNews`: open the first item with news (which marks it seen), with a "next" button."""
    query, lang, _ = await pressed(update, context, NextNews)
    chat = update.effective_chat
    followed = await chosen_bodies(update, context, lang, all_when_none=False, query="")
    found, _, _ = await _news(update, context, [b.id for b in followed or []])
    if chat is None or not found:
        await query.answer()
        await reply(update, context, t("news_done", lang))
        return
    await query.answer()
    sm, changes, _ = found[0]
    position = min(changes)
    await look(update, context, sm, [position])
    await remember_meeting(update, context, sm.id)  # a bare `4` now means this meeting's
    text, keyboard = await item_parts(context, sm, position, lang)
    text = fmt("{}\n\n{}", news_in_item(changes[position], lang), text)
    more = NextNews().button(plain("news_next", lang))
    rows = [*keyboard.inline_keyboard, [more]]
    sent = await reply(update, context, text, InlineKeyboardMarkup(rows))
    if sent is not None:
        context.memory.shows_item(sent.message_id)  # its ◀ / ▶ step in place


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("nytt").names, news_command))
    application.add_handler(CallbackQueryHandler(next_news, pattern=NextNews.matches))
