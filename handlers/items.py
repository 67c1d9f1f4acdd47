"""/punkt <n> [organ] [datum], /paragraf <n> [organ] [år], the plain forms `punkt 4`, `§ 54`,
`4` (after /nasta), and the i:<meeting_id>:<position> buttons with previous/next.

Why: members ask for "punkt 4 på nästa möte" and "§ 54" — two different numbers (agenda item vs
minutes paragraph). An item is shown in full (split if long) with buttons to its neighbours;
the meeting it belongs to becomes the chat's current meeting.
"""

from __future__ import annotations

import html
import re
from datetime import date

from telegram import Update
from telegram.constants import ChatType, MessageLimit
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.commands import command
from bot.render import item_keyboard, item_ref, parse_callback, render_item
from bot.services import services
from bot.texts import format_date, t
from handlers.common import (
    MEETING_KEY,
    App,
    Ctx,
    body_names,
    lang_of,
    message_of,
    reply,
    resolve_body,
    today,
)
from handlers.meetings import chosen_bodies
from storage.bodies import BodyRow, list_bodies
from storage.chats import following
from storage.meetings import (
    StoredMeeting,
    find_paragraph,
    get_meeting,
    latest_meeting,
    meeting_on,
    next_meeting,
)

MAX_NUMBER = 100_000
_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_YEAR = re.compile(r"^(19|20)\d{2}$")
_PLAIN_ITEM = re.compile(r"^\s*(?:punkt|item|p\.?)\s*(\d{1,6})\s*$", re.IGNORECASE)
_PLAIN_PARAGRAPH = re.compile(r"^\s*(?:§|paragraf|paragraph)\s*(\d{1,6})\s*$", re.IGNORECASE)
_PLAIN_NUMBER = re.compile(r"^\s*(\d{1,6})\.?\s*$")


def _number(raw: str) -> int | None:
    raw = raw.strip().rstrip(".").lstrip("§").strip()
    return int(raw) if raw.isdigit() and 0 < int(raw) <= MAX_NUMBER else None


async def show_item(update: Update, context: Ctx, sm: StoredMeeting, position: int) -> None:
    lang = await lang_of(update, context)
    if context.chat_data is not None:
        context.chat_data[MEETING_KEY] = sm.id
    item = sm.meeting.items[position]
    await reply(update, context, render_item(sm, item, lang), item_keyboard(sm, position, lang))


async def _show_number(update: Update, context: Ctx, sm: StoredMeeting, number: int) -> None:
    lang = await lang_of(update, context)
    for position, item in enumerate(sm.meeting.items):
        if item.number == number:
            await show_item(update, context, sm, position)
            return
    labels = [item_ref(i, p) for p, i in enumerate(sm.meeting.items) if i.number is not None]
    available = (
        t("item_available", lang, labels=html.escape(", ".join(labels)))
        if labels
        else t("item_none_numbered", lang)
    )
    when = format_date(sm.meeting.date, lang) if sm.meeting.date else ""
    meeting = f"<b>{html.escape(sm.body.display_name)}</b> {when}".strip()
    text = t("item_not_found", lang, meeting=meeting, number=number, available=available)
    await reply(update, context, text)


async def _default_meeting(update: Update, context: Ctx) -> StoredMeeting | None:
    """The chat's current meeting, else the next (else latest) meeting of the followed bodies."""
    db = services(context).db
    current = context.chat_data.get(MEETING_KEY) if context.chat_data is not None else None
    if isinstance(current, int):
        sm = await get_meeting(db, current)
        if sm is not None:
            return sm
    chat = update.effective_chat
    ids = [b.id for b in await following(db, chat.id)] if chat else []
    if not ids:
        return None
    return await next_meeting(db, ids, today()) or await latest_meeting(db, ids)


async def _meeting_for(
    update: Update, context: Ctx, body: BodyRow | None, on: date | None, lang: str
) -> StoredMeeting | None:
    db = services(context).db
    if body is None and on is None:
        return await _default_meeting(update, context)
    if body is not None and on is None:
        return await next_meeting(db, [body.id], today()) or await latest_meeting(db, [body.id])
    assert on is not None
    chat = update.effective_chat
    candidates = [body] if body else (await following(db, chat.id) if chat else [])
    for candidate in candidates or await list_bodies(db):
        found = await meeting_on(db, candidate.id, on)
        if found is not None:
            return found
    return None


def _split_date(words: list[str], lang: str) -> tuple[list[str], date | None, str | None]:
    """(remaining words, date at the end or None, error text when the date is garbage)."""
    if words and _DATE.match(words[-1]):
        try:
            return words[:-1], date.fromisoformat(_pad(words[-1])), None
        except ValueError:
            return words, None, t("bad_date", lang, value=html.escape(words[-1]))
    return words, None, None


def _pad(raw: str) -> str:
    year, month, day = raw.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


async def item_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    args = list(context.args or [])
    number = _number(args[0]) if args else None
    if number is None:
        usage = t("item_usage", lang)
        bad = args and t("number_bad", lang, value=html.escape(args[0][:40]), usage=usage)
        await reply(update, context, bad or usage)
        return
    words, on, error = _split_date(args[1:], lang)
    if error:
        await reply(update, context, error + " " + t("item_usage", lang))
        return
    body = await resolve_body(update, context, " ".join(words), lang) if words else None
    if words and body is None:
        return
    sm = await _meeting_for(update, context, body, on, lang)
    if sm is None:
        await _no_meeting(update, context, body, on, lang)
        return
    await _show_number(update, context, sm, number)


async def _no_meeting(
    update: Update, context: Ctx, body: BodyRow | None, on: date | None, lang: str
) -> None:
    if body is not None and on is not None:
        text = t(
            "meeting_on_none",
            lang,
            body=html.escape(body.display_name),
            date=format_date(on, lang),
            query=html.escape(body.slug),
        )
    elif body is not None:
        text = t("meetings_none", lang, bodies=body_names([body], lang))
    else:
        text = t("item_no_meeting", lang)
    await reply(update, context, text)


async def paragraph_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    args = list(context.args or [])
    number = _number(args[0]) if args else None
    if number is None:
        usage = t("paragraph_usage", lang)
        bad = args and t("number_bad", lang, value=html.escape(args[0][:40]), usage=usage)
        await reply(update, context, bad or usage)
        return
    words = args[1:]
    year = int(words.pop()) if words and _YEAR.match(words[-1]) else None
    context.args = words
    await show_paragraph(update, context, number, year, lang)


async def show_paragraph(
    update: Update, context: Ctx, number: int, year: int | None, lang: str
) -> None:
    bodies = await chosen_bodies(update, context, lang, all_when_none=True)
    if bodies is None:
        return
    found = await find_paragraph(services(context).db, [b.id for b in bodies], number, year)
    if found is None:
        names = body_names(bodies, lang) if len(bodies) <= 3 else t("all_bodies", lang)
        await reply(update, context, t("paragraph_not_found", lang, number=number, bodies=names))
        return
    sm, item = found
    position = next(p for p, i in enumerate(sm.meeting.items) if i is item)
    await show_item(update, context, sm, position)


async def plain_text(update: Update, context: Ctx) -> None:
    """`punkt 4`, `§ 54`, or a bare `4` after a meeting was shown; a hint otherwise (private)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text = message.text
    lang = await lang_of(update, context)
    has_meeting = context.chat_data is not None and MEETING_KEY in context.chat_data
    if match := _PLAIN_PARAGRAPH.match(text):
        context.args = []
        await show_paragraph(update, context, int(match.group(1)), None, lang)
        return
    match = _PLAIN_ITEM.match(text) or (_PLAIN_NUMBER.match(text) if has_meeting else None)
    if match:
        sm = await _default_meeting(update, context)
        if sm is None:
            await reply(update, context, t("item_no_meeting", lang))
            return
        await _show_number(update, context, sm, int(match.group(1)))
        return
    if update.effective_chat and update.effective_chat.type == ChatType.PRIVATE:
        await reply(update, context, t("plain_hint", lang))


async def item_button(update: Update, context: Ctx) -> None:
    """i:<meeting_id>:<position>: prev/next edit the item in place; from a list, a new message."""
    query = update.callback_query
    assert query is not None
    lang = await lang_of(update, context)
    parsed = parse_callback(query.data)
    sm = await get_meeting(services(context).db, parsed[1]) if parsed else None
    position = parsed[2] if parsed else None
    if sm is None or position is None or not 0 <= position < len(sm.meeting.items):
        await query.answer(t("item_gone", lang).split(".")[0])
        return
    await query.answer()
    text = render_item(sm, sm.meeting.items[position], lang)
    message = message_of(update)
    markup = message.reply_markup if message is not None else None
    rows = markup.inline_keyboard if markup else ()
    buttons = [str(b.callback_data) for row in rows for b in row]
    from_item = any(b.startswith("m:") for b in buttons)
    if from_item and len(text) <= MessageLimit.MAX_TEXT_LENGTH:
        if context.chat_data is not None:
            context.chat_data[MEETING_KEY] = sm.id
        await query.edit_message_text(text, reply_markup=item_keyboard(sm, position, lang))
        return
    await show_item(update, context, sm, position)


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("punkt").names, item_command))
    application.add_handler(CommandHandler(command("paragraf").names, paragraph_command))
    application.add_handler(CallbackQueryHandler(item_button, pattern=r"^i:\d+:\d+$"))


def register_plain_text(application: App) -> None:
    """Registered last by the composition root, after every command handler."""
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, plain_text))
