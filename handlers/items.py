"""/punkt <n> [organ] [datum], /paragraf <n> [organ] [år], the plain forms `punkt 4`, `§ 54`,
`4` (after /nasta), and the `ShowItem` buttons with previous/next.

Why: members ask for "punkt 4 på nästa möte" and "§ 54" — two different numbers (agenda item vs
minutes paragraph). An item is shown in full (split if long) with buttons to its neighbours;
the meeting it belongs to becomes the chat's current meeting.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ChatType, MessageLimit
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from handlers.common import (
    App,
    Ctx,
    body_names,
    current_meeting,
    edit,
    lang_of,
    message_of,
    pressed,
    remember_meeting,
    reply,
    resolve_body,
    today,
)
from handlers.item_args import (
    is_bare_number,
    lettered,
    names_a_body,
    next_meeting_words,
    number,
    plain_item,
    plain_paragraph,
    split_year,
    where,
)
from handlers.meetings import chosen_bodies, next_command
from handlers.reading import look
from presentation.callbacks import ShowItem, ShowMeeting
from presentation.commands import command
from presentation.dates import Span, find_date
from presentation.html import EMPTY, Html, b, fmt, join, t
from presentation.render import available_numbers, item_keyboard
from presentation.render_documents import item_view
from presentation.render_news import news_in_item
from presentation.texts import format_date, format_span, plain
from storage.bodies import BodyRow, list_bodies
from storage.chats import following
from storage.document_reads import item_substance
from storage.item_titles import item_titles
from storage.meeting_reads import latest_held_meeting, paragraph_in_minutes
from storage.meetings import (
    StoredMeeting,
    find_paragraph,
    get_meeting,
    latest_meeting,
    meeting_on,
    next_meeting,
)


async def show_item(
    update: Update, context: Ctx, sm: StoredMeeting, position: int, before: Html = EMPTY
) -> None:
    lang = await lang_of(update, context)
    parts = await item_parts(context, sm, position, lang)
    await _send_item(update, context, sm, position, parts, lang, before)


async def _send_item(
    update: Update,
    context: Ctx,
    sm: StoredMeeting,
    position: int,
    parts: tuple[Html, InlineKeyboardMarkup],
    lang: str,
    before: Html = EMPTY,
) -> None:
    """Send the item's view as a new message, marked with what is new in it to the chat."""
    await remember_meeting(update, context, sm.id)
    text, keyboard = parts
    text = await _marked(update, context, sm, position, text, lang)
    text = fmt("{}\n\n{}", before, text) if before else text
    await _reply_in_item(update, context, text, keyboard)


async def _reply_in_item(
    update: Update, context: Ctx, text: Html, keyboard: InlineKeyboardMarkup
) -> None:
    """Send a view of one item (or of an item asked for, with its meeting's button), and
    remember it as one: its "📋 Mötet" button shows the meeting in its place."""
    sent = await reply(update, context, text, keyboard)
    if sent is not None:
        context.memory.shows_item(sent.message_id)


async def _marked(
    update: Update, context: Ctx, sm: StoredMeeting, position: int, text: Html, lang: str
) -> Html:
    """The item seen by the chat (handlers.reading); what was new in it marked on top."""
    mark = news_in_item((await look(update, context, sm, [position])).get(position, []), lang)
    return fmt("{}\n\n{}", mark, text) if mark else text


async def item_parts(
    context: Ctx, sm: StoredMeeting, position: int, lang: str
) -> tuple[Html, InlineKeyboardMarkup]:
    """The item as the page has it, then what its documents and the minutes PDF say; and its
    ◀ / ▶ buttons, named like the meeting's. One read of the evidence titles serves both."""
    db = context.services.db
    titles = await item_titles(db, sm)  # {} at once when every item has its title
    substance = await item_substance(db, sm.id, position)
    text = item_view(sm, sm.meeting.items[position], substance, lang, titles.get(position))
    return text, item_keyboard(sm, position, lang, titles)


def _meeting_name(sm: StoredMeeting, lang: str) -> tuple[Html, str]:
    """(the body name in bold, the meeting's date in words or '')."""
    when = format_date(sm.meeting.date, lang) if sm.meeting.date else ""
    return b(sm.body.display_name), when


async def _show_number(update: Update, context: Ctx, sm: StoredMeeting, wanted: int | str) -> None:
    """Item `wanted` (a number, or a lettered sub-item's label `9 a`), or which items there are."""
    lang = await lang_of(update, context)
    item = (
        sm.meeting.item_by_number(wanted)
        if isinstance(wanted, int)
        else sm.meeting.item_by_label(wanted)
    )
    if item is not None:
        position = next(p for p, i in enumerate(sm.meeting.items) if i is item)
        await show_item(update, context, sm, position)
        return
    body, when = _meeting_name(sm, lang)
    key = "item_not_found" if when else "item_not_found_undated"
    available = available_numbers(sm, lang)
    text = t(key, lang, body=body, date=when, number=wanted, available=available)
    button = ShowMeeting(sm.id).button(plain("button_meeting", lang))
    await _reply_in_item(update, context, text, InlineKeyboardMarkup([[button]]))


async def _default_meeting(update: Update, context: Ctx) -> StoredMeeting | None:
    """The chat's current meeting, else the followed bodies' meeting to look in."""
    db = context.services.db
    current = await current_meeting(update, context)
    if current is not None:
        sm = await get_meeting(db, current)
        if sm is not None:
            return sm
    ids = await _followed_ids(update, context)
    return await _lookup_meeting(context, ids) if ids else None


async def _lookup_meeting(context: Ctx, ids: list[int]) -> StoredMeeting | None:
    """Where `/punkt 4 rs` looks: the next meeting once it has its agenda, else the latest one
    held with items; a cancelled meeting (or one without items) only when there is no other."""
    db, day = context.services.db, today(context)
    coming = await next_meeting(db, ids, day)
    if coming is not None and coming.meeting.items:
        return coming
    return await latest_held_meeting(db, ids) or coming or await latest_meeting(db, ids)


async def _followed_ids(update: Update, context: Ctx) -> list[int]:
    chat = update.effective_chat
    return [b.id for b in await following(context.services.db, chat.id)] if chat else []


WEEKS_AHEAD = 8  # `på måndag`: the first Monday with the meeting, at most this many weeks on


async def _meeting_for(
    update: Update, context: Ctx, body: BodyRow | None, on: Span | None, upcoming: bool
) -> StoredMeeting | None:
    """The meeting asked for: on a date (followed bodies first, then any; for a bare weekday the
    first such day with a meeting), the next one ("på nästa möte"), the named body's meeting to
    look in, else the chat's current one."""
    db = context.services.db
    if on is not None:
        followed = await following(db, update.effective_chat.id) if update.effective_chat else []
        candidates = [body] if body else [*followed, *await list_bodies(db)]
        for week in range(WEEKS_AHEAD if on.weekly else 1):
            start, end = (on.start + timedelta(weeks=week), on.end + timedelta(weeks=week))
            for candidate in candidates:
                found = await meeting_on(db, candidate.id, start, end)
                if found is not None:
                    return found
        return None
    ids = [body.id] if body else await _followed_ids(update, context)
    if upcoming:
        return await next_meeting(db, ids, today(context)) if ids else None
    if body is None:
        return await _default_meeting(update, context)
    return await _lookup_meeting(context, ids)


async def item_command(update: Update, context: Ctx) -> None:
    await answer_item(update, context, list(context.args or []))


async def answer_item(update: Update, context: Ctx, args: list[str]) -> None:
    """`<nr> [organ] [datum]`, also `<nr> på nästa möte`, a lettered `9a`: the item, or why
    not."""
    lang = await lang_of(update, context)
    label, rest = lettered(args)
    wanted: int | str
    if label is not None:
        wanted = label
    else:
        number = await _wanted_number(update, context, args, "item_usage", lang)
        if number is None:
            return
        wanted, rest = number, args[1:]
    found = find_date(rest, today(context))
    if found.bad is not None:
        bad = t("bad_date", lang, value=found.bad[:40])
        await reply(update, context, fmt("{} {}", bad, t("item_usage", lang)))
        return
    on = found.span
    asked = where(found.rest)
    body = await resolve_body(update, context, asked.body, lang) if asked.body else None
    if asked.body and body is None:
        return
    sm = await _meeting_for(update, context, body, on, asked.upcoming)
    if sm is None:
        await _no_meeting(update, context, body, on, asked.upcoming, lang)
        return
    await _show_number(update, context, sm, wanted)


async def _no_meeting(
    update: Update, context: Ctx, body: BodyRow | None, on: Span | None, upcoming: bool, lang: str
) -> None:
    if on is not None and body is not None:
        when = format_span(on, lang)
        text = t("meeting_on_none", lang, body=body.display_name, date=when, query=body.slug)
    elif on is not None:
        text = t("meeting_on_none_any", lang, date=format_span(on, lang))
    elif body is not None:
        key = "next_none" if upcoming else "meetings_none"
        text = t(key, lang, bodies=body_names([body], lang))
    elif upcoming and (followed := await following(context.services.db, _chat_id(update))):
        text = t("next_none", lang, bodies=body_names(followed, lang))
    else:
        text = t("item_no_meeting", lang)
    await reply(update, context, text)


def _chat_id(update: Update) -> int:
    return update.effective_chat.id if update.effective_chat else 0


async def _wanted_number(
    update: Update, context: Ctx, args: list[str], usage_key: str, lang: str
) -> int | None:
    """The item or § number of the first argument; else the usage (with what was wrong)."""
    wanted = number(args[0]) if args else None
    if wanted is None:
        usage = t(usage_key, lang)
        bad = args and t("number_bad", lang, value=args[0][:40], usage=usage)
        await reply(update, context, bad or usage)
    return wanted


async def paragraph_command(update: Update, context: Ctx) -> None:
    await answer_paragraph(update, context, list(context.args or []))


async def answer_paragraph(update: Update, context: Ctx, args: list[str]) -> None:
    """`<nr> [organ] [år]`: the item with that § (followed bodies first), or why not."""
    lang = await lang_of(update, context)
    wanted = await _wanted_number(update, context, args, "paragraph_usage", lang)
    if wanted is None:
        return
    words, year = split_year(args[1:])
    named = where(words).body
    bodies = await chosen_bodies(update, context, lang, all_when_none=True, query=named)
    if bodies is None:
        return
    db = context.services.db
    found = await find_paragraph(db, [b.id for b in bodies], wanted, year)
    if found is not None:
        await _show_found(update, context, *found)
        return
    if await _from_minutes(update, context, [b.id for b in bodies], wanted, year, lang):
        return
    names = body_names(bodies, lang) if len(bodies) <= 3 else t("all_bodies", lang)
    since = t("paragraph_year", lang, year=year) if year else ""
    text = t("paragraph_not_found", lang, number=wanted, bodies=names, year=since)
    keyboard = None
    every = [] if named else await list_bodies(db)
    if len(every) > len(bodies):  # not among the followed bodies: perhaps in another one
        other = await find_paragraph(db, [b.id for b in every], wanted, year)
        if other is not None:
            sm, item = other
            body, when = _meeting_name(sm, lang)
            elsewhere = t("paragraph_elsewhere", lang, number=wanted, body=body, date=when)
            text = fmt("{}\n{}", text, elsewhere)
            position = next(p for p, i in enumerate(sm.meeting.items) if i is item)
            label = f"§ {wanted} · {sm.body.display_name}"[:60]
            keyboard = InlineKeyboardMarkup([[ShowItem(sm.id, position).button(label)]])
    await reply(update, context, text, keyboard)


async def _from_minutes(
    update: Update, context: Ctx, ids: list[int], wanted: int, year: int | None, lang: str
) -> bool:
    """§ `wanted` known only from a minutes PDF: its item (the § it was aligned with), else
    the § itself with its decision. False when no minutes have it."""
    found = await paragraph_in_minutes(context.services.db, ids, wanted, year)
    if found is None:
        return False
    sm, position, title, decision = found
    body, when = _meeting_name(sm, lang)
    if position is not None:
        item = sm.meeting.items[position]
        key = "item_ref" if item.number is not None else "item_below"
        ref = t(key, lang, number=item.number)
        before = t("paragraph_from_minutes", lang, number=wanted, body=body, date=when, item=ref)
        await show_item(update, context, sm, position, before)
        return True
    await remember_meeting(update, context, sm.id)
    lines = [fmt("{} · {}", body, when), b(f"§ {wanted}")]
    if title:
        lines.append(b(title))
    if decision:
        lines += [EMPTY, t("doc_decision", lang, decision=decision)]
    button = ShowMeeting(sm.id).button(plain("button_meeting", lang))
    await _reply_in_item(update, context, join("\n", lines), InlineKeyboardMarkup([[button]]))
    return True


async def _show_found(update: Update, context: Ctx, sm: StoredMeeting, item: object) -> None:
    position = next(p for p, i in enumerate(sm.meeting.items) if i is item)
    await show_item(update, context, sm, position)


async def plain_text(update: Update, context: Ctx) -> None:
    """`punkt 4 [organ] [datum]`, `§ 54 [organ] [år]`, or a bare `4` after a meeting was shown;
    a hint otherwise (private chats only: in groups, plain talk is not for the bot)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    text, private = message.text, message.chat.type == ChatType.PRIVATE
    has_meeting = is_bare_number(text) and await current_meeting(update, context) is not None
    paragraph = plain_paragraph(text)
    args = paragraph if paragraph is not None else plain_item(text, has_meeting)
    if args is not None:
        bodies = [] if private or len(args) == 1 else await list_bodies(context.services.db)
        if bodies and not names_a_body(args, bodies, today(context)):
            return  # group chatter such as `punkt 4 är viktig`
        answer = answer_paragraph if paragraph is not None else answer_item
        await answer(update, context, args)
        return
    asked = next_meeting_words(text) if private else None
    if asked is not None:  # `när är nästa möte?`
        context.args = asked
        await next_command(update, context)
        return
    if private:
        await reply(update, context, t("plain_hint", await lang_of(update, context)))


async def item_button(update: Update, context: Ctx) -> None:
    """`ShowItem`: under an item view (its ◀ / ▶, remembered in `context.memory`) the item
    replaces the message; from an agenda, a list or a hit, a new message (those messages carry
    a meeting's button too, so the buttons cannot tell)."""
    query, lang, shown = await pressed(update, context, ShowItem)
    sm = await get_meeting(context.services.db, shown.meeting_id) if shown else None
    position = shown.position if shown else -1
    if sm is None or not 0 <= position < len(sm.meeting.items):
        await query.answer(plain("item_gone", lang).split(".")[0])
        return
    await query.answer()
    parts = await item_parts(context, sm, position, lang)
    text, keyboard = parts
    message = message_of(update)
    from_item = message is not None and message.message_id in context.memory.item_views
    if from_item and message is not None and len(text) <= MessageLimit.MAX_TEXT_LENGTH:
        await remember_meeting(update, context, sm.id)
        await edit(query, await _marked(update, context, sm, position, text, lang), keyboard)
        context.memory.shows_item(message.message_id)
        return
    await _send_item(update, context, sm, position, parts, lang)


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("punkt").names, item_command))
    application.add_handler(CommandHandler(command("paragraf").names, paragraph_command))
    application.add_handler(CallbackQueryHandler(item_button, pattern=ShowItem.matches))


def register_plain_text(application: App) -> None:
    """Registered last by the composition root, after every command handler."""
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, plain_text))
