"""/nasta [organ] (next meeting with its items and a button per item), /moten [organ] (upcoming
and recent meetings), and the `ShowMeeting` button (show a meeting).

Why: "what's on the next meeting" is the question members ask most. Without a body named,
/nasta covers every followed body's next meeting, soonest first: all agendas in one message when
they fit, else a compact list with a button per meeting. Every item is one tap away; the meeting
shown (the soonest) becomes the chat's current meeting, so a bare `4` afterwards means item 4 of
it (kept in the chat's row: it survives a restart).
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import MessageLimit
from telegram.ext import CallbackQueryHandler, CommandHandler

from handlers.bodies import share_link
from handlers.common import (
    App,
    Ctx,
    args_text,
    body_names,
    edit,
    lang_of,
    message_of,
    pressed,
    remember_meeting,
    reply,
    resolve_body,
    today,
)
from handlers.item_args import where
from handlers.reading import look, peek
from presentation.callbacks import MoreMeetings, ShowMeeting
from presentation.commands import command
from presentation.html import EMPTY, Html, fmt, join, s, t
from presentation.render import meeting_keyboard, render_meeting, truncate
from presentation.render_news import news_line
from presentation.texts import format_date, format_short_date, plain
from storage.bodies import BodyRow, list_bodies
from storage.chats import following
from storage.document_reads import meeting_proposals
from storage.item_titles import item_titles
from storage.meeting_reads import next_meetings
from storage.meetings import (
    MeetingRow,
    StoredMeeting,
    cancelled_meetings,
    count_meetings,
    get_meeting,
    list_meetings,
)

Keyboard = InlineKeyboardMarkup
LIST_LENGTH = 5
MAX_LIST = 30  # a list longer than this is not scanned: /moten <organ> narrows it
MAX_TEXT = MessageLimit.MAX_TEXT_LENGTH


async def chosen_bodies(
    update: Update, context: Ctx, lang: str, *, all_when_none: bool, query: str | None = None
) -> list[BodyRow] | None:
    """The body named by `query` (default: the arguments), else the followed ones (else all,
    if asked).

    None when the member named a body that does not exist (already told).
    """
    query = args_text(context) if query is None else query
    if query:
        body = await resolve_body(update, context, query, lang)
        return [body] if body else None
    chat = update.effective_chat
    db = context.services.db
    followed = await following(db, chat.id) if chat else []
    if followed or not all_when_none:
        return followed
    return await list_bodies(db)


async def show_meeting(
    update: Update, context: Ctx, sm: StoredMeeting, lang: str, before: Html = EMPTY
) -> None:
    await remember_meeting(update, context, sm.id)
    line = news_line(sm, await look(update, context, sm, None), lang)  # new since you looked
    before = join("\n\n", (p for p in (before, line) if p))
    text, keyboard = await meeting_view(context, sm, lang)
    text = fmt("{}\n\n{}", before, text) if before else text
    await reply(update, context, text, keyboard)


async def meeting_view(context: Ctx, sm: StoredMeeting, lang: str) -> tuple[Html, Keyboard]:
    """The meeting, one line per item, with the proposals its documents make and titles from
    evidence for the items the page left untitled; a button per item."""
    db = context.services.db
    titles = await item_titles(db, sm)
    text = render_meeting(sm, lang, await meeting_proposals(db, sm.id), titles)
    share = t("share_body", lang, link=share_link(context.bot.username, sm.body))
    return fmt("{}\n{}", text, share), meeting_keyboard(sm, lang, titles)


async def next_command(update: Update, context: Ctx) -> None:
    """The next meeting of the named body, else of every followed body (soonest first)."""
    lang = await lang_of(update, context)
    words = [w.strip("?!.,;:") for w in context.args or []]
    named = where([w for w in words if w]).body  # `nästa möte i rs?`, `next meeting`
    bodies = await chosen_bodies(update, context, lang, all_when_none=False, query=named)
    if bodies is None:
        return
    if not bodies:
        await reply(update, context, t("next_not_following", lang))
        return
    db, ids = context.services.db, [b.id for b in bodies]
    found = await next_meetings(db, ids, today(context))
    until = found[-1].meeting.date if found else None
    cancelled = await cancelled_meetings(db, ids, today(context), until)
    notes = join("\n", (_cancelled_line(row, lang) for row in cancelled))
    if not found:
        text = t("next_none", lang, bodies=body_names(bodies, lang))
        await reply(update, context, fmt("{}\n\n{}", notes, text) if notes else text)
        return
    if len(found) == 1:
        await show_meeting(update, context, found[0], lang, notes)
        return
    await _show_next_meetings(update, context, found, lang, notes)


async def _show_next_meetings(
    update: Update, context: Ctx, found: list[StoredMeeting], lang: str, notes: Html
) -> None:
    """Several bodies' next meetings: all of them in one message when it fits (the soonest
    one's items as buttons, a button for each other meeting), else a compact list with a button
    per meeting. The soonest becomes the chat's current meeting either way."""
    first = found[0]
    await remember_meeting(update, context, first.id)
    views = [await meeting_view(context, sm, lang) for sm in found]
    news = [news_line(sm, await peek(update, context, sm), lang) for sm in found]
    pairs = zip(news, views, strict=True)
    texts = [fmt("{}\n\n{}", line, text) if line else text for line, (text, _) in pairs]
    full = join("\n\n", [notes, *texts] if notes else texts)
    others = [_next_button(sm, lang) for sm in found[1:]]
    if len(full) <= MessageLimit.MAX_TEXT_LENGTH:
        for sm in found:  # every agenda shown whole: seen, as in a single meeting's view
            await look(update, context, sm, None)
        rows = views[0][1].inline_keyboard
        await reply(update, context, full, InlineKeyboardMarkup([*rows, *_rows(others, 2)]))
        return
    lines = [t("next_list_header", lang)]
    lines += [fmt("{}. {}", n, meeting_line(_row_of(sm), lang)) for n, sm in enumerate(found, 1)]
    name = f"{first.body.display_name} {_short_date(first, lang)}"
    lines += [EMPTY, t("next_list_footer", lang, meeting=name)]
    text = join("\n", [notes, EMPTY, *lines] if notes else lines)
    buttons = [_next_button(sm, lang, n) for n, sm in enumerate(found, start=1)]
    await reply(update, context, text, InlineKeyboardMarkup(_rows(buttons, 2)))


def _short_date(sm: StoredMeeting, lang: str) -> str:
    return format_short_date(sm.meeting.date, lang) if sm.meeting.date else ""


def _next_button(sm: StoredMeeting, lang: str, n: int | None = None) -> InlineKeyboardButton:
    """`1. Hälso- och sjukvå… 13 dec`: the number in the list, the body, the day."""
    when = _short_date(sm, lang).rsplit(" ", 1)[0]
    label = f"{truncate(sm.body.display_name, 22)} {when}".strip()
    label = f"{n}. {label}" if n is not None else f"📋 {label}"
    return ShowMeeting(sm.id).button(label)


def _rows(buttons: list[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def _row_of(sm: StoredMeeting) -> MeetingRow:
    """The list line's view of a loaded meeting."""
    m = sm.meeting
    return MeetingRow(
        id=sm.id,
        body=sm.body,
        date=m.date,
        start=m.start,
        place=m.place,
        cancelled=m.cancelled,
        item_count=len(m.items),
        url=m.url,
        minutes_url=m.minutes_url,
    )


def _cancelled_line(row: MeetingRow, lang: str) -> Html:
    """`❌ Mötet i Regionstyrelsen tisdag 8 december 2026 är inställt.`"""
    when = format_date(row.date, lang) if row.date else "?"
    return t("next_cancelled", lang, body=row.body.display_name, date=when)


def meeting_line(row: MeetingRow, lang: str) -> Html:
    """`4 dec 2026 · Regionstyrelsen · 26 punkter`; a cancelled meeting struck and marked."""
    when = format_short_date(row.date, lang) if row.date else "?"
    if row.cancelled and row.item_count == 0:  # "no agenda yet" would promise one
        bare = t("meetings_line_bare", lang, date=when, body=row.body.display_name)
        return fmt("{} {}", s(bare), t("meeting_cancelled", lang))
    if row.item_count == 0:
        count = t("meetings_no_agenda", lang)
    else:
        key = "meetings_one_item" if row.item_count == 1 else "meetings_items"
        count = t(key, lang, count=row.item_count)
    line = t("meetings_line", lang, date=when, body=row.body.display_name, count=count)
    return fmt("{} {}", s(line), t("meeting_cancelled", lang)) if row.cancelled else line


def _meetings_text(
    ahead: list[MeetingRow], behind: list[MeetingRow], totals: tuple[int, int], lang: str
) -> Html:
    blocks = []
    for key, rows, total in (
        ("meetings_upcoming", ahead, totals[0]),
        ("meetings_recent", behind, totals[1]),
    ):
        if rows:
            lines = [fmt("{}. {}", n, meeting_line(r, lang)) for n, r in enumerate(rows, start=1)]
            count = t("meetings_count", lang, shown=len(rows), total=total)
            blocks.append(join("\n", [fmt("{} {}", t(key, lang), count), *lines]))
    return join("\n\n", blocks)


def _meetings_keyboard(rows: list[MeetingRow], lang: str) -> InlineKeyboardMarkup:
    buttons = [
        ShowMeeting(r.id).button(format_short_date(r.date, lang) if r.date else str(r.id))
        for r in rows
    ]
    return InlineKeyboardMarkup([buttons[i : i + 3] for i in range(0, len(buttons), 3)])


async def meetings_command(update: Update, context: Ctx) -> None:
    lang = await lang_of(update, context)
    bodies = await chosen_bodies(update, context, lang, all_when_none=True)
    if bodies is None:
        return
    ids = [b.id for b in bodies]
    context.memory.listed_bodies = ids
    await _send_list(update, context, ids, LIST_LENGTH, lang, bodies)


async def _send_list(
    update: Update,
    context: Ctx,
    ids: list[int],
    length: int,
    lang: str,
    bodies: list[BodyRow] | None = None,
) -> None:
    """The first `length` upcoming and recent meetings; "Fler" shows LIST_LENGTH more of each."""
    db, day = context.services.db, today(context)
    ahead, behind = await list_meetings(db, ids, day, upcoming=length, recent=length)
    if not ahead and not behind:
        names = body_names(bodies or [], lang)
        await reply(update, context, t("meetings_none", lang, bodies=names))
        return
    totals = await count_meetings(db, ids, day)
    keyboard = _meetings_keyboard([*ahead, *behind], lang)
    if len(ahead) < totals[0] or len(behind) < totals[1]:
        more = MoreMeetings(length).button(plain("button_more", lang))
        keyboard = InlineKeyboardMarkup([*keyboard.inline_keyboard, [more]])
    await reply(update, context, _meetings_text(ahead, behind, totals, lang), keyboard)


async def more_meetings(update: Update, context: Ctx) -> None:
    """`MoreMeetings`: the chat's last /moten list again with LIST_LENGTH more of each kind."""
    query, lang, more = await pressed(update, context, MoreMeetings)
    ids = context.memory.listed_bodies
    if more is None or ids is None:
        await query.answer(plain("gone_toast", lang))
        return
    await query.answer()
    await _send_list(update, context, ids, min(more.shown + LIST_LENGTH, MAX_LIST), lang)


async def meeting_button(update: Update, context: Ctx) -> None:
    """`ShowMeeting`: show the meeting; from an item view, in place of the item."""
    query, lang, shown = await pressed(update, context, ShowMeeting)
    sm = await get_meeting(context.services.db, shown.meeting_id) if shown else None
    if sm is None:
        await query.answer(plain("gone_toast", lang))
        return
    await query.answer()
    await remember_meeting(update, context, sm.id)
    text, keyboard = await meeting_view(context, sm, lang)
    message, views = message_of(update), context.memory.item_views
    if message is not None and message.message_id in views and len(text) <= MAX_TEXT:
        line = news_line(sm, await look(update, context, sm, None), lang)
        text = fmt("{}\n\n{}", line, text) if line else text
        await edit(query, text, keyboard)
        views.remove(message.message_id)  # a meeting now
        return
    await show_meeting(update, context, sm, lang)


def register(application: App) -> None:
    application.add_handler(CommandHandler(command("nasta").names, next_command))
    application.add_handler(CommandHandler(command("moten").names, meetings_command))
    application.add_handler(CallbackQueryHandler(meeting_button, pattern=ShowMeeting.matches))
    application.add_handler(CallbackQueryHandler(more_meetings, pattern=MoreMeetings.matches))
